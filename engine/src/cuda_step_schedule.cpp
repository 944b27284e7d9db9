#include "cuda_step_schedule.hpp"

#include "axon/errors.hpp"

namespace axon {

const char* to_string(CudaStep step) {
    switch (step) {
    case CudaStep::merged: return "merged";
    case CudaStep::fused: return "fused";
    case CudaStep::persistent: return "persistent";
    }
    return "?";
}

CudaStep parse_cuda_step(std::string_view name) {
    for (CudaStep s : {CudaStep::merged, CudaStep::fused, CudaStep::persistent})
        if (name == to_string(s)) return s;
    throw ConfigError("cuda step '" + std::string(name) + "' is not allowed; allowed: merged, fused, persistent");
}

namespace detail {
namespace {

/// One launch of `kernel` per group of kMergedGroup of n objects.
void add_groups(std::vector<StepLaunch>& out, StepKernel kernel, uint32_t n) {
    for (uint32_t first = 0; first < n; first += kMergedGroup)
        out.push_back({kernel, first, n - first < kMergedGroup ? n - first : kMergedGroup});
}

}  // namespace

std::vector<StepLaunch> step_launches(CudaStep variant, const StepShape& shape) {
    std::vector<StepLaunch> out;
    switch (variant) {
    case CudaStep::merged:
        out.push_back({StepKernel::update});
        out.push_back({StepKernel::select_spikes});
        out.push_back({StepKernel::segments});
        add_groups(out, StepKernel::propagate, shape.projections);
        if (shape.plastic) {
            if (shape.sources) out.push_back({StepKernel::archive});
            add_groups(out, StepKernel::arrivals, shape.plastic);
            add_groups(out, StepKernel::post_spikes, shape.plastic);
        }
        if (shape.records) out.push_back({StepKernel::record});
        if (shape.samplers) out.push_back({StepKernel::sample});
        out.push_back({StepKernel::tick});
        break;
    case CudaStep::fused:
        out.push_back({StepKernel::fused_update});
        add_groups(out, StepKernel::fused_propagate, shape.projections);
        if (out.size() > 1) {  // the last group also ends the step
            out.back().kernel = StepKernel::fused_finish;
        } else {
            out.push_back({StepKernel::fused_finish, 0, 0});
        }
        add_groups(out, StepKernel::fused_arrivals, shape.plastic);
        add_groups(out, StepKernel::fused_post_spikes, shape.plastic);
        break;
    case CudaStep::persistent:
        out.push_back({StepKernel::persistent, 0, shape.projections});
        break;
    }
    return out;
}

uint32_t kernels_of(StepKernel kernel) { return kernel == StepKernel::select_spikes ? 2 : 1; }

uint32_t kernels_of(const std::vector<StepLaunch>& launches) {
    uint32_t n = 0;
    for (const StepLaunch& l : launches) n += kernels_of(l.kernel);
    return n;
}

const char* phase_of(StepKernel kernel) {
    switch (kernel) {
    case StepKernel::update:
    case StepKernel::fused_update: return "update";
    case StepKernel::select_spikes:
    case StepKernel::segments: return "spike list";
    case StepKernel::propagate:
    case StepKernel::fused_propagate:
    case StepKernel::fused_finish: return "propagate";
    case StepKernel::archive:
    case StepKernel::arrivals:
    case StepKernel::post_spikes:
    case StepKernel::fused_arrivals:
    case StepKernel::fused_post_spikes: return "learn";
    case StepKernel::record:
    case StepKernel::sample:
    case StepKernel::tick: return "record";
    case StepKernel::persistent: return "steps";
    }
    return "?";
}

std::vector<std::string> phases_of(const std::vector<StepLaunch>& launches) {
    std::vector<std::string> phases;
    for (const StepLaunch& l : launches)
        if (phases.empty() || phases.back() != phase_of(l.kernel)) phases.push_back(phase_of(l.kernel));
    return phases;
}

}  // namespace detail
}  // namespace axon
