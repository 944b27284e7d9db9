// Work items of several objects (projections, plastic projections) in one grid, as GeNN
// merges groups: object k contributes count(k) items, known only on the device (they depend
// on this step's spikes). Each block scans the counts into shared memory, then item w belongs
// to the first object whose inclusive prefix exceeds w. One launch covers up to
// kMaxMergedObjects objects (the backend's step schedule makes one launch per group).
#pragma once
#include <cub/block/block_scan.cuh>

#include <cstdint>

#include "launch_config.hpp"

namespace axon::cuda {

constexpr uint32_t kMaxMergedObjects = kMergedBlock;  ///< one scanning thread per object

struct MergedWork {
    unsigned long long end[kMaxMergedObjects];  ///< inclusive prefix sums of the counts
    uint32_t n;

    __device__ unsigned long long total() const { return n ? end[n - 1] : 0ull; }
    __device__ unsigned long long begin(uint32_t k) const { return k ? end[k - 1] : 0ull; }
    /// The object of item w < total(): the first k with end[k] > w.
    __device__ uint32_t object_of(unsigned long long w) const {
        uint32_t lo = 0, hi = n - 1;
        while (lo < hi) {
            const uint32_t mid = (lo + hi) / 2;
            if (end[mid] > w)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
};

/// Fill `work` (block-shared) with the counts of objects [0, n_objects), n_objects <=
/// kMaxMergedObjects; every thread of the block (blockDim.x == kMergedBlock) must call it. It
/// may be called again in the same kernel (a persistent kernel's next phase or group): it
/// first waits until the block is done with the previous contents.
template <class CountFn>
__device__ void scan_work(MergedWork& work, uint32_t n_objects, CountFn count) {
    using Scan = cub::BlockScan<unsigned long long, kMergedBlock>;
    __shared__ typename Scan::TempStorage temp;
    __syncthreads();
    const unsigned long long c = threadIdx.x < n_objects ? count(threadIdx.x) : 0ull;
    unsigned long long inclusive = 0;
    Scan(temp).InclusiveSum(c, inclusive);
    if (threadIdx.x < n_objects) work.end[threadIdx.x] = inclusive;
    if (threadIdx.x == 0) work.n = n_objects;
    __syncthreads();
}

/// Warp indices of a grid-stride loop over work items: a warp per item.
struct WarpLoop {
    uint32_t lane, first, stride;
    __device__ WarpLoop()
        : lane(threadIdx.x & 31u),
          first((blockIdx.x * blockDim.x + threadIdx.x) >> 5),
          stride((gridDim.x * blockDim.x) >> 5) {}
};

}  // namespace axon::cuda
