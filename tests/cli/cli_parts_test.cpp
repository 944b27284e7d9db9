// Parts of the `axon` command tested directly: the progress line and the raster plot.
#include <gtest/gtest.h>

#include <regex>

#include "progress.hpp"
#include "raster_plot.hpp"

namespace {

using axon::cli::progress_line;
using axon::cli::RasterPlot;

TEST(ProgressLine, FitsTheTerminalWidth) {
    for (int columns : {20, 40, 60, 80, 120, 200}) {
        for (double total : {100.0, 3.6e6, 1e12}) {
            const std::string line = progress_line(total / 3, total, 12345.6, 98765.4, columns);
            EXPECT_LE(line.size(), static_cast<std::size_t>(columns - 1)) << columns << " columns: " << line;
            EXPECT_NE(line.find("33.3%"), std::string::npos) << line;
        }
    }
    const std::string wide = progress_line(500, 1000, 1.5, 1.5, 80);
    EXPECT_EQ(wide, "[###############...............]  50.0% 500/1000 ms | wall 1.5 s | ETA 1.5 s");
    EXPECT_EQ(progress_line(500, 1000, 1.5, 1.5, 40).find("wall"), std::string::npos) << "the wall time goes first";
}

axon::Network two_populations() {
    axon::Network net;  // dt 0.1 ms
    net.add_population("E", 800, axon::NeuronModel::lif_exp);
    net.add_population("I", 200, axon::NeuronModel::lif_exp);
    net.record_spikes(axon::PopulationId{0});
    net.record_spikes(axon::PopulationId{1});
    return net;
}

// Asynchronous firing: neuron i spikes in the steps t of [from, to) with t = i (mod period).
axon::SpikeTrain regular(uint32_t neurons, axon::Step from, axon::Step to, axon::Step period) {
    axon::SpikeTrain s;
    for (axon::Step t = from; t < to; ++t)
        for (uint32_t i = static_cast<uint32_t>(t % period); i < neurons; i += static_cast<uint32_t>(period)) {
            s.steps.push_back(t);
            s.neurons.push_back(i);
        }
    return s;
}

TEST(RasterPlot, HasLegendAxisLabelsAndASteadyStateRateAxis) {
    const axon::Network net = two_populations();
    RasterPlot plot(net, 2000);
    EXPECT_TRUE(plot.empty());
    plot.add(axon::PopulationId{0}, regular(800, 0, 50, 5));         // 50 ms at 2000 Hz: an onset transient
    plot.add(axon::PopulationId{0}, regular(800, 500, 20000, 800));  // then 12.5 Hz
    EXPECT_FALSE(plot.empty());
    const std::string svg = plot.svg("test", 2000);
    for (const char* text : {"time (ms)", "rate (Hz)", "neuron", ">E ", ">I ", "population rate, 10 ms bins"})
        EXPECT_NE(svg.find(text), std::string::npos) << text;
    // The rate axis top label is the steady 12.5 Hz, not the transient 2000 Hz.
    std::smatch top;
    ASSERT_TRUE(std::regex_search(svg, top, std::regex("y=\"520\" text-anchor=\"end\">([0-9.]+)<"))) << svg.substr(svg.size() - 2500);
    EXPECT_NEAR(std::stod(top[1]), 12.5, 0.2);
    EXPECT_NE(svg.find("of the last 1000 ms"), std::string::npos);
}

TEST(RasterPlot, SparseSpikesShowAndLongRunsStayBounded) {
    const axon::Network net = two_populations();
    RasterPlot sparse(net, 1000);
    axon::SpikeTrain one;
    one.steps = {5000};
    one.neurons = {0};
    sparse.add(axon::PopulationId{1}, one);
    const std::string svg = sparse.svg("one spike", 1000);
    EXPECT_TRUE(std::regex_search(svg, std::regex("M[0-9.]+ [0-9.]+v([3-9]|[1-9][0-9])"))) << "a tick at least 3 px tall";

    // An hour at 10 Hz per neuron, handed over in 100 ms pieces: the plot keeps the last second.
    RasterPlot hour(net, 3.6e6);
    std::size_t largest = 0;
    for (axon::Step from = 0; from < 36'000'000; from += 1'000'000) {  // 100 s of steps at a time
        axon::SpikeTrain piece = regular(800, from, from + 1'000'000, 1000);
        hour.add(axon::PopulationId{0}, piece);
        if (from % 9'000'000 == 0) largest = std::max(largest, hour.svg("hour", static_cast<double>(from + 1'000'000) * 0.1).size());
    }
    EXPECT_LT(largest, 1'000'000u) << "bounded by the rows shown in one second, not by the run's length";
}

}  // namespace
