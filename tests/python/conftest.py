# The suite runs against the module of a build tree (ctest sets PYTHONPATH to
# build/<preset>/python and AXON_BIN to build/<preset>/bin) or an installed axon.
import os
import pathlib

import pytest

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
