// The step with few launches (CudaStep::fused) and the persistent kernel that runs many steps
// in one launch (CudaStep::persistent): the phase bodies of step_phases.cuh with fewer
// barriers than the merged step.
//
// The update appends each population's spikes straight to its list (a block aggregates its
// warps' ballots, then one atomic per block reserves its places), and to the recording
// buffer at the same places after the population's fill level, so there is no flag array, no
// compaction and no separate record launch. Each population's list is a ring of `slots` lists
// (SourceHistoryDesc); the update of step t zeroes the count of slot t + 1, which no reader of
// step t touches: a population that plastic projections leave from keeps its longest plastic
// delay + 2 slots (arrivals read steps t - 1 .. t - delay), any other 2.
//
//   fused, static network:   update | propagate + sample + step's end      = 2 kernels
//   fused, plastic network:  update | propagate + ... | arrivals | post    = 4 kernels
//   persistent:              one cooperative kernel for n steps; a grid-wide barrier takes
//                            the place of each kernel boundary above
// (one launch more per further group of 256 projections or plastic projections; see
// engine/src/cuda_step_schedule.hpp for the exact count the backend reports).
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "step_plan.hpp"

namespace axon::cuda {

/// Phases 1-3 and the append to lists and recordings, every population, at step clock.step.
void launch_fused_update(const FusedPlan& plan, cudaStream_t stream);
/// Phase 4 for projections [first, first + n) at step clock.next_step - 1; with `finish`, also
/// the samples and the step's end (recorded counts, fill levels, clock). `blocks` caps the grid.
void launch_fused_propagate(const FusedPlan& plan, uint32_t first, uint32_t n, bool finish, uint32_t blocks,
                            cudaStream_t stream);
/// Phase 5 for plastic projections [first, first + n): arrivals (post_spikes false), or
/// postsynaptic spikes after every arrival (post_spikes true).
void launch_fused_learn(const FusedPlan& plan, uint32_t first, uint32_t n, bool post_spikes, uint32_t blocks,
                        cudaStream_t stream);

/// Blocks of the persistent kernel: as many as can be resident on the device at once (a
/// cooperative launch needs every block resident). @throws BackendError where the device
/// cannot launch cooperative kernels.
uint32_t persistent_blocks();
/// Registers per thread of the persistent kernel (its occupancy: 65536 / (256 x this) blocks per SM).
int persistent_registers();
/// Steps clock.step .. clock.step + n_steps - 1 in one cooperative launch of `blocks` blocks.
void launch_persistent(const FusedPlan& plan, uint64_t n_steps, uint32_t blocks, cudaStream_t stream);

}  // namespace axon::cuda
