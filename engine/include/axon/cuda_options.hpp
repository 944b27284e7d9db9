/// @file cuda_options.hpp
/// The CUDA backend's own options: how it runs its steps, never what it computes.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <string_view>

namespace axon AXON_API {

/// How the CUDA backend divides a step into kernels (docs/architecture.md, "CUDA backend").
enum class CudaStep {
    merged,     ///< one merged launch per phase: 7 kernels per static step, 10 with plasticity
    fused,      ///< compaction and recording fused into the update: 2 kernels per static step, 4 plastic
    persistent, ///< one cooperative kernel runs many steps, with grid-wide barriers between phases
};
const char* to_string(CudaStep step);
/// "merged", "fused" or "persistent". @throws ConfigError naming the allowed values.
CudaStep parse_cuda_step(std::string_view name);

/// How the CUDA backend runs its steps. Results never depend on these: they exist so that the
/// alternatives can be measured against each other (bench/, docs/benchmarks.md).
struct CudaOptions {
    /// Replay the step's launches from CUDA Graphs of many steps (false: launch them one by one).
    /// The persistent step launches once per run of steps and ignores it.
    bool graphs = true;
    /// Synapses per propagation work item: a spiking row is cut into segments of this many
    /// synapses, each taken by one warp; 0 = one warp per whole row. A multiple of 32.
    uint32_t row_segment = 256;
    /// The default stays `merged` until the other variants have run on a device.
    CudaStep step = CudaStep::merged;
};

}  // namespace axon
