# Bad input raises Python exceptions carrying the C++ message (the same cases as the C++ error
# tests, by message).
import numpy as np
import pytest

import axon


def test_exception_classes():
    assert issubclass(axon.ConfigError, ValueError)
    assert issubclass(axon.CapacityError, MemoryError)
    assert issubclass(axon.BackendError, RuntimeError)
    assert issubclass(axon.CudaError, RuntimeError)


def test_network_errors_name_the_field_and_range():
    net = axon.Network()
    a = net.add_population("A", 10, "lif_exp")
    with pytest.raises(axon.ConfigError, match="a name not used by another population"):
        net.add_population("A", 10)
    with pytest.raises(axon.ConfigError, match="tau_m_ms = -1 is invalid"):
        net.add_population("B", 10, "lif_exp", params={"tau_m_ms": -1.0})
    with pytest.raises(axon.ConfigError, match="model"):
        net.add_population("C", 10, "no_such_model")
    with pytest.raises(axon.ConfigError, match="p = 1.5 is invalid"):
        net.connect(a, a, axon.fixed_probability(1.5))
    with pytest.raises(axon.ConfigError, match="unknown population .missing.; defined: .A."):
        net.connect(a, "missing")
    with pytest.raises(axon.ConfigError, match="receptor = 'sideways' is invalid"):
        net.connect(a, a, receptor="sideways")
    with pytest.raises(axon.ConfigError, match="index -1 is out of range"):
        net.connect_arrays(a, a, [0, -1], [0, 1])
    with pytest.raises(axon.ConfigError, match="post"):
        net.connect_arrays(a, a, [0, 1], [0, 10])
    with pytest.raises(axon.ConfigError, match="whole numbers"):
        net.connect_arrays(a, a, [0.5], [0])
    with pytest.raises(axon.ConfigError, match="1-D"):
        net.connect_arrays(a, a, np.zeros((2, 2)), [0, 1])
    with pytest.raises(axon.ConfigError, match="in order"):
        net.add_spike_source("S", 2, [2.0, 1.0], [0, 1])
    assert net.population_names == ["A"]  # nothing half-added


def test_simulator_errors():
    net = axon.Network()
    a = net.add_population("A", 10, "lif_exp")
    net.add_poisson_input(a, rate_Hz=100.0, weight=1.0)
    with pytest.raises(axon.BackendError):
        axon.Simulator(net, backend="no_such_backend")
    sim = axon.Simulator(net)
    with pytest.raises(axon.ConfigError, match="v = 3 values is invalid"):
        sim.set_state(a, "v", np.zeros(3))
    with pytest.raises(axon.ConfigError, match="state variable = 'u' is invalid"):
        sim.state(a, "u")
    with pytest.raises(axon.ConfigError, match="rate_Hz = -1 is invalid"):
        sim.set_poisson_rate(0, -1.0)
    with pytest.raises(axon.ConfigError, match="rates_Hz = 2 values is invalid"):
        sim.set_poisson_rates(0, [1.0, 2.0])
    with pytest.raises(axon.ConfigError, match="duration_ms = -5 is invalid"):
        sim.run(-5.0)
    with pytest.raises(axon.ConfigError, match="not an Axon checkpoint|cannot read the checkpoint"):
        sim.restore("/nonexistent/run.axc")


def test_experiment_file_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[simulation]\nduration_ms = -1\n")
    with pytest.raises(axon.ConfigError, match="bad.toml"):
        axon.load_experiment(str(bad))
