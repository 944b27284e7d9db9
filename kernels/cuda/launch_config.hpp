// Launch configurations of the CUDA kernels. Not yet tuned on a device: every value below is
// a conventional starting point, to be replaced by measured choices (with the benchmark file
// that justifies them, as CUB's tuning tables do) once the GPU benchmarks have run.
#pragma once
#include <cstdint>

namespace axon::cuda {

constexpr int kNeuronBlock = 256;       ///< thread per neuron
constexpr int kRowBlock = 256;          ///< warp per spiking row (8 rows per block)
constexpr uint32_t kMaxRowWarps = 8192; ///< grid-stride cap for row and column kernels

inline unsigned blocks_for(uint64_t threads, int block) {
    const uint64_t b = (threads + static_cast<uint64_t>(block) - 1) / static_cast<uint64_t>(block);
    return static_cast<unsigned>(b == 0 ? 1 : b);
}

/// Warps for a grid-stride loop over up to `rows` rows.
inline unsigned row_blocks(uint64_t rows) {
    const uint64_t warps = rows < kMaxRowWarps ? rows : kMaxRowWarps;
    return blocks_for(warps * 32, kRowBlock);
}

}  // namespace axon::cuda
