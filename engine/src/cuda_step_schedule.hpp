// The kernels of one CUDA step for each CudaStep variant, as data: the backend enqueues a step
// by walking this list, and counts its launches from it, so the counts a test asserts here are
// the launches the backend makes. Plain C++ (no CUDA), so the tests run on any machine.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "axon/backend.hpp"

namespace axon::detail {

/// Objects one merged launch covers (kernels/cuda/merged_work.cuh: kMaxMergedObjects).
constexpr uint32_t kMergedGroup = 256;

enum class StepKernel {
    // merged
    update,         ///< flags of every population, inputs, trace decay
    select_spikes,  ///< cub::DeviceSelect::Flagged: two kernels (its init and the selection)
    segments,       ///< each population's segment of the list
    propagate,      ///< one group of projections
    archive,        ///< spikes of plastic sources into their history
    arrivals,       ///< one group of plastic projections
    post_spikes,    ///< one group of plastic projections
    record,
    sample,
    tick,
    // fused
    fused_update,     ///< update + append to lists and recordings
    fused_propagate,  ///< one group of projections
    fused_finish,     ///< the last group of projections + samples + the step's end
    fused_arrivals,
    fused_post_spikes,
    // persistent: one launch runs many steps
    persistent,
};

/// One launch of a step: a kernel, over objects [first, first + count) where it has a group.
struct StepLaunch {
    StepKernel kernel;
    uint32_t first = 0, count = 0;
};

/// What the step's launches depend on, from the backend's plan.
struct StepShape {
    uint32_t projections = 0;  ///< projections with synapses
    uint32_t plastic = 0;      ///< plastic projections
    uint32_t sources = 0;      ///< populations that plastic projections leave from
    uint32_t records = 0;      ///< recorded populations
    uint32_t samplers = 0;
};

/// The launches of one step, in order (for `persistent`: of one run of steps).
std::vector<StepLaunch> step_launches(CudaStep variant, const StepShape& shape);
/// Kernels those launches run (cub's selection runs two). These are the kernels scheduled: a
/// network without neurons skips the merged update's launch but counts it.
uint32_t kernels_of(const std::vector<StepLaunch>& launches);
/// Kernels one launch of `kernel` runs.
uint32_t kernels_of(StepKernel kernel);
/// The profiling phase a kernel belongs to ("update", "spike list", "propagate", "learn", "record").
const char* phase_of(StepKernel kernel);
/// The phases of a step's launches, in order, each once.
std::vector<std::string> phases_of(const std::vector<StepLaunch>& launches);

}  // namespace axon::detail
