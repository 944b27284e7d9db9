// Launch configurations of the CUDA kernels. Not yet tuned on a device: every value below is
// a conventional starting point, to be replaced by measured choices (with the benchmark file
// that justifies them, as CUB's tuning tables do) once the GPU benchmarks have run. The
// propagation segment length, the one choice that changes the work split, is a run-time
// option (CudaOptions::row_segment) so that the benchmarks can compare its values.
#pragma once
#include <cstdint>

namespace axon::cuda {

constexpr int kNeuronBlock = 256;   ///< a thread per neuron, sample value or list entry
constexpr int kMergedBlock = 256;   ///< a merged kernel's block (kernels/cuda/merged_work.cuh)
constexpr unsigned kListBlocks = 16; ///< grid-stride cap for copying a step's spike lists

inline unsigned blocks_for(uint64_t threads, int block) {
    const uint64_t b = (threads + static_cast<uint64_t>(block) - 1) / static_cast<uint64_t>(block);
    return static_cast<unsigned>(b == 0 ? 1 : b);
}

/// Blocks for a grid-stride copy of up to `entries` list entries: a step's spikes are
/// usually few, so a small grid does them in one pass and costs little when idle.
inline unsigned list_blocks(uint64_t entries) {
    const unsigned b = blocks_for(entries, kNeuronBlock);
    return b < kListBlocks ? b : kListBlocks;
}

/// A grid's y dimension over `objects` objects (kernels loop over y past the 65535 limit).
inline unsigned grid_y(uint32_t objects) { return objects < 65535u ? (objects ? objects : 1u) : 65535u; }

}  // namespace axon::cuda
