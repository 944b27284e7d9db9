"""One network over the processes of mpirun, the same spikes as one process (docs/scaling.md).

    mpirun -np 2 python examples/python/distributed.py [duration_ms]

Every rank builds the same network and makes the same calls; each simulates its share of every
population, and what it reads back (here the spikes) is the whole network's on every rank."""
import sys

import numpy as np

import axon

duration_ms = float(sys.argv[1]) if len(sys.argv) > 1 else 200.0
net = axon.models.brunel_a(neurons=12500)
sim = axon.Simulator(net, threads=1, mpi=True)
sim.run(duration_ms)
stats = sim.stats()
print(f"rank {sim.rank} of {sim.ranks}: simulated in {stats.simulation_s:.2f} s, "
      f"{stats.communication_s:.2f} s of it exchanging spikes", flush=True)
if sim.rank == 0:
    alone = axon.Simulator(net, threads=1)  # rank 0 checks: the same network in one process
    alone.run(duration_ms)
    identical = all(np.array_equal(a, b) for population in ("E", "I")
                    for a, b in zip(alone.spikes(population), sim.spikes(population)))
    times_ms, neurons = sim.spikes("E")
    print(f"E: {len(times_ms)} spikes; identical to a one-process run: {'yes' if identical else 'NO'}")
    sys.exit(0 if identical else 1)
