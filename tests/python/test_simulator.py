# Running from Python: pieces, callbacks that steer, streaming, checkpoints, interrupts, and
# memory that stays flat over repeated runs.
import os
import resource
import signal
import threading
import time

import numpy as np
import pytest

import axon
from conftest import driven


def test_the_machine():
    assert "cpu" in axon.compiled_backends() and axon.backend_available("cpu")
    assert axon.cpu_code_version() in ("baseline", "avx2", "avx512")


def test_spikes_are_numpy_and_runs_in_pieces_equal_one_run():
    net, pop = driven()
    whole, pieces = axon.Simulator(net), axon.Simulator(net, threads=1)
    whole.run(100.0)
    for _ in range(4):
        pieces.run(25.0)
    t1, n1 = whole.spikes(pop)
    t2, n2 = pieces.spikes("N")
    assert t1.dtype == np.float64 and n1.dtype == np.uint32 and t1.shape == n1.shape
    assert len(t1) > 100
    np.testing.assert_array_equal(t1, t2)
    np.testing.assert_array_equal(n1, n2)
    assert np.all(np.diff(t1) >= 0) and t1.max() <= 100.0
    assert whole.current_step == 1000 and whole.time_ms == pytest.approx(100.0)
    assert whole.stats().input_events > 0
    # One process: rank 0 of 1, no exchanges (mpi=True under mpirun: tests/CMakeLists.txt, python.mpi).
    assert (whole.rank, whole.ranks) == (0, 1)
    assert whole.stats().exchanges == 0 and whole.stats().communication_s == 0.0


def test_callbacks_steer_currents_rates_and_weights():
    net, pop = driven(rate_Hz=0.0)
    out = net.add_population("out", 10, "lif_exp")
    net.record_spikes(out)
    proj = net.connect(pop, out, axon.all_to_all(), weight=0.0)
    sim = axon.Simulator(net)
    seen = []

    def controller(s):
        seen.append(s.current_step)
        if s.current_step == 200:
            s.set_input_current(pop, 600.0)  # drives N above threshold
        if s.current_step == 400:
            s.set_weights(proj, np.full(s.synapse_count(proj), 50.0, dtype=np.float32))
        if s.current_step == 600:
            s.set_poisson_rate(0, 5000.0)

    sim.every(100, controller)
    sim.run(80.0)
    assert seen == list(range(100, 801, 100))
    times, _ = sim.spikes(pop)
    assert len(times) > 0 and times.min() > 20.0
    out_times, _ = sim.spikes(out)
    assert len(out_times) > 0 and out_times.min() > 40.0
    assert np.all(sim.weights(proj) == 50.0)
    assert np.all(sim.state(pop, "v") < 0)


def test_set_state_and_reset_state():
    net, pop = driven()
    sim = axon.Simulator(net)
    sim.set_state(pop, "v", np.linspace(-70, -55, 300))
    assert sim.state(pop, "v")[0] == pytest.approx(-70.0)
    sim.set_state(pop, "v", -60.0)
    assert np.all(sim.state(pop, "v") == -60.0)
    sim.run(10.0)
    sim.reset_state()
    assert np.all(sim.state(pop, "v") == sim.state(pop, "v")[0])


def test_poisson_rates_per_neuron():
    net, pop = driven(rate_Hz=20000.0)
    sim = axon.Simulator(net)
    rates = np.full(300, 20000.0)
    rates[:100] = 0.0
    sim.set_poisson_rates(0, rates)
    sim.run(100.0)
    _, neurons = sim.spikes(pop)
    assert len(neurons) > 0 and neurons.min() >= 100


def test_take_spikes_and_sinks_hand_spikes_on():
    net, pop = driven()
    taken, streamed = axon.Simulator(net), axon.Simulator(net)
    pieces = []
    streamed.on_spikes(lambda p, t, n: pieces.append((p, t, n)), 100)
    all_times = []
    for _ in range(10):
        taken.run(10.0)
        times, _ = taken.take_spikes(pop)
        all_times.append(times)
    streamed.run(100.0)
    assert len(taken.spikes(pop)[0]) == 0 and len(streamed.spikes(pop)[0]) == 0
    joined = np.concatenate(all_times)
    np.testing.assert_array_equal(joined, np.concatenate([t for _, t, _ in pieces]))
    assert all(p == pop for p, _, _ in pieces) and len(pieces) >= 5


def test_checkpoint_resumes_bit_for_bit(tmp_path):
    net, pop = driven()
    whole = axon.Simulator(net)
    whole.run(60.0)
    first = axon.Simulator(net)
    first.run(30.0)
    first.save_checkpoint(str(tmp_path / "run.axc"))
    resumed = axon.Simulator(net)
    resumed.restore(str(tmp_path / "run.axc"))
    assert resumed.current_step == 300
    resumed.run(30.0)
    t, n = whole.spikes(pop)
    later = t > 30.0
    np.testing.assert_array_equal(t[later], resumed.spikes(pop)[0])
    np.testing.assert_array_equal(n[later], resumed.spikes(pop)[1])


def test_a_callback_that_raises_stops_the_run_with_its_exception():
    net, _ = driven()
    sim = axon.Simulator(net)

    def fail(s):
        raise KeyError("from the callback")

    sim.every(50, fail)
    with pytest.raises(KeyError, match="from the callback"):
        sim.run(10.0)
    assert sim.current_step == 50


def test_run_inside_a_callback_is_refused():
    net, _ = driven()
    sim = axon.Simulator(net)
    sim.every(10, lambda s: s.run(1.0))
    with pytest.raises(axon.ConfigError, match="called from inside a callback"):
        sim.run(5.0)


def test_ctrl_c_stops_a_run_at_a_step_boundary():
    net, pop = driven(n=2000)
    sim = axon.Simulator(net, threads=1)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        sim.run(1e6)  # about an hour of simulation unless interrupted
    assert time.monotonic() - started < 30
    step = sim.current_step
    assert 0 < step < 10_000_000
    sim.run(1.0)  # the simulator runs on from where it stopped
    assert sim.current_step == step + 10


def test_the_gil_is_released_while_running():
    net, _ = driven(n=2000)
    sim = axon.Simulator(net, threads=1)
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    sim.run(300.0)
    stop.set()
    thread.join()
    assert len(ticks) > 10


def test_memory_stays_flat_over_repeated_runs():
    def one_run():
        net, pop = driven(n=200)
        sim = axon.Simulator(net)
        sim.every(100, lambda s: None)
        sim.run(20.0)
        times, neurons = sim.spikes(pop)
        return sim.weights, times.sum() + neurons.sum()

    for _ in range(20):
        one_run()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(100):
        one_run()
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 20 * 1024, f"peak memory grew by {grown_kib} KiB over 100 runs"
