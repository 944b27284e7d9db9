// raster.svg, built while a run streams its spikes: the last second of spikes of the recorded
// populations (one colour each, at most kMaxRows rows spread evenly over each population), and
// every population's rate over the whole run below (at most 200 bins). Its size is bounded
// whatever the run's length.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "axon/network.hpp"
#include "axon/record.hpp"

namespace axon::cli {

class RasterPlot {
public:
    static constexpr uint32_t kMaxRows = 1000;
    static constexpr double kWindowMs = 1000;  ///< the raster shows the last this many ms

    /// `planned_ms`: the run's length, which sets the rate bins.
    RasterPlot(const Network& net, double planned_ms);
    /// A run resumed at `start_ms` (before any spike is added): rates over (start_ms, planned_ms].
    void start_at(double start_ms);
    /// The spikes of population `population` (in time order, as Simulator::on_spikes hands them).
    void add(PopulationId population, const SpikeTrain& piece);
    /// No recorded population has spiked: there is nothing to plot.
    bool empty() const { return spikes_ == 0; }
    /// The plot of (0, end_ms] as SVG text.
    std::string svg(const std::string& title, double end_ms) const;

private:
    struct Row {  // a recorded population's share of the plot
        uint32_t stride, rows, first_row;
        std::string name;
        uint32_t size;
        std::vector<uint64_t> counts;  // spikes per rate bin
    };
    struct Mark {
        double t_ms;
        uint32_t row;
        uint16_t colour;
    };
    std::vector<Row> rows_;
    std::vector<int> row_of_population_;  // index into rows_, -1 when not recorded
    std::deque<Mark> marks_;               // spikes of the last kWindowMs, time order
    uint32_t all_rows_ = 0;
    uint64_t total_neurons_ = 0, spikes_ = 0;
    double dt_ms_, bin_ms_, start_ms_ = 0, planned_ms_;
    std::size_t bins_;
};

}  // namespace axon::cli
