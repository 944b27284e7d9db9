// Phase 4 on the GPU, one launch for every projection: each spiking presynaptic row is cut
// into segments of `segment_length` synapses, and a warp takes one (projection, spike,
// segment) item at a time; its lanes add the weights to ring[(t + delay) mod D][receptor][post]
// with 64-bit integer atomics. Integer addition is associative, so the sums equal the CPU's
// whatever order the atomics land in. Short segments spread a few long rows over many warps
// (sparse activity); one segment per row is the classic warp per row (dense activity).
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "step_plan.hpp"

namespace axon::cuda {

/// Segments of a row of `max_row_length` synapses (at least 1).
uint32_t row_segments(uint64_t max_row_length, uint32_t segment_length);

/// Projections [0, n_projs), n_projs <= kMaxMergedObjects, in one launch; `blocks` caps the
/// grid (a grid-stride loop covers the rest).
void launch_propagate(const ProjectionDesc* projs, uint32_t n_projs, const SpikeListDesc& spikes,
                      const PopulationDesc* pops, uint32_t segment_length, uint32_t blocks, const DeviceClock* clock,
                      unsigned long long* events, cudaStream_t stream);

}  // namespace axon::cuda
