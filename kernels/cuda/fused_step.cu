#include <cooperative_groups.h>

#include <string>

#include "axon/errors.hpp"
#include "cuda_check.hpp"
#include "fused_step.cuh"
#include "neuron_update.cuh"
#include "step_phases.cuh"

namespace axon::cuda {
namespace {

static_assert(kUpdateBlock == kMergedBlock, "the persistent kernel runs every phase with one block size");
constexpr uint32_t kWarpsPerBlock = kUpdateBlock / 32;

/// Population-aligned update block `block` of step t: update its neurons, then append its
/// spikes to the population's list slot and recording. Every thread of the block must call it.
__device__ void update_block(const FusedPlan& plan, uint32_t block, uint64_t t) {
    __shared__ uint32_t warp_offset[kWarpsPerBlock];
    __shared__ uint32_t block_base;
    __shared__ unsigned long long record_base;
    const uint32_t p = population_of_block(plan.pops, plan.n_pops, block);
    const PopulationDesc& pop = plan.pops[p];
    const SourceHistoryDesc& list = plan.lists[p];
    const uint32_t i = (block - pop.block_begin) * blockDim.x + threadIdx.x;
    const auto slot = static_cast<uint32_t>(t % list.slots);
    if (block == pop.block_begin && threadIdx.x == 0) list.counts[(t + 1) % list.slots] = 0;  // the next step's

    unsigned long long kicks = 0;
    const bool spike = i < pop.size && update_neuron(pop, i, t, plan.inputs, plan.traces, plan.seed, kicks);

    // Places in the list: a ballot per warp, a scan of the warp counts, one atomic per block.
    const uint32_t lane = threadIdx.x & 31u, warp = threadIdx.x >> 5;
    const uint32_t ballot = __ballot_sync(kFullMask, spike);
    __syncthreads();  // the previous block's readers are done with the shared places
    if (lane == 0) warp_offset[warp] = __popc(ballot);
    __syncthreads();
    if (threadIdx.x == 0) {
        uint32_t total = 0;
        for (uint32_t w = 0; w < kWarpsPerBlock; ++w) {
            const uint32_t c = warp_offset[w];
            warp_offset[w] = total;
            total += c;
        }
        block_base = total ? atomicAdd(list.counts + slot, total) : 0;
        record_base = pop.record != kNotRecorded ? *plan.records[pop.record].fill : 0;
    }
    __syncthreads();
    if (spike) {
        const uint32_t place = block_base + warp_offset[warp] + __popc(ballot & ((1u << lane) - 1u));
        list.ids[static_cast<uint64_t>(slot) * list.size + place] = i;
        if (pop.record != kNotRecorded) {
            const RecordDesc& r = plan.records[pop.record];
            if (record_base + place < r.capacity)
                r.buffer[record_base + place] = i;
            else
                *plan.overflow = 1;
        }
    }
    block_add(plan.events + 1, kicks);
}

/// Samples due after step t (since_drain steps after the last drain), over the whole grid.
__device__ void sample_phase(const FusedPlan& plan, uint64_t t, uint32_t since_drain) {
    for (uint32_t k = 0; k < plan.n_samplers; ++k) {
        const SamplerDesc& d = plan.samplers[k];
        if (sample_due(d, t)) sample_row(d, samples_before(d, t, since_drain));
    }
}

/// The step's end, by one block after its lists are complete: each recorded population's
/// count for the step and fill level, the samplers' counts (checked at the drain).
__device__ void finish_step(const FusedPlan& plan, uint64_t t, uint32_t since_drain) {
    for (uint32_t k = threadIdx.x; k < plan.n_records; k += blockDim.x) {
        const RecordDesc& r = plan.records[k];
        const SourceHistoryDesc& list = plan.lists[r.population];
        const uint32_t n = list.counts[t % list.slots];
        if (since_drain < plan.max_steps)
            r.step_counts[since_drain] = n;
        else
            *plan.overflow = 1;
        *r.fill += n;
    }
    for (uint32_t k = threadIdx.x; k < plan.n_samplers; k += blockDim.x)
        if (sample_due(plan.samplers[k], t)) ++*plan.samplers[k].filled;
}

/// fn(g, count) for each group of at most kMaxMergedObjects of objects [first, first + n).
template <class Fn>
__device__ void for_each_group(uint32_t first, uint32_t n, Fn fn) {
    for (uint32_t g = first; g < first + n; g += kMaxMergedObjects)
        fn(g, first + n - g < kMaxMergedObjects ? first + n - g : kMaxMergedObjects);
}

__device__ void propagate_groups(const FusedPlan& plan, uint32_t first, uint32_t n, uint64_t t) {
    unsigned long long delivered = 0;
    for_each_group(first, n, [&](uint32_t g, uint32_t count) {
        propagate_phase(plan.projs + g, count, FusedSpikes{plan.lists, t}, plan.segment_length, t, delivered);
    });
    block_add(plan.events, delivered);
}

__device__ void arrivals_groups(const FusedPlan& plan, uint32_t first, uint32_t n, uint64_t t) {
    for_each_group(first, n, [&](uint32_t g, uint32_t count) { arrivals_phase(plan.learning + g, count, plan.lists, t); });
}

__device__ void post_spikes_groups(const FusedPlan& plan, uint32_t first, uint32_t n, uint64_t t) {
    for_each_group(first, n, [&](uint32_t g, uint32_t count) {
        post_spikes_phase(plan.learning + g, count, FusedSpikes{plan.lists, t}, t);
    });
}

// ---- the fused launches: the clock's two copies (step_plan.hpp) replace a tick kernel ----

__global__ void __launch_bounds__(kUpdateBlock) fused_update_kernel(const FusedPlan plan) {
    const uint64_t t = plan.clock->step;
    if (blockIdx.x < plan.update_blocks) update_block(plan, blockIdx.x, t);  // none without neurons: block 0 still ticks
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        plan.clock->next_step = t + 1;
        plan.clock->next_since_drain = plan.clock->since_drain + 1;
    }
}

__global__ void __launch_bounds__(kMergedBlock)
    fused_propagate_kernel(const FusedPlan plan, uint32_t first, uint32_t n, bool finish) {
    const uint64_t t = plan.clock->next_step - 1;
    const uint32_t since_drain = plan.clock->next_since_drain - 1;
    propagate_groups(plan, first, n, t);
    if (!finish) return;
    sample_phase(plan, t, since_drain);
    if (blockIdx.x != 0) return;
    finish_step(plan, t, since_drain);
    if (threadIdx.x == 0) {  // nothing in this kernel reads step / since_drain
        plan.clock->step = t + 1;
        plan.clock->since_drain = since_drain + 1;
    }
}

__global__ void __launch_bounds__(kMergedBlock)
    fused_learn_kernel(const FusedPlan plan, uint32_t first, uint32_t n, bool post_spikes) {
    const uint64_t t = plan.clock->next_step - 1;
    if (post_spikes)
        post_spikes_groups(plan, first, n, t);
    else
        arrivals_groups(plan, first, n, t);
}

// ---- the persistent kernel: grid-wide barriers between the phases of each step ----------

__global__ void __launch_bounds__(kUpdateBlock) persistent_kernel(const FusedPlan plan, uint64_t n_steps) {
    namespace cg = cooperative_groups;
    const cg::grid_group grid = cg::this_grid();
    const uint64_t first_step = plan.clock->step;
    const uint32_t first_since = plan.clock->since_drain;
    for (uint64_t k = 0; k < n_steps; ++k) {
        const uint64_t t = first_step + k;
        const auto since_drain = static_cast<uint32_t>(first_since + k);
        for (uint32_t b = blockIdx.x; b < plan.update_blocks; b += gridDim.x) update_block(plan, b, t);
        grid.sync();
        propagate_groups(plan, 0, plan.n_projs, t);
        sample_phase(plan, t, since_drain);
        if (blockIdx.x == 0) finish_step(plan, t, since_drain);
        if (plan.n_learning) {
            grid.sync();
            arrivals_groups(plan, 0, plan.n_learning, t);
            grid.sync();
            post_spikes_groups(plan, 0, plan.n_learning, t);
        }
        grid.sync();
    }
    if (blockIdx.x == 0 && threadIdx.x == 0) {  // every block read the clock before the first barrier
        plan.clock->step = plan.clock->next_step = first_step + n_steps;
        plan.clock->since_drain = plan.clock->next_since_drain = static_cast<uint32_t>(first_since + n_steps);
    }
}

}  // namespace

void launch_fused_update(const FusedPlan& plan, cudaStream_t stream) {
    fused_update_kernel<<<plan.update_blocks ? plan.update_blocks : 1, kUpdateBlock, 0, stream>>>(plan);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_fused_propagate(const FusedPlan& plan, uint32_t first, uint32_t n, bool finish, uint32_t blocks,
                            cudaStream_t stream) {
    fused_propagate_kernel<<<blocks, kMergedBlock, 0, stream>>>(plan, first, n, finish);
    AXON_CUDA_CHECK_LAUNCH();
}

void launch_fused_learn(const FusedPlan& plan, uint32_t first, uint32_t n, bool post_spikes, uint32_t blocks,
                        cudaStream_t stream) {
    fused_learn_kernel<<<blocks, kMergedBlock, 0, stream>>>(plan, first, n, post_spikes);
    AXON_CUDA_CHECK_LAUNCH();
}

uint32_t persistent_blocks() {
    int device = 0, cooperative = 0, sms = 0, per_sm = 0;
    AXON_CUDA_CHECK(cudaGetDevice(&device));
    AXON_CUDA_CHECK(cudaDeviceGetAttribute(&cooperative, cudaDevAttrCooperativeLaunch, device));
    if (!cooperative)
        throw BackendError("cuda: device " + std::to_string(device) +
                           " cannot launch cooperative kernels, which the persistent step needs (use step 'fused')");
    AXON_CUDA_CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
    AXON_CUDA_CHECK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, persistent_kernel, kUpdateBlock, 0));
    if (per_sm < 1) throw BackendError("cuda: the persistent step kernel cannot be resident on this device");
    return static_cast<uint32_t>(sms) * static_cast<uint32_t>(per_sm);
}

int persistent_registers() {
    cudaFuncAttributes a{};
    AXON_CUDA_CHECK(cudaFuncGetAttributes(&a, persistent_kernel));
    return a.numRegs;
}

void launch_persistent(const FusedPlan& plan, uint64_t n_steps, uint32_t blocks, cudaStream_t stream) {
    if (n_steps == 0) return;  // the kernel writes the clock back only after a grid-wide barrier
    void* args[] = {const_cast<FusedPlan*>(&plan), &n_steps};
    AXON_CUDA_CHECK(cudaLaunchCooperativeKernel(reinterpret_cast<const void*>(persistent_kernel), dim3(blocks),
                                                dim3(kUpdateBlock), args, 0, stream));
}

}  // namespace axon::cuda
