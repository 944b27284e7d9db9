// raster.svg: spikes of recorded populations (one colour each) over time, with each
// population's rate below. Large populations are subsampled to at most kMaxRows rows in all,
// spread evenly over each population, so the plot stays readable and small.
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "outputs.hpp"

namespace axon::cli {
namespace {

constexpr uint32_t kMaxRows = 1000;
constexpr double kWidth = 960, kLeft = 70, kRight = 20, kTop = 40, kRasterHeight = 420, kGap = 40,
                 kRateHeight = 140, kBottom = 50;
const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else out += c;
    }
    return out;
}

}  // namespace

std::string raster_svg(const Simulator& sim, const std::string& title) {
    const Network& net = sim.network();
    const double dt = net.dt_ms(), t_end = std::max(sim.time_ms(), dt);
    const double plot_w = kWidth - kLeft - kRight;
    const double height = kTop + kRasterHeight + kGap + kRateHeight + kBottom;
    std::vector<uint32_t> pops;
    uint64_t total = 0;
    for (uint32_t p = 0; p < net.populations().size(); ++p)
        if (net.recorded()[p]) {
            pops.push_back(p);
            total += net.populations()[p].size;
        }
    std::ostringstream svg;
    svg.precision(5);
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << height
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg << "<text x=\"" << kLeft << "\" y=\"22\" font-size=\"15\">" << escape(title) << ": spikes and population rates</text>\n";

    // Every stride-th neuron of each population: rows in proportion to size, at least one.
    const double scale = total > kMaxRows ? static_cast<double>(kMaxRows) / static_cast<double>(total) : 1.0;
    std::vector<uint32_t> rows(pops.size()), strides(pops.size());
    uint32_t all_rows = 0;
    for (std::size_t k = 0; k < pops.size(); ++k) {
        const uint32_t size = net.populations()[pops[k]].size;
        const uint32_t wanted = std::max<uint32_t>(1, static_cast<uint32_t>(size * scale));
        strides[k] = (size + wanted - 1) / wanted;
        rows[k] = (size + strides[k] - 1) / strides[k];
        all_rows += rows[k];
    }
    const double row_h = kRasterHeight / std::max<uint32_t>(1, all_rows);
    const std::size_t bins = static_cast<std::size_t>(std::clamp(t_end / 1.0, 1.0, 200.0));
    const double bin_ms = t_end / static_cast<double>(bins);
    std::vector<std::vector<double>> rate(pops.size(), std::vector<double>(bins, 0.0));
    double max_rate = 1e-9;

    uint32_t first_row = 0;
    for (std::size_t k = 0; k < pops.size(); ++k) {
        const PopulationSpec& pop = net.populations()[pops[k]];
        const char* colour = kColours[k % 10];
        const uint32_t stride = strides[k];
        const SpikeTrain& s = sim.spikes(PopulationId{pops[k]});
        svg << "<path stroke=\"" << colour << "\" stroke-width=\"" << std::max(0.6, std::min(row_h, 2.0)) << "\" d=\"";
        for (std::size_t i = 0; i < s.size(); ++i) {
            const double t = s.time_ms(i, dt);
            rate[k][std::min(bins - 1, static_cast<std::size_t>(t / bin_ms))] += 1;
            if (s.neurons[i] % stride != 0) continue;
            const double x = kLeft + plot_w * t / t_end;
            const double y = kTop + row_h * (first_row + s.neurons[i] / stride + 0.5);
            svg << 'M' << x << ' ' << y << "h1";
        }
        svg << "\"/>\n";
        svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << kTop + row_h * (first_row + rows[k] / 2.0) + 4
            << "\" text-anchor=\"end\" fill=\"" << colour << "\">" << escape(pop.name) << "</text>\n";
        first_row += rows[k];
        for (double& r : rate[k]) {
            r /= pop.size * bin_ms * 1e-3;
            max_rate = std::max(max_rate, r);
        }
    }

    const double rate_top = kTop + kRasterHeight + kGap;
    for (std::size_t k = 0; k < pops.size(); ++k) {
        svg << "<polyline fill=\"none\" stroke=\"" << kColours[k % 10] << "\" stroke-width=\"1.2\" points=\"";
        for (std::size_t b = 0; b < bins; ++b)
            svg << kLeft + plot_w * (b + 0.5) / static_cast<double>(bins) << ','
                << rate_top + kRateHeight * (1 - rate[k][b] / max_rate) << ' ';
        svg << "\"/>\n";
    }
    // Frames, axes and labels.
    svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << plot_w << "\" height=\"" << kRasterHeight
        << "\" fill=\"none\" stroke=\"black\"/>\n";
    svg << "<rect x=\"" << kLeft << "\" y=\"" << rate_top << "\" width=\"" << plot_w << "\" height=\"" << kRateHeight
        << "\" fill=\"none\" stroke=\"black\"/>\n";
    for (int tick = 0; tick <= 5; ++tick) {
        const double x = kLeft + plot_w * tick / 5.0;
        svg << "<text x=\"" << x << "\" y=\"" << rate_top + kRateHeight + 16 << "\" text-anchor=\"middle\">"
            << t_end * tick / 5.0 << "</text>\n";
    }
    char label[64];
    std::snprintf(label, sizeof label, "%.3g Hz", max_rate);
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << rate_top + 10 << "\" text-anchor=\"end\">" << label << "</text>\n";
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << rate_top + kRateHeight << "\" text-anchor=\"end\">0</text>\n";
    svg << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << height - 12 << "\" text-anchor=\"middle\">time (ms)</text>\n";
    std::snprintf(label, sizeof label, "population rate (%.3g ms bins)", bin_ms);
    svg << "<text x=\"" << kLeft + plot_w << "\" y=\"" << rate_top - 6 << "\" text-anchor=\"end\">" << label << "</text>\n";
    if (scale < 1.0) {
        std::snprintf(label, sizeof label, "showing %u of %llu neurons", all_rows, static_cast<unsigned long long>(total));
        svg << "<text x=\"" << kLeft + plot_w << "\" y=\"" << kTop - 6 << "\" text-anchor=\"end\">" << label << "</text>\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace axon::cli
