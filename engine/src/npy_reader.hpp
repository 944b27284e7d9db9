// Reading NumPy .npy files (versions 1-3, little-endian, C order) for experiment files: plain
// 1-D numeric arrays (synapse indices, weights, delays) and the (time_ms, neuron) records Axon
// writes for spikes. Every problem is a ConfigError naming the file.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace axon::detail {

/// A 1-D array of any integer or float dtype, as doubles (integers beyond 2^53 are refused).
std::vector<double> read_npy_numbers(const std::string& path);

/// A 1-D array of integers in [0, 2^32): indices. Float dtypes are refused.
std::vector<uint32_t> read_npy_indices(const std::string& path);

/// Spike records: a structured array [('time_ms', '<f8'), ('neuron', '<u4')] (what `axon run`
/// writes), or a 2-D float array with the columns time_ms and neuron.
struct SpikeRecords {
    std::vector<double> time_ms;
    std::vector<uint32_t> neuron;
};
SpikeRecords read_npy_spikes(const std::string& path);

}  // namespace axon::detail
