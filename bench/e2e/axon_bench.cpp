// End-to-end benchmark of the standard models (docs/benchmarks.md and docs/models.md) or of an experiment file:
// builds, simulates and prints one JSON object per run with the figures every Axon benchmark
// reports. Run one model per process when peak memory matters (ru_maxrss is a process-wide
// maximum).
//   axon-bench --model brunel_a --duration 1000 --threads 1
//   axon-bench --experiment examples/experiments/microcircuit.toml --backend cuda --profile
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <omp.h>

#include "axon/axon.hpp"
#include "axon/host_info.hpp"
#include "host_bandwidth.hpp"

namespace {

using json = nlohmann::json;

// Propagation alone, from sparse to dense activity: a Poisson source at `rate_Hz` fans out to
// `fanout` targets per neuron (per-synapse delays) whose weights are too small to matter.
axon::Network propagation_model(uint32_t neurons, double rate_Hz, uint64_t fanout, uint64_t seed) {
    axon::Network net(axon::NetworkOptions{0.1, seed});
    const uint32_t n = neurons ? neurons : 10000;
    const axon::PopulationId source = net.add_poisson("source", n, rate_Hz);
    const axon::PopulationId target = net.add_lif_exp("target", n, axon::LifParams{});
    net.connect(source, target, axon::ConnectRule::fixed_outdegree(fanout), axon::Distribution::constant(0.01),
                axon::Distribution::uniform(0.1, 2.0));
    return net;
}

axon::Network standard_model(const std::string& model, uint32_t neurons, uint64_t seed) {
    if (model == "brunel_a") return axon::models::brunel_a({neurons ? neurons : 12500, seed, 0.1});
    if (model == "izhikevich") return axon::models::izhikevich({neurons ? neurons : 10000, seed, 0.1});
    if (model == "coba") return axon::models::coba({neurons ? neurons : 4000, seed, 0.1});
    return axon::models::cuba({neurons ? neurons : 4000, seed, 0.1, model == "cuba_stdp"});
}

// The bytes a CPU run must move at the least, from the description and its counters: per
// neuron-step each state variable read and written (4 + 4 B) and each input lane's ring slot read
// and cleared (8 + 8 B); per synaptic event the synapse's data (bytes_per_synapse) and the ring
// lane's read-modify-write (16 B); per Poisson input kick target, its lane's read-modify-write.
double least_traffic_bytes(const axon::Network& net, const axon::RunStats& s, double bytes_per_synapse) {
    double per_step = 0;
    for (const axon::PopulationSpec& pop : net.populations()) {
        const axon::ModelInfo& info = axon::model_info(pop.model);
        per_step += pop.size * (8.0 * info.state.size() + 16.0 * info.receptors);
    }
    for (const axon::PoissonInputSpec& in : net.poisson_inputs()) per_step += 16.0 * net.population(in.target).size;
    return per_step * static_cast<double>(s.steps) + static_cast<double>(s.synaptic_events) * (bytes_per_synapse + 16.0);
}

json run_model(const std::string& model, axon::Network net, double duration_ms, const axon::SimulatorOptions& options,
               bool record) {
    if (!record) net.record_no_spikes();
    const uint64_t seed = net.seed();
    const axon::MemoryPlan plan = axon::estimate_memory(net, options.backend);
    axon::Simulator sim(std::move(net), options);
    sim.run(duration_ms);
    const axon::RunStats s = sim.stats();
    const axon::Network& n = sim.network();

    uint64_t synapse_bytes = 0;
    for (const auto& part : plan.parts)
        if (part.name.find("synapses") != std::string::npos) synapse_bytes += part.bytes;
    json pops = json::object();
    for (uint32_t p = 0; p < n.populations().size(); ++p) {
        const auto& pop = n.populations()[p];
        const axon::ActivityStats a = axon::activity(sim.spikes({p}), pop.size, n.dt_ms(), 0.0, sim.time_ms());
        pops[pop.name] = {{"neurons", pop.size}, {"mean_rate_Hz", a.mean_rate_Hz}, {"mean_cv_isi", a.mean_cv_isi}};
    }
    json phases = json::object();  // seconds per pipeline phase (--profile)
    json phases_ns = json::object();  // the same per neuron-step and per synaptic event
    const double neuron_steps = static_cast<double>(n.neuron_count()) * static_cast<double>(s.steps);
    auto per = [](double seconds, double count) { return count > 0 ? json(seconds * 1e9 / count) : json(nullptr); };
    for (const axon::PhaseTime& p : s.phases) {
        phases[p.phase] = p.seconds;
        phases_ns[p.phase] = {{"per_neuron_step", per(p.seconds, neuron_steps)},
                              {"per_synaptic_event", per(p.seconds, static_cast<double>(s.synaptic_events))}};
    }
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    const bool on_cuda = sim.backend_name() == "cuda";
    const double bytes_per_synapse = s.synapses ? static_cast<double>(synapse_bytes) / s.synapses : 0.0;
    double bandwidth_GBps = 0;
    std::string device = axon::cpu_description();
    // The CPU's share of what the memory can do: the least traffic the run implies against a copy
    // loop's bandwidth measured now (the backend's own figure for cuda, below).
    const double host_bandwidth_GBps = on_cuda ? 0.0 : axon::bench::measured_copy_bandwidth_GBps();
    const double traffic_bytes = least_traffic_bytes(n, s, bytes_per_synapse);
    if (on_cuda && !axon::cuda_devices().empty()) {
        const axon::DeviceDescription d = axon::cuda_devices().front();
        bandwidth_GBps = d.memory_bandwidth_GBps;
        device = d.name + " (" + axon::format_bytes(d.memory_bytes) + ", compute capability " + std::to_string(d.cc_major) +
                 "." + std::to_string(d.cc_minor) + ")";
    }
    return json{{"model", model},
                {"backend", sim.backend_name()},
                {"device", device},
                {"threads", threads},
                {"cuda_graphs", on_cuda ? json(options.cuda.graphs && !options.profile) : json(nullptr)},
                {"cuda_row_segment", on_cuda ? json(options.cuda.row_segment) : json(nullptr)},
                {"cuda_step", on_cuda ? json(axon::to_string(options.cuda.step)) : json(nullptr)},
                // Kernels per step (a persistent launch runs many steps), launch calls and waits.
                {"kernels_per_step", on_cuda && s.steps ? json(static_cast<double>(s.kernels) / s.steps) : json(nullptr)},
                {"host_launches", on_cuda ? json(s.host_launches) : json(nullptr)},
                {"host_syncs", on_cuda ? json(s.host_syncs) : json(nullptr)},
                {"spikes_recorded", record},
                {"phases_s", phases},
                {"phases_ns", phases_ns},
                {"cpu_code_version", on_cuda ? json(nullptr) : json(axon::cpu_code_version())},
                {"ns_per_neuron_step", per(s.simulation_s, neuron_steps)},
                {"ns_per_synaptic_event", per(s.simulation_s, static_cast<double>(s.synaptic_events))},
                {"host_memory_bandwidth_GBps", on_cuda || host_bandwidth_GBps <= 0 ? json(nullptr) : json(host_bandwidth_GBps)},
                {"least_traffic_bytes", traffic_bytes},
                {"host_bandwidth_fraction",
                 !on_cuda && s.simulation_s > 0 && host_bandwidth_GBps > 0
                     ? json(traffic_bytes / s.simulation_s / (host_bandwidth_GBps * 1e9))
                                                : json(nullptr)},
                {"axon_version", axon::kVersion},
                {"seed", seed},
                {"neurons", n.neuron_count()},
                {"synapses", s.synapses},
                {"dt_ms", n.dt_ms()},
                {"simulated_ms", s.simulated_ms(n.dt_ms())},
                {"construction_s", s.construction_s},
                {"simulation_s", s.simulation_s},
                {"real_time_factor", s.real_time_factor(n.dt_ms())},
                {"synaptic_events", s.synaptic_events},
                {"synaptic_events_per_s", s.simulation_s > 0 ? s.synaptic_events / s.simulation_s : 0.0},
                {"input_events", s.input_events},
                {"peak_host_memory_bytes", axon::peak_host_memory()},
                {"peak_device_memory_bytes", on_cuda ? json(s.peak_device_memory_bytes) : json(nullptr)},
                {"device_memory_bandwidth_GBps", on_cuda ? json(bandwidth_GBps) : json(nullptr)},
                // The synapse data one event reads (index, weight, delay, row offsets per
                // synapse), once per event, against the peak bandwidth; ring atomics left out.
                {"synapse_bandwidth_fraction",
                 on_cuda && bandwidth_GBps > 0 && s.simulation_s > 0
                     ? json(s.synaptic_events / s.simulation_s * bytes_per_synapse / (bandwidth_GBps * 1e9))
                     : json(nullptr)},
                {"bytes_per_synapse", bytes_per_synapse},
                {"populations", pops}};
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Axon end-to-end benchmarks: the standard models, JSON figures on stdout", "axon-bench"};
    std::string model = "all", backend = "cpu", out, experiment;
    axon::SimulatorOptions options;
    bool no_graphs = false, no_record = false;
    double duration_ms = 1000.0;
    int threads = 0;
    uint32_t neurons = 0;
    uint64_t seed = 1;
    app.add_option("--model", model,
                   "cuba, cuba_stdp, coba, brunel_a, izhikevich or all (the standard models), or propagation (--rate, --fanout)")
        ->check(CLI::IsMember({"cuba", "cuba_stdp", "coba", "brunel_a", "izhikevich", "all", "propagation"}));
    double rate_Hz = 10.0;
    uint64_t fanout = 1000;
    app.add_option("--rate", rate_Hz, "propagation: the source's rate (Hz)")->check(CLI::Range(0.0, 10000.0));
    app.add_option("--fanout", fanout, "propagation: targets per source neuron")->check(CLI::Range(1, 1000000));
    app.add_option("--neurons", neurons, "Network size (default: the model's reference size)");
    app.add_option("--duration", duration_ms, "Simulated time in ms")->check(CLI::PositiveNumber);
    app.add_option("--threads", threads, "CPU threads (0 = all)")->check(CLI::NonNegativeNumber);
    app.add_option("--backend", backend, "Backend")->check(CLI::IsMember({"cpu", "cuda", "auto"}));
    app.add_option("--seed", seed, "Seed");
    app.add_option("--out", out, "Also write the results (a JSON array) to this file");
    app.add_option("--experiment", experiment, "Run this experiment file's network instead of --model")
        ->check(CLI::ExistingFile);
    app.add_flag("--profile", options.profile, "Time each pipeline phase (cuda: launches one by one, slower)");
    app.add_flag("--no-graphs", no_graphs, "cuda: launch each step's kernels one by one, not from CUDA Graphs");
    app.add_option("--row-segment", options.cuda.row_segment,
                   "cuda: synapses per propagation work item (0 = a warp per whole row; else a multiple of 32)");
    std::string step = "merged";
    app.add_option("--step", step, "cuda: how a step is divided into kernels (merged, fused, persistent)")
        ->check(CLI::IsMember({"merged", "fused", "persistent"}));
    app.add_flag("--no-record", no_record, "Record no spikes (the cost of recording is the difference)");
    CLI11_PARSE(app, argc, argv);
    options.backend = backend;
    options.threads = threads;
    options.cuda.graphs = !no_graphs;
    options.cuda.step = axon::parse_cuda_step(step);

    try {
        json results = json::array();
        auto report = [&](json record) {  // one line on stdout as it comes, all of them in --out
            std::cout << record.dump() << std::endl;
            results.push_back(std::move(record));
        };
        if (!experiment.empty()) {
            axon::Experiment e = axon::load_experiment(experiment);
            report(run_model(e.name, std::move(e.network), duration_ms, options, !no_record));
        } else if (model == "propagation") {
            json record = run_model("propagation", propagation_model(neurons, rate_Hz, fanout, seed), duration_ms,
                                    options, !no_record);
            record["source_rate_Hz"] = rate_Hz;
            record["fanout"] = fanout;
            report(std::move(record));
        } else {
            for (const std::string m : {"cuba", "cuba_stdp", "coba", "brunel_a", "izhikevich"})
                if (model == "all" || model == m) report(run_model(m, standard_model(m, neurons, seed), duration_ms, options, !no_record));
        }
        if (!out.empty()) {
            const std::string tmp = out + ".tmp";
            std::ofstream(tmp) << results.dump(2) << '\n';
            if (std::rename(tmp.c_str(), out.c_str()) != 0) throw axon::Error("cannot write " + out);
        }
    } catch (const axon::Error& e) {
        std::cerr << "axon-bench: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
