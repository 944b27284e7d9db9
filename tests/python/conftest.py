# The suite runs against the module of a build tree (ctest sets PYTHONPATH to
# build/<preset>/python and AXON_BIN to build/<preset>/bin) or an installed axon.
import os
import pathlib

import pytest

import axon

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def axon_cli():
    """The path of the `axon` command of the same build."""
    path = pathlib.Path(os.environ.get("AXON_BIN", REPO / "build" / "release" / "bin")) / "axon"
    if not path.exists():
        pytest.fail(f"no axon command at {path} (set AXON_BIN)")
    return path


@pytest.fixture
def experiments():
    return REPO / "examples" / "experiments"


def driven(n=300, seed=3, rate_Hz=8000.0):
    """N LIF neurons under Poisson kicks, every spike recorded: (network, population)."""
    net = axon.Network(dt_ms=0.1, seed=seed)
    pop = net.add_population("N", n, "lif_exp")
    net.add_poisson_input(pop, rate_Hz=rate_Hz, weight=87.8)
    net.record_all_spikes()
    return net, pop
