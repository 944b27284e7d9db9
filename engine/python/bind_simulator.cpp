// Simulator: runs with the GIL released and Ctrl-C honoured at the next chunk boundary,
// callbacks into Python, results as numpy arrays, steering and checkpoints.

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "convert.hpp"
#include "mpi_world.hpp"

namespace axon::python {

using namespace nb::literals;

namespace {

// Python delivers Ctrl-C to its main thread, and only while that thread runs Python code. So
// the run goes to a worker thread (the GIL released, callbacks take it back), and the calling
// thread checks for signals every 50 ms; on KeyboardInterrupt it asks the simulator to stop at
// its next chunk boundary (at most Simulator::kStopCheckSteps steps away), waits for it and
// raises, leaving a simulator that can run on from that step.
void run_interruptibly(Simulator& sim, double duration_ms) {
    std::exception_ptr failure;
    std::optional<nb::python_error> interrupt;
    {
        nb::gil_scoped_release released;
        std::mutex mutex;
        std::condition_variable finished;
        bool done = false;
        std::thread worker([&] {
            try {
                sim.run(duration_ms);
            } catch (...) {
                failure = std::current_exception();
            }
            const std::lock_guard<std::mutex> lock(mutex);
            done = true;
            finished.notify_one();
        });
        std::unique_lock<std::mutex> lock(mutex);
        while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
            if (interrupt) continue;
            lock.unlock();
            {
                nb::gil_scoped_acquire gil;
                if (PyErr_CheckSignals() != 0) {
                    interrupt.emplace();  // takes the pending KeyboardInterrupt (or the handler's exception)
                    sim.request_stop();
                }
            }
            lock.lock();
        }
        lock.unlock();
        worker.join();
    }
    if (failure) std::rethrow_exception(failure);  // distributed: on every rank (Simulator::run agrees)
    // Distributed, a Ctrl-C that reached some ranks only stopped every rank: each raises it.
    bool interrupted = interrupt.has_value();
    if (sim.communicator()) {
        nb::gil_scoped_release released;
        interrupted = any_rank(sim.communicator().get(), interrupted);
    }
    if (!interrupted) return;
    sim.clear_stop();
    if (interrupt) throw *interrupt;
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw nb::python_error();
}

nb::object simulator_object(Simulator& sim) { return nb::cast(&sim, nb::rv_policy::reference); }

// A Python callable the simulator calls back. The simulator's Python object owns it, in its
// __dict__, where the garbage collector sees it (a callback that refers back to the simulator,
// as any closure over a notebook's globals does, is then a collectable cycle); the C++ side
// borrows it, for as long as the simulator lives.
nb::handle keep_callable(Simulator& sim, nb::callable fn) {
    nb::object self = nb::find(&sim);
    nb::object callbacks = nb::getattr(self, "_callbacks", nb::none());
    if (callbacks.is_none()) {
        callbacks = nb::list();
        nb::setattr(self, "_callbacks", callbacks);
    }
    callbacks.attr("append")(fn);
    return fn;
}

nb::dict connection_arrays(Connections&& c) {
    std::vector<uint32_t> pre(c.post.size());
    for (std::size_t row = 0; row + 1 < c.row_start.size(); ++row)
        for (uint64_t k = c.row_start[row]; k < c.row_start[row + 1]; ++k) pre[k] = static_cast<uint32_t>(row);
    nb::dict out;
    out["row_start"] = to_numpy(std::move(c.row_start));
    out["pre"] = to_numpy(std::move(pre));
    out["post"] = to_numpy(std::move(c.post));
    out["weight"] = to_numpy(std::move(c.weight));
    out["delay_steps"] = to_numpy(std::move(c.delay_steps));
    return out;
}

nb::tuple sample_arrays(const SampleSeries& s, double dt_ms) {
    std::vector<double> times(s.steps.size());
    for (std::size_t k = 0; k < times.size(); ++k) times[k] = static_cast<double>(s.steps[k] + 1) * dt_ms;
    nb::dict values;
    for (std::size_t v = 0; v < s.vars.size(); ++v) {
        std::vector<float> var(s.steps.size() * s.neurons.size());
        for (std::size_t k = 0; k < s.steps.size(); ++k)
            for (std::size_t n = 0; n < s.neurons.size(); ++n) var[k * s.neurons.size() + n] = s.value(k, v, n);
        values[s.vars[v].name.c_str()] = to_numpy_2d(std::move(var), s.steps.size(), s.neurons.size());
    }
    return nb::make_tuple(to_numpy(std::move(times)), values);
}


}  // namespace

void bind_simulator(nb::module_& m) {
    m.def("_finalize_mpi", &finalize_mpi, "failed"_a,
          "Finalises MPI at exit when Axon initialised it, or ends every rank when the program failed (axon/__init__.py).");
    nb::class_<Simulator>(m, "Simulator", nb::dynamic_attr(),
                          "Builds a Network on a backend and runs it. The same network, seed and sequence of calls give "
                          "the same spikes on every backend and thread count.")
        .def(
            "__init__",
            [](Simulator* s, const Network& net, std::string backend, int threads, bool profile, CudaOptions cuda,
               bool mpi) {
                SimulatorOptions options;
                options.backend = std::move(backend);
                options.threads = threads;
                options.cuda = cuda;
                options.profile = profile;
                if (mpi) options.communicator = world_communicator();
                nb::gil_scoped_release released;  // construction may take a while
                new (s) Simulator(net, std::move(options));
            },
            "network"_a, nb::kw_only(), "backend"_a = "cpu", "threads"_a = 0, "profile"_a = false,
            "cuda"_a = CudaOptions{}, "mpi"_a = false,
            "`backend`: 'cpu', 'cuda' or 'auto'; `threads`: CPU threads (0: OpenMP's default); `profile`: time each "
            "phase (stats().phases); `mpi`: one rank of a distributed run over MPI_COMM_WORLD (under mpirun; "
            "docs/scaling.md).")
        .def_prop_ro(
            "rank", [](const Simulator& sim) { return sim.communicator() ? sim.communicator()->rank() : 0; },
            "This process's rank in a distributed run (0 in one process).")
        .def_prop_ro(
            "ranks", [](const Simulator& sim) { return sim.communicator() ? sim.communicator()->size() : 1; },
            "The processes of a distributed run (1 in one process).")
        .def("run", &run_interruptibly, "duration_ms"_a,
             "Advance by duration_ms (whole steps). The GIL is released; Ctrl-C stops the run at the next chunk "
             "boundary and raises KeyboardInterrupt, with everything up to that step recorded.")
        .def(
            "every",
            [](Simulator& sim, Step every_steps, nb::callable fn) {
                sim.every(every_steps, [fn = keep_callable(sim, fn)](Simulator& s) {
                    nb::gil_scoped_acquire gil;
                    fn(simulator_object(s));
                });
            },
            "every_steps"_a, "fn"_a,
            "Call fn(simulator) after every `every_steps` steps: it may read spikes and state and change currents, "
            "rates, state and weights (not run()).")
        .def(
            "on_spikes",
            [](Simulator& sim, nb::callable sink, Step every_steps) {
                const double dt_ms = sim.network().dt_ms();
                sim.on_spikes(
                    [sink = keep_callable(sim, sink), dt_ms](PopulationId p, const SpikeTrain& train) {
                        nb::gil_scoped_acquire gil;
                        const nb::tuple arrays = spike_arrays(SpikeTrain(train), dt_ms);
                        sink(p, arrays[0], arrays[1]);
                    },
                    every_steps);
            },
            "sink"_a, "every_steps"_a = 1000,
            "Hand every recorded population's new spikes to sink(population, times_ms, neurons) at least every "
            "`every_steps` steps; the simulator then keeps none of them.")
        .def("request_stop", &Simulator::request_stop, "Stop the run at its next chunk boundary.")
        .def_prop_ro("network", &Simulator::network, nb::rv_policy::reference_internal)
        .def_prop_ro("backend", &Simulator::backend_name)
        .def_prop_ro("current_step", &Simulator::current_step)
        .def_prop_ro("time_ms", &Simulator::time_ms)
        .def(
            "spikes",
            [](const Simulator& sim, const PopulationRef& p) {
                return spike_arrays(SpikeTrain(sim.spikes(resolve(sim.network(), p))), sim.network().dt_ms());
            },
            "population"_a, "The spikes recorded so far as (times_ms float64, neurons uint32), in time order.")
        .def(
            "take_spikes",
            [](Simulator& sim, const PopulationRef& p) {
                return spike_arrays(sim.take_spikes(resolve(sim.network(), p)), sim.network().dt_ms());
            },
            "population"_a, "As spikes(), moving them out: the simulator keeps none.")
        .def(
            "samples", [](const Simulator& sim, SamplerId id) { return sample_arrays(sim.samples(id), sim.network().dt_ms()); },
            "sampler"_a, "(times_ms, {variable: array of shape (samples, neurons)}).")
        .def(
            "weight_snapshots",
            [](const Simulator& sim, uint32_t recorder) {
                const WeightSeries& w = sim.weight_snapshots(recorder);
                std::vector<double> times(w.steps.size());
                for (std::size_t k = 0; k < times.size(); ++k) times[k] = static_cast<double>(w.steps[k] + 1) * sim.network().dt_ms();
                return nb::make_tuple(to_numpy(std::move(times)),
                                      to_numpy_2d(std::vector<float>(w.values), w.steps.size(), w.synapses));
            },
            "recorder"_a, "(times_ms, array of shape (snapshots, synapses)), weights in CSR order.")
        .def(
            "state",
            [](const Simulator& sim, const PopulationRef& p, const std::string& var) {
                return to_numpy(sim.state(resolve(sim.network(), p), var));
            },
            "population"_a, "var"_a, "A state variable, one value per neuron (float32).")
        .def(
            "set_state",
            [](Simulator& sim, const PopulationRef& p, const std::string& var, nb::handle values) {
                const PopulationId id = resolve(sim.network(), p);
                if (is_number(values))
                    sim.set_state(id, var, nb::cast<double>(values));
                else
                    sim.set_state(id, var, to_vector(float32_array(values, var)));
            },
            "population"_a, "var"_a, "values"_a, "Set a state variable: one value for all, or one per neuron.")
        .def(
            "set_input_current",
            [](Simulator& sim, const PopulationRef& p, nb::handle values) {
                const PopulationId id = resolve(sim.network(), p);
                if (is_number(values))
                    sim.set_input_current(id, nb::cast<double>(values));
                else
                    sim.set_input_current(id, to_vector(float32_array(values, "input current")));
            },
            "population"_a, "i_pA"_a, "Constant input current (pA): one value for all, or one per neuron.")
        .def("set_poisson_rate", &Simulator::set_poisson_rate, "input"_a, "rate_Hz"_a,
             "A Poisson input's rate for all its neurons, from the next step.")
        .def(
            "set_poisson_rates",
            [](Simulator& sim, uint32_t input, nb::handle rates) {
                sim.set_poisson_rates(input, to_vector(float64_array(rates, "poisson input #" + std::to_string(input) + ": rates_Hz")));
            },
            "input"_a, "rates_Hz"_a, "A rate per neuron of the input's target, from the next step.")
        .def("reset_state", &Simulator::reset_state,
             "State and input currents back to their initial values, input in flight and traces cleared; weights, "
             "recordings and the step count stay.")
        .def("connections", [](const Simulator& sim, ProjectionId p) { return connection_arrays(sim.connections(p)); },
             "projection"_a, "The synapses in CSR order: dict of row_start, pre, post, weight, delay_steps arrays.")
        .def("weights", [](const Simulator& sim, ProjectionId p) { return to_numpy(sim.weights(p)); }, "projection"_a,
             "The weights in CSR order (float32).")
        .def(
            "set_weights",
            [](Simulator& sim, ProjectionId p, nb::handle weights) {
                sim.set_weights(p, to_vector(float32_array(weights, "weights")));
            },
            "projection"_a, "weights"_a, "Set every weight of a projection (CSR order).")
        .def("synapse_count", &Simulator::synapse_count, "projection"_a, "The number of synapses of a projection.")
        .def("stats", &Simulator::stats, "Figures of the simulator's life so far: times, steps, events, memory.")
        .def(
            "save_checkpoint",
            [](const Simulator& sim, const std::string& path) {
                nb::gil_scoped_release released;
                sim.save_checkpoint(path);
            },
            "path"_a, "Write the whole state of the run to `path`, atomically.")
        .def(
            "restore",
            [](Simulator& sim, const std::string& path) {
                nb::gil_scoped_release released;
                sim.restore(path);
            },
            "path"_a, "Continue from a checkpoint of the same network, bit for bit.");
}

}  // namespace axon::python
