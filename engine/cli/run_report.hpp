// The figures of a finished run, computed once, then printed as a table and written as
// summary.json.
#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "axon/experiment.hpp"
#include "axon/simulator.hpp"

namespace axon::cli {

struct PopulationSummary {
    std::string name, model;
    uint32_t neurons = 0;
    bool recorded = false;
    uint64_t spikes = 0;
    double mean_rate_Hz = 0, mean_cv_isi = 0;
};

/// One rank's part of a distributed run (`mpirun -np N axon run`).
struct RankFigures {
    double construction_s = 0, simulation_s = 0, communication_s = 0;
    uint64_t synaptic_events = 0, input_events = 0, exchanges = 0;
};

struct RunSummary {
    std::string experiment, source, backend, cpu;
    uint64_t seed = 0, neurons = 0, synapses = 0, synaptic_events = 0, input_events = 0, peak_host_memory_bytes = 0;
    int threads = 0, threads_requested = 0;  ///< in use, and as asked for (0 = all)
    double dt_ms = 0, simulated_ms = 0, construction_s = 0, simulation_s = 0, real_time_factor = 0,
           synaptic_events_per_s = 0;
    std::vector<PopulationSummary> populations;
    std::vector<PhaseTime> phases;  ///< with --profile
    bool complete = true;           ///< false: interrupted (SIGINT/SIGTERM) before the end
    std::optional<double> resumed_from_ms;  ///< --resume: the checkpoint's time (outputs hold what ran since)
    std::vector<RankFigures> ranks;  ///< distributed runs: every rank's (events above: their sum)
};

/// Every rank's figures, in rank order (collective; one process: its own).
std::vector<RankFigures> gather_rank_figures(const Simulator& sim, Communicator* comm);

/// The figures of `sim`'s run so far, with each population's spike statistics from `activity`
/// (one per population, as RunOutputs::activity gives them). A run resumed from a checkpoint at
/// resumed_from_ms: rates and speed over what ran since.
RunSummary summarize(const Simulator& sim, const Experiment& experiment, const std::string& source,
                     const std::vector<ActivityStats>& activity, std::optional<double> resumed_from_ms = std::nullopt,
                     std::vector<RankFigures> ranks = {});
void print_summary(const RunSummary& summary, std::FILE* out);
nlohmann::json to_json(const RunSummary& summary);

}  // namespace axon::cli
