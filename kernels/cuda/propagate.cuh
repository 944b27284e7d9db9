// Phase 4 on the GPU: a warp per spiking presynaptic row; its lanes add the row's weights
// to ring[(t + delay) mod D][receptor][post] with 64-bit integer atomics. Integer addition
// is associative, so the sums equal the CPU's whatever order the atomics land in. The spike
// count is read on the device (grid-stride over rows): no host synchronisation per step.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "../views.hpp"

namespace axon::cuda {

void launch_propagate(const CsrView& csr, const uint32_t* spikes, const uint32_t* spike_count, uint32_t max_spikes,
                      const RingView& ring, uint32_t receptor, uint32_t slot_now, unsigned long long* events,
                      cudaStream_t stream);

}  // namespace axon::cuda
