// The CUDA step schedule (engine/src/cuda_step_schedule.hpp) is what the cuda backend enqueues
// and counts, so these counts are its launches per step, asserted without a device.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "engine/src/cuda_step_schedule.hpp"

namespace axon::detail {
namespace {

// CUBA as models::cuba builds it: 4 projections, both populations recorded.
constexpr StepShape kStatic{4, 0, 0, 2, 0};
// CUBA+STDP: E->E plastic, so E is a plastic source.
constexpr StepShape kPlastic{4, 1, 1, 2, 0};

uint32_t kernels(CudaStep variant, const StepShape& shape) { return kernels_of(step_launches(variant, shape)); }

std::vector<StepKernel> kinds(CudaStep variant, const StepShape& shape) {
    std::vector<StepKernel> out;
    for (const StepLaunch& l : step_launches(variant, shape)) out.push_back(l.kernel);
    return out;
}

TEST(StepSchedule, MergedStepIsSevenKernelsStaticAndTenPlastic) {
    EXPECT_EQ(kernels(CudaStep::merged, kStatic), 7u);  // update, cub select (2), segments, propagate, record, tick
    EXPECT_EQ(kernels(CudaStep::merged, kPlastic), 10u);  // + archive, arrivals, post spikes
    EXPECT_EQ(kinds(CudaStep::merged, kPlastic),
              (std::vector<StepKernel>{StepKernel::update, StepKernel::select_spikes, StepKernel::segments,
                                       StepKernel::propagate, StepKernel::archive, StepKernel::arrivals,
                                       StepKernel::post_spikes, StepKernel::record, StepKernel::tick}));
}

TEST(StepSchedule, FusedStepIsTwoKernelsStaticAndFourPlastic) {
    EXPECT_EQ(kinds(CudaStep::fused, kStatic), (std::vector<StepKernel>{StepKernel::fused_update, StepKernel::fused_finish}));
    EXPECT_EQ(kinds(CudaStep::fused, kPlastic),
              (std::vector<StepKernel>{StepKernel::fused_update, StepKernel::fused_finish, StepKernel::fused_arrivals,
                                       StepKernel::fused_post_spikes}));
    // Samplers and recordings add no launch: they are folded into the update and the finish.
    EXPECT_EQ(kernels(CudaStep::fused, StepShape{4, 0, 0, 2, 3}), 2u);
    // A network without synapses still ends its steps.
    EXPECT_EQ(kinds(CudaStep::fused, StepShape{}), (std::vector<StepKernel>{StepKernel::fused_update, StepKernel::fused_finish}));
}

TEST(StepSchedule, PersistentStepIsOneLaunchForManySteps) {
    EXPECT_EQ(kinds(CudaStep::persistent, kStatic), std::vector<StepKernel>{StepKernel::persistent});
    EXPECT_EQ(kinds(CudaStep::persistent, kPlastic), std::vector<StepKernel>{StepKernel::persistent});
}

TEST(StepSchedule, EachGroupOf256ObjectsIsOneLaunchMore) {
    const StepShape many{301, 257, 1, 1, 0};
    const std::vector<StepLaunch> fused = step_launches(CudaStep::fused, many);
    ASSERT_EQ(fused.size(), 1u + 2u + 2u + 2u);
    EXPECT_EQ(fused[1].kernel, StepKernel::fused_propagate);
    EXPECT_EQ(fused[1].first, 0u);
    EXPECT_EQ(fused[1].count, 256u);
    EXPECT_EQ(fused[2].kernel, StepKernel::fused_finish);  // the last group ends the step
    EXPECT_EQ(fused[2].first, 256u);
    EXPECT_EQ(fused[2].count, 45u);
    EXPECT_EQ(fused[4].count, 1u);  // arrivals of plastic projection 256
    EXPECT_EQ(kernels(CudaStep::merged, many), 1u + 2u + 1u + 2u + 1u + 2u + 2u + 1u + 1u);
}

TEST(StepSchedule, PhasesFollowThePipeline) {
    EXPECT_EQ(phases_of(step_launches(CudaStep::merged, kPlastic)),
              (std::vector<std::string>{"update", "spike list", "propagate", "learn", "record"}));
}

TEST(StepSchedule, StepNamesRoundTripAndUnknownOnesAreRefused) {
    for (CudaStep s : {CudaStep::merged, CudaStep::fused, CudaStep::persistent}) EXPECT_EQ(parse_cuda_step(to_string(s)), s);
    try {
        parse_cuda_step("graph");
        FAIL() << "an unknown step variant was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("allowed: merged, fused, persistent"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace axon::detail
