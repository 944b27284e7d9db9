// Checkpoint files (docs/file-format.md, "Checkpoints"): what Simulator::save_checkpoint
// writes and Simulator::restore reads. A versioned little-endian binary file: a header, the
// network's fingerprint, the simulator's and the backend's state in sections with lengths, and
// a checksum; written atomically.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "axon/backend.hpp"
#include "axon/network.hpp"

namespace axon::detail {

constexpr char kCheckpointMagic[8] = {'A', 'X', 'O', 'N', 'C', 'K', 'P', 'T'};
constexpr uint32_t kCheckpointFormat = 2;  // 2: Poisson rates per neuron

/// What a checkpoint holds besides the network's fingerprint.
struct CheckpointContent {
    /// Each Poisson input's rate now (Hz): one value for all its neurons, or one per neuron.
    std::vector<std::vector<double>> poisson_rates;
    std::vector<Step> current_steps_applied;  ///< per schedule: the step it last set a row at (~0: none)
    BackendState backend;                     ///< backend.step is the simulator's step
};

/// The file's bytes.
std::string encode_checkpoint(const Network& net, const CheckpointContent& content);
/// Write atomically. @throws Error naming the file when it cannot be written.
void write_checkpoint(const std::string& path, const Network& net, const CheckpointContent& content);
/// Read `path` and check it against `net`. @throws ConfigError naming the file and what is
/// wrong: unreadable, not a checkpoint, another format or Axon version, truncated, corrupt,
/// another network.
CheckpointContent read_checkpoint(const std::string& path, const Network& net);

}  // namespace axon::detail
