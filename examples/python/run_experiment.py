"""An experiment file run from Python: the same spikes as `axon run FILE --seed SEED`.
Usage: python run_experiment.py [FILE] [SEED] (default: examples/experiments/cuba.toml, seed 1)."""
import pathlib
import sys

import axon

path = sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[1] / "experiments" / "cuba.toml"
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
experiment = axon.load_experiment(str(path), seed=seed)
print(f"{experiment.name}: {experiment.network.neuron_count} neurons, {experiment.duration_ms:.0f} ms "
      f"on '{experiment.backend}'")
sim = axon.run_experiment(str(path), seed=seed)
for name in experiment.network.population_names:
    times, neurons = sim.spikes(name)
    rate = len(times) / experiment.network.population_size(name) / (experiment.duration_ms * 1e-3)
    print(f"{name:>6}: {len(times):8d} spikes, {rate:6.2f} Hz")
