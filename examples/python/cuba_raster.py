"""The Vogels-Abbott CUBA network (4,000 LIF neurons, 1 s): its rates, and a raster and rate plot
in cuba_raster.png when matplotlib is installed (the example runs without it).
Usage: python cuba_raster.py [OUT_FOLDER]"""
import pathlib
import sys

import numpy as np

import axon

net = axon.models.cuba(neurons=4000, seed=1)
sim = axon.Simulator(net)
sim.run(1000.0)
print(f"{net.neuron_count} neurons, {sim.stats().synapses} synapses, 1 s in {sim.stats().simulation_s:.2f} s")
for name in net.population_names:
    times, neurons = sim.spikes(name)
    print(f"{name}: {len(times)} spikes, {len(times) / net.population_size(name):.1f} Hz")
    assert len(times) > 0, f"{name} is silent"

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(0)
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
fig, (raster, rate) = plt.subplots(2, 1, sharex=True, figsize=(8, 6), height_ratios=[3, 1])
offset = 0
for name, colour in zip(net.population_names, ["tab:blue", "tab:red"]):
    times, neurons = sim.spikes(name)
    shown = neurons < 200  # the first 200 neurons of each population
    raster.plot(times[shown], neurons[shown] + offset, "|", color=colour, markersize=2, label=name)
    counts, edges = np.histogram(times, bins=np.arange(0, 1001, 5))
    rate.plot(edges[:-1], counts / (net.population_size(name) * 0.005), color=colour)
    offset += 200
raster.set_ylabel("neuron")
raster.legend(loc="upper right")
rate.set_xlabel("time (ms)")
rate.set_ylabel("rate (Hz)")
fig.savefig(out / "cuba_raster.png", dpi=100)
print(f"wrote {out / 'cuba_raster.png'}")
