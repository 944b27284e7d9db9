// The files `axon run` writes into its output folder. Every file is written atomically.
//   <population>_spikes.npy   records (time_ms '<f8', neuron '<u4'), one per spike
//   <population>_spikes.csv   the same as text, when asked for
//   sample<k>.npy, sample<k>_time_ms.npy   sampled state [sample][var][neuron] and its times
//   weights<k>.npy, _time_ms, _final, _pre, _post   weight snapshots [snapshot][synapse], their
//                             times, the weights at the end, and each synapse's neurons
//   summary.json              every figure of the summary, and the list of files
//   raster.svg                raster plot and population rates
#pragma once
#include <string>
#include <vector>

#include "axon/experiment.hpp"
#include "axon/simulator.hpp"
#include "run_report.hpp"

namespace axon::cli {

/// Create the folder and prove it writable before anything runs. `role` names it in messages.
/// @throws axon::ConfigError naming the folder and the reason.
void prepare_output_folder(const std::string& dir, const std::string& role = "output folder");

/// Write all outputs; returns the file names written (relative to dir).
std::vector<std::string> write_outputs(const Simulator& sim, const Experiment& experiment, const RunSummary& summary,
                                       const std::string& dir);

/// The raster plot as SVG text (kernels of outputs.cpp, exposed for tests).
std::string raster_svg(const Simulator& sim, const std::string& title);

}  // namespace axon::cli
