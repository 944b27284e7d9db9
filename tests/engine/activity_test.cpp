// ActivityAccumulator: activity()'s figures from spikes handed over in pieces, bit for bit.
#include <gtest/gtest.h>

#include "axon/axon.hpp"

namespace {

TEST(ActivityAccumulator, PiecesGiveTheWholeTrainsFiguresExactly) {
    axon::Network net = axon::models::cuba(axon::models::CubaOptions{1000, 3, 0.1, false});
    axon::Simulator whole(net);
    whole.run(300);
    const axon::SpikeTrain& train = whole.spikes(axon::PopulationId{0});
    ASSERT_GT(train.size(), 1000u);

    axon::Simulator streamed(net);
    axon::ActivityAccumulator pieces(800, net.dt_ms(), 50.0, 250.0);
    std::size_t calls = 0;
    streamed.on_spikes(
        [&](axon::PopulationId p, const axon::SpikeTrain& piece) {
            if (p.index != 0) return;
            pieces.add(piece);
            ++calls;
        },
        137);
    streamed.run(300);
    EXPECT_GT(calls, 2u);

    const axon::ActivityStats expected = axon::activity(train, 800, net.dt_ms(), 50.0, 250.0);
    const axon::ActivityStats got = pieces.stats(250.0);
    EXPECT_EQ(got.spikes, expected.spikes);
    EXPECT_EQ(got.mean_rate_Hz, expected.mean_rate_Hz);
    EXPECT_EQ(got.mean_cv_isi, expected.mean_cv_isi);
    EXPECT_EQ(got.neurons_with_cv, expected.neurons_with_cv);
    EXPECT_GT(got.neurons_with_cv, 0u);
    // A run that stopped early: the rate is over the time it reached.
    EXPECT_DOUBLE_EQ(pieces.stats(150.0).mean_rate_Hz, static_cast<double>(got.spikes) / (800 * 0.1));
}

}  // namespace
