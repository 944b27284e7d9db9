# Building networks from Python: every model, rule, distribution and plasticity rule, inputs and
# recording, with numpy in and out.
import numpy as np
import pytest

import axon
from conftest import driven


def test_every_model_builds_and_runs():
    for name in axon.neuron_models():
        net = axon.Network(seed=2)
        info = axon.model_info(name)
        if name == "spike_source":
            pop = net.add_spike_source("P", 10, [0.5, 1.0, 2.0], [0, 3, 9])
        else:
            pop = net.add_population("P", 10, name, params={p.name: p.default_value for p in info.params if p.required})
        assert net.population_model(pop) == getattr(axon.NeuronModel, name)
        net.record_all_spikes()
        sim = axon.Simulator(net)
        sim.run(5.0)
        for var in info.state:
            values = sim.state(pop, var.name)
            assert values.dtype == np.float32 and values.shape == (10,)
        if name == "spike_source":
            times, neurons = sim.spikes(pop)
            assert times.tolist() == pytest.approx([0.5, 1.0, 2.0]) and neurons.tolist() == [0, 3, 9]


def test_every_rule_and_distribution():
    net = axon.Network(seed=4)
    a = net.add_population("A", 40, "lif_exp")
    b = net.add_population("B", 40, "lif_delta")
    rules = {
        "all_to_all": axon.all_to_all(),
        "one_to_one": axon.one_to_one(),
        "fixed_probability": axon.fixed_probability(0.2, autapses=False),
        "fixed_indegree": axon.fixed_indegree(5, multapses=False),
        "fixed_outdegree": axon.fixed_outdegree(5),
        "fixed_total_number": axon.fixed_total_number(123),
    }
    weights = [2.0, axon.constant(1.5), axon.uniform(0.5, 1.0), axon.normal(1.0, 0.2, min=0.1)]
    projections = {}
    for k, (name, rule) in enumerate(rules.items()):
        projections[name] = net.connect(a, b, rule, weight=weights[k % len(weights)], delay_ms=axon.uniform(0.5, 2.0),
                                        name=name)
    sim = axon.Simulator(net)
    expected = {"all_to_all": 1600, "one_to_one": 40, "fixed_indegree": 200, "fixed_outdegree": 200,
                "fixed_total_number": 123}
    for name, count in expected.items():
        assert sim.synapse_count(projections[name]) == count
    c = sim.connections(projections["fixed_indegree"])
    assert c["row_start"].dtype == np.uint64 and c["row_start"].shape == (41,)
    assert c["post"].dtype == np.uint32 and c["weight"].dtype == np.float32 and c["delay_steps"].dtype == np.uint16
    assert np.all(np.bincount(c["post"], minlength=40) == 5)
    assert np.all(np.diff(c["pre"]) >= 0)  # CSR order: rows by presynaptic neuron
    # fixed_indegree got weights[3]: normal(1.0, 0.2, min=0.1); delays uniform in [0.5, 2.0) ms
    assert np.all(c["weight"] >= 0.1) and abs(c["weight"].mean() - 1.0) < 0.1
    assert np.all((c["delay_steps"] >= 5) & (c["delay_steps"] <= 20))
    uniform_weights = sim.weights(projections["fixed_probability"])
    assert np.all((0.5 <= uniform_weights) & (uniform_weights < 1.0))  # weights[2]: uniform(0.5, 1.0)


def test_plasticity_rules_change_weights():
    for rule in (axon.Stdp(a_plus=0.5, a_minus=-0.5, w_max=100.0), axon.Hebbian(eta=2.0, lambda_=0.01, w_max=200.0)):
        net = axon.Network(seed=8)
        src = net.add_population("in", 100, "poisson", params={"rate_Hz": 30.0})
        out = net.add_population("out", 50, "lif_exp")
        net.add_poisson_input(out, rate_Hz=20000.0, weight=87.8)  # out fires, so both rules see pairs
        net.record_all_spikes()
        p = net.connect(src, out, axon.fixed_probability(0.3), weight=axon.uniform(0.0, 50.0), delay_ms=0.4,
                        plasticity=rule)
        sim = axon.Simulator(net)
        before = sim.weights(p)
        sim.run(200.0)
        assert len(sim.spikes(out)[0]) > 100
        assert not np.array_equal(before, sim.weights(p)), type(rule).__name__


def test_perceptron_rule_into_binary_units():
    net = axon.Network(seed=5)
    x = net.add_population("in", 60, "poisson", params={"rate_Hz": 400.0})
    units = {"theta": 1.0, "update_every_steps": 5.0}
    y = net.add_population("out", 3, "binary", params=units)
    teacher = net.add_population("teacher", 3, "binary", params=units)
    p = net.connect(x, y, weight=axon.uniform(-0.2, 0.2), delay_ms=0.2, plasticity=axon.Perceptron(eta=0.05, w_min=-1.0, w_max=1.0))
    net.connect(x, teacher, axon.fixed_indegree(10), weight=0.5, delay_ms=0.1)
    net.connect(teacher, y, axon.one_to_one(), weight=1.0, delay_ms=0.1, receptor=axon.Receptor.target)
    sim = axon.Simulator(net)
    before = sim.weights(p)
    sim.run(100.0)
    assert not np.array_equal(before, sim.weights(p))


def test_connect_arrays_reads_back_the_same_synapses():
    net = axon.Network(seed=6)
    a = net.add_population("A", 30, "lif_exp")
    b = net.add_population("B", 20, "lif_exp")
    rng = np.random.default_rng(1)
    pre = rng.integers(0, 30, 500)
    post = rng.integers(0, 20, 500)
    weight = rng.uniform(10, 20, 500).astype(np.float32)
    delay = (0.1 * rng.integers(1, 30, 500)).astype(np.float32)
    p = net.connect_arrays(a, b, pre, post, weight=weight, delay_ms=delay)
    q = net.connect_arrays("A", "B", [0, 1], [1, 2], weight=5.0)
    sim = axon.Simulator(net)
    c = sim.connections(p)
    given = sorted(zip(pre.tolist(), post.tolist(), weight.tolist(), np.rint(delay / 0.1).astype(int).tolist()))
    read = sorted(zip(c["pre"].tolist(), c["post"].tolist(), c["weight"].tolist(), c["delay_steps"].tolist()))
    assert given == read
    assert sim.weights(q).tolist() == [5.0, 5.0]


def test_sampling_and_weight_snapshots_have_numpy_shapes():
    net, pop = driven()
    sampler = net.sample(pop, [0, 5, 7], vars=["v", "i_exc"], every_steps=10)
    b = net.add_population("B", 20, "lif_exp")
    p = net.connect(pop, b, axon.fixed_indegree(3), weight=1.0)
    recorder = net.record_weights(p, every_steps=100)
    sim = axon.Simulator(net)
    sim.run(50.0)
    times, values = sim.samples(sampler)
    assert times.shape == (50,) and times[0] == pytest.approx(1.0)
    assert set(values) == {"v", "i_exc"} and values["v"].shape == (50, 3) and values["v"].dtype == np.float32
    snap_times, snaps = sim.weight_snapshots(recorder)
    assert snaps.shape == (5, 60) and snap_times[-1] == pytest.approx(50.0)


def test_current_steps_and_memory_estimate():
    net = axon.Network()
    pop = net.add_population("N", 10, "lif_exp")
    net.add_current_steps(pop, 100, [[0.0], [1000.0]])
    net.record_all_spikes()
    plan = net.estimate_memory()
    assert plan.backend == "cpu" and plan.neurons == 10 and plan.total_bytes > 0
    assert sum(part.bytes for part in plan.parts) == plan.total_bytes
    sim = axon.Simulator(net)
    sim.run(30.0)
    times, _ = sim.spikes(pop)
    assert len(times) > 0 and times.min() > 10.0  # the current starts at step 100


def test_standard_models():
    assert axon.models.cuba(neurons=400).neuron_count == 400
    assert axon.models.brunel_a(neurons=1250).population_names == ["E", "I"]
    assert axon.models.coba(neurons=400).neuron_count == 400
    assert axon.models.izhikevich(neurons=100).neuron_count == 100
