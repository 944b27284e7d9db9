// The CUDA backend's step plan: the descriptor tables every step kernel reads
// (kernels/cuda/step_plan.hpp), their launch sizes, the fused and persistent steps' FusedPlan
// and the launches of one step (engine/src/cuda_step_schedule.hpp), written from the device
// state and the recordings. Any allocation a table points to that changes needs a rebuild
// (and the captured step graphs dropped: the backend does both).
#pragma once
#include <cstdint>
#include <vector>

#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/step_plan.hpp"
#include "../cuda_step_schedule.hpp"
#include "axon/cuda_options.hpp"
#include "cuda_device_state.hpp"
#include "cuda_recording.hpp"

namespace axon::detail {

struct CudaPlan {
    // Set at load, before the first rebuild.
    CudaStep variant = CudaStep::merged;
    uint32_t row_segment = 0;  // CudaOptions::row_segment
    uint32_t max_blocks = 1;   // a merged kernel's grid: about one wave
    uint64_t seed = 0;
    /// Plasticity traces decay in the update kernel; false (distributed runs): in the shared
    /// half of the step, by their own kernel, after the exchange (cuda_stepper.hpp).
    bool traces_in_update = true;

    // The tables and what the launches need besides.
    cuda::DeviceBuffer<cuda::SourceHistoryDesc> source_descs;
    cuda::DeviceBuffer<cuda::PopulationDesc> pop_descs;
    cuda::DeviceBuffer<cuda::InputDesc> input_descs;
    cuda::DeviceBuffer<cuda::TraceDesc> trace_descs;
    cuda::DeviceBuffer<cuda::ProjectionDesc> proj_descs;
    cuda::DeviceBuffer<cuda::LearningDesc> learn_descs;
    cuda::DeviceBuffer<cuda::RecordDesc> record_descs;
    cuda::DeviceBuffer<cuda::SamplerDesc> sampler_descs;
    uint32_t update_blocks = 0, propagate_blocks = 1, learning_blocks = 1;
    uint32_t n_pops = 0, n_projections = 0, n_learning = 0, n_sources = 0, n_records = 0, n_samplers = 0;
    uint32_t total_neurons = 0, drain_steps = 1;
    uint32_t largest_recorded = 0, largest_source = 0, n_traces = 0, largest_trace = 0;
    uint64_t largest_sample = 0;
    cuda::FusedPlan fused{};           // the fused and persistent steps' tables
    std::vector<StepLaunch> launches;  // one step's (engine/src/cuda_step_schedule.hpp)
    uint32_t kernels_per_step = 0;

    /// (Re)write every table from `state` and `recording`.
    void rebuild(CudaDeviceState& state, CudaRecording& recording);

    /// Network input k's entry of the input table on the host (steering rewrites it, then
    /// upload_inputs() writes the table whole, into the same allocation).
    cuda::InputDesc& input_entry(uint32_t input);
    void upload_inputs();

    /// Synapses per propagation work item; row_segment 0 (a warp per row): longer than any row.
    uint32_t segment_length() const { return row_segment ? row_segment : (1u << 31); }

private:
    uint32_t merged_blocks(uint64_t warps) const;

    std::vector<cuda::InputDesc> input_host_;  // input_descs on the host (set_poisson_rate)
    std::vector<uint32_t> input_desc_index_;   // network input -> its entry in input_descs
};

}  // namespace axon::detail
