#include "run_report.hpp"

#include <cstring>

#include "axon/host_info.hpp"
#include "axon/memory.hpp"
#include "axon/version.hpp"

namespace axon::cli {

std::vector<RankFigures> gather_rank_figures(const Simulator& sim, Communicator* comm) {
    const RunStats s = sim.stats();
    const RankFigures mine{s.construction_s, s.simulation_s, s.communication_s, s.synaptic_events, s.input_events, s.exchanges};
    if (!comm) return {mine};
    std::vector<RankFigures> out;
    for (const auto& bytes : comm->all_gather(&mine, sizeof mine)) {
        RankFigures f;
        std::memcpy(&f, bytes.data(), sizeof f);
        out.push_back(f);
    }
    return out;
}

RunSummary summarize(const Simulator& sim, const Experiment& experiment, const std::string& source,
                     const std::vector<ActivityStats>& activity, std::optional<double> resumed_from_ms,
                     std::vector<RankFigures> ranks) {
    const Network& net = sim.network();
    const RunStats s = sim.stats();
    RunSummary r;
    r.experiment = experiment.name;
    r.source = source;
    r.backend = sim.backend_name();
    r.seed = net.seed();
    r.threads = s.threads;
    r.threads_requested = experiment.threads;
    r.cpu = cpu_description();
    r.neurons = net.neuron_count();
    r.synapses = s.synapses;
    r.dt_ms = net.dt_ms();
    r.simulated_ms = sim.time_ms();
    r.construction_s = s.construction_s;
    r.simulation_s = s.simulation_s;
    r.resumed_from_ms = resumed_from_ms;
    const double from_ms = resumed_from_ms.value_or(0.0), ran_s = (sim.time_ms() - from_ms) * 1e-3;
    r.real_time_factor = ran_s > 0 ? s.simulation_s / ran_s : 0.0;
    r.synaptic_events = s.synaptic_events;
    r.input_events = s.input_events;
    if (ranks.size() > 1) {  // the events of the whole network: every rank's share
        r.synaptic_events = r.input_events = 0;
        for (const RankFigures& f : ranks) {
            r.synaptic_events += f.synaptic_events;
            r.input_events += f.input_events;
        }
        r.ranks = std::move(ranks);
    }
    r.synaptic_events_per_s = s.simulation_s > 0 ? static_cast<double>(s.synaptic_events) / s.simulation_s : 0.0;
    r.peak_host_memory_bytes = peak_host_memory();
    r.phases = s.phases;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        const PopulationSpec& pop = net.populations()[p];
        PopulationSummary ps{pop.name, to_string(pop.model), pop.size, static_cast<bool>(net.recorded()[p])};
        if (ps.recorded) {
            const ActivityStats& a = activity.at(p);
            ps.spikes = a.spikes;
            ps.mean_rate_Hz = a.mean_rate_Hz;
            ps.mean_cv_isi = a.mean_cv_isi;
        }
        r.populations.push_back(ps);
    }
    return r;
}

void print_summary(const RunSummary& r, std::FILE* out) {
    std::fprintf(out, "\n%-14s %10s %12s %12s %10s\n", "population", "neurons", "spikes", "rate (Hz)", "CV ISI");
    for (const PopulationSummary& p : r.populations) {
        if (!p.recorded) {
            std::fprintf(out, "%-14s %10u %12s %12s %10s\n", p.name.c_str(), p.neurons, "-", "-", "-");
            continue;
        }
        std::fprintf(out, "%-14s %10u %12llu %12.3f %10.3f\n", p.name.c_str(), p.neurons,
                     static_cast<unsigned long long>(p.spikes), p.mean_rate_Hz, p.mean_cv_isi);
    }
    std::fprintf(out, "\nbackend %s, %d thread%s | %llu neurons | %llu synapses | %.1f ms simulated (dt %.3g ms)",
                 r.backend.c_str(), r.threads, r.threads == 1 ? "" : "s", static_cast<unsigned long long>(r.neurons),
                 static_cast<unsigned long long>(r.synapses), r.simulated_ms, r.dt_ms);
    if (r.resumed_from_ms) std::fprintf(out, ", resumed from %.1f ms", *r.resumed_from_ms);
    std::fprintf(out, "\n");
    std::fprintf(out, "construction %.3f s | simulation %.3f s | real-time factor %.3f\n", r.construction_s,
                 r.simulation_s, r.real_time_factor);
    std::fprintf(out, "synaptic events %.3e (%.3e /s) | peak host memory %s\n", static_cast<double>(r.synaptic_events),
                 r.synaptic_events_per_s, format_bytes(r.peak_host_memory_bytes).c_str());
    if (!r.ranks.empty()) {
        std::fprintf(out, "%-6s %16s %14s %17s %10s\n", "rank", "construction (s)", "compute (s)", "communication (s)",
                     "exchanges");
        for (std::size_t k = 0; k < r.ranks.size(); ++k) {
            const RankFigures& f = r.ranks[k];
            std::fprintf(out, "%-6zu %16.3f %14.3f %17.3f %10llu\n", k, f.construction_s,
                         f.simulation_s - f.communication_s, f.communication_s,
                         static_cast<unsigned long long>(f.exchanges));
        }
    }
    if (r.phases.empty()) return;
    double total = 0;
    for (const PhaseTime& p : r.phases) total += p.seconds;
    std::fprintf(out, "time per phase:");
    for (const PhaseTime& p : r.phases)
        std::fprintf(out, " %s %.3f s (%.0f%%)", p.phase.c_str(), p.seconds, total > 0 ? 100 * p.seconds / total : 0.0);
    std::fprintf(out, "\n");
}

nlohmann::json to_json(const RunSummary& r) {
    nlohmann::json phases = nlohmann::json::object();  // empty without --profile
    for (const PhaseTime& p : r.phases) phases[p.phase] = p.seconds;
    nlohmann::json ranks = nlohmann::json::array();  // empty for a one-process run
    for (const RankFigures& f : r.ranks)
        ranks.push_back({{"construction_s", f.construction_s},
                         {"compute_s", f.simulation_s - f.communication_s},
                         {"communication_s", f.communication_s},
                         {"synaptic_events", f.synaptic_events},
                         {"exchanges", f.exchanges}});
    nlohmann::json pops = nlohmann::json::array();
    for (const PopulationSummary& p : r.populations)
        pops.push_back({{"name", p.name},
                        {"model", p.model},
                        {"neurons", p.neurons},
                        {"recorded", p.recorded},
                        {"spikes", p.spikes},
                        {"mean_rate_Hz", p.mean_rate_Hz},
                        {"mean_cv_isi", p.mean_cv_isi}});
    return {{"experiment", r.experiment},
            {"source", r.source},
            {"axon_version", kVersion},
            {"backend", r.backend},
            {"threads", r.threads},
            {"threads_requested", r.threads_requested},
            {"cpu", r.cpu},
            {"seed", r.seed},
            {"neurons", r.neurons},
            {"synapses", r.synapses},
            {"dt_ms", r.dt_ms},
            {"simulated_ms", r.simulated_ms},
            {"complete", r.complete},
            {"resumed_from_ms", r.resumed_from_ms ? nlohmann::json(*r.resumed_from_ms) : nlohmann::json()},
            {"construction_s", r.construction_s},
            {"simulation_s", r.simulation_s},
            {"real_time_factor", r.real_time_factor},
            {"synaptic_events", r.synaptic_events},
            {"synaptic_events_per_s", r.synaptic_events_per_s},
            {"input_events", r.input_events},
            {"peak_host_memory_bytes", r.peak_host_memory_bytes},
            {"phases_s", phases},
            {"ranks", ranks},
            {"populations", pops}};
}

}  // namespace axon::cli
