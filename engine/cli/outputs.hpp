// The files `axon run` writes into its output folder (docs/file-format.md, "Output folder"):
//   <population>_spikes.npy   records (time_ms '<f8', neuron '<u4'), one per spike
//   <population>_spikes.csv   the same as text, when asked for
//   sample<k>.npy, sample<k>_time_ms.npy   sampled state [sample][var][neuron] and its times
//   weights<k>.npy, _time_ms, _final, _pre, _post   weight snapshots [snapshot][synapse], their
//                             times, the weights at the end, and each synapse's neurons
//   raster.svg                raster plot and population rates (when anything spiked)
//   summary.json              every figure of the summary, and the list of files; written last
// Spikes are written while the run goes (Simulator::on_spikes), so a long run does not hold
// them; the folder is replaced as a whole at the end (output_folder.hpp).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "axon/experiment.hpp"
#include "axon/simulator.hpp"
#include "output_folder.hpp"
#include "raster_plot.hpp"
#include "run_report.hpp"

namespace axon::cli {

/// Create a folder (with its parents) and prove it writable before anything runs. `role` names it
/// in messages ("checkpoint folder"). @throws axon::ConfigError naming the folder and the reason.
void prepare_folder(const std::string& dir, const std::string& role);

class SpikeFiles;

/// The connections of each weight recorder's projection, for RunOutputs::finish (every rank of
/// a distributed run calls it: the ranks gather them).
std::vector<Connections> recorded_connections(const Simulator& sim);

class RunOutputs {
public:
    /// Takes the output folder (output_folder.hpp) and opens the spike files, before the run.
    /// @throws OutputError.
    RunOutputs(const std::string& dir, const Network& net, bool csv, double planned_ms);
    ~RunOutputs();
    RunOutputs(const RunOutputs&) = delete;
    RunOutputs& operator=(const RunOutputs&) = delete;

    /// A run resumed from a checkpoint: statistics and the rate plot cover (start_ms, end] only.
    void start_at(double start_ms);
    /// Writes a piece of a population's spikes (for Simulator::on_spikes). @throws OutputError.
    void add_spikes(PopulationId population, const SpikeTrain& piece);
    /// Spike counts, rates and ISI CVs of every population (zero for unrecorded ones) over (start, until_ms].
    std::vector<ActivityStats> activity(double until_ms) const;
    /// Writes the rest and summary.json, then puts the folder in place; `connections` are those
    /// of recorded_connections(sim). Returns the files written.
    /// @throws OutputError; the previous result then stays.
    std::vector<std::string> finish(const Simulator& sim, const RunSummary& summary,
                                    const std::vector<Connections>& connections);
    const std::string& dir() const { return folder_.path(); }

private:
    OutputFolder folder_;
    std::vector<std::unique_ptr<SpikeFiles>> spikes_;  // per population; null when not recorded
    RasterPlot raster_;
};

}  // namespace axon::cli
