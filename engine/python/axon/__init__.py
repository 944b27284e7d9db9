"""Axon: a spiking neural network engine, bit-for-bit reproducible on the CPU and the GPU.

A thin layer over the C++ library (docs/python.md)::

    import axon
    net = axon.Network(dt_ms=0.1, seed=1)
    e = net.add_population("E", 800, "lif_exp")
    net.add_poisson_input(e, rate_Hz=8000.0, weight=87.8)
    net.record_all_spikes()
    sim = axon.Simulator(net)
    sim.run(100.0)
    times_ms, neurons = sim.spikes(e)
"""

import atexit
import sys

from ._axon import *  # noqa: F401,F403  (the classes and functions of the C++ layer)
from ._axon import __version__, models  # noqa: F401
from ._axon import Simulator, load_experiment, _finalize_mpi

# Simulator(net, mpi=True) initialises MPI when the program has not: it is finalised at exit, or,
# when the program ends on an uncaught exception (sys.last_value), every rank is ended with it.
atexit.register(lambda: _finalize_mpi(hasattr(sys, "last_value") or hasattr(sys, "last_exc")))


def run_experiment(path, *, seed=None, backend=None, threads=None):
    """Run an experiment file as `axon run` does (the same spikes for the same seed) and return
    the Simulator, with every recorded population's spikes in it. `seed`, `backend` and
    `threads` override the file's, as `axon run --seed/--backend/--threads` do."""
    experiment = load_experiment(path, seed=seed)
    simulator = Simulator(experiment.network,
                          backend=experiment.backend if backend is None else backend,
                          threads=experiment.threads if threads is None else threads)
    simulator.run(experiment.duration_ms)
    return simulator
