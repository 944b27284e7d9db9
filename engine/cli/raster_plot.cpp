#include "raster_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace axon::cli {
namespace {

constexpr double kWidth = 960, kLeft = 80, kRight = 150, kTop = 40, kRasterHeight = 420, kGap = 50,
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

std::string number(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// Five ticks on a time axis from t0 to t1 under a panel whose bottom edge is at y.
void time_axis(std::ostringstream& svg, double t0, double t1, double x0, double width, double y) {
    for (int tick = 0; tick <= 5; ++tick) {
        const double x = x0 + width * tick / 5.0;
        svg << "<line x1=\"" << x << "\" y1=\"" << y << "\" x2=\"" << x << "\" y2=\"" << y + 4 << "\" stroke=\"black\"/>"
            << "<text x=\"" << x << "\" y=\"" << y + 16 << "\" text-anchor=\"middle\">"
            << number("%.6g", t0 + (t1 - t0) * tick / 5.0) << "</text>\n";
    }
}

}  // namespace

RasterPlot::RasterPlot(const Network& net, double planned_ms) : dt_ms_(net.dt_ms()), planned_ms_(planned_ms) {
    row_of_population_.assign(net.populations().size(), -1);
    for (uint32_t p = 0; p < net.populations().size(); ++p)
        if (net.recorded()[p]) total_neurons_ += net.populations()[p].size;
    // Every stride-th neuron of each population: rows in proportion to size, at least one.
    const double scale =
        total_neurons_ > kMaxRows ? static_cast<double>(kMaxRows) / static_cast<double>(total_neurons_) : 1.0;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        if (!net.recorded()[p]) continue;
        const PopulationSpec& pop = net.populations()[p];
        const uint32_t wanted = std::max<uint32_t>(1, static_cast<uint32_t>(pop.size * scale));
        const uint32_t stride = (pop.size + wanted - 1) / wanted;
        const uint32_t rows = (pop.size + stride - 1) / stride;
        row_of_population_[p] = static_cast<int>(rows_.size());
        rows_.push_back(Row{stride, rows, all_rows_, pop.name, pop.size, {}});
        all_rows_ += rows;
    }
    start_at(0.0);
}

void RasterPlot::start_at(double start_ms) {
    start_ms_ = start_ms;
    const double span = std::max(planned_ms_ - start_ms, dt_ms_);
    bins_ = static_cast<std::size_t>(std::clamp(span / 1.0, 1.0, 200.0));
    bin_ms_ = span / static_cast<double>(bins_);
    for (Row& row : rows_) row.counts.assign(bins_, 0);
}

void RasterPlot::add(PopulationId population, const SpikeTrain& piece) {
    const int k = row_of_population_.at(population.index);
    if (k < 0 || piece.empty()) return;
    Row& row = rows_[static_cast<std::size_t>(k)];
    for (std::size_t i = 0; i < piece.size(); ++i) {
        const double t = piece.time_ms(i, dt_ms_);
        ++row.counts[std::min(bins_ - 1, static_cast<std::size_t>(std::max(0.0, t - start_ms_) / bin_ms_))];
        if (piece.neurons[i] % row.stride == 0)
            marks_.push_back(Mark{t, row.first_row + piece.neurons[i] / row.stride, static_cast<uint16_t>(k % 10)});
    }
    spikes_ += piece.size();
    const double newest = piece.time_ms(piece.size() - 1, dt_ms_);
    while (!marks_.empty() && marks_.front().t_ms <= newest - kWindowMs) marks_.pop_front();
}

std::string RasterPlot::svg(const std::string& title, double end_ms) const {
    const double t_end = std::max(end_ms, start_ms_ + dt_ms_), t_start = std::max(start_ms_, t_end - kWindowMs);
    const double span = t_end - start_ms_;  // of the rates: the run, or what ran since a resume
    const double plot_w = kWidth - kLeft - kRight;
    const double height = kTop + kRasterHeight + kGap + kRateHeight + kBottom;
    const double rate_top = kTop + kRasterHeight + kGap;
    std::ostringstream svg;
    svg.precision(5);
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << height
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    svg << "<text x=\"" << kLeft << "\" y=\"22\" font-size=\"15\">" << escape(title) << ": spikes"
        << (start_ms_ > 0 ? " since the resume at " + number("%.6g", start_ms_) + " ms" : std::string())
        << (t_start > start_ms_ ? " of the last " + number("%.6g", t_end - t_start) + " ms" : std::string())
        << " and population rates</text>\n";

    // Raster: a tick per spike, at least 3 px tall and 1.5 px wide so that sparse spikes show.
    const double row_h = kRasterHeight / std::max<uint32_t>(1, all_rows_);
    const double tick_h = std::max(row_h, 3.0);
    for (std::size_t c = 0; c < std::min<std::size_t>(rows_.size(), 10); ++c) {
        svg << "<path stroke=\"" << kColours[c] << "\" stroke-width=\"1.5\" d=\"";
        for (const Mark& m : marks_) {
            if (m.colour != c || m.t_ms <= t_start || m.t_ms > t_end) continue;
            svg << 'M' << kLeft + plot_w * (m.t_ms - t_start) / (t_end - t_start) << ' '
                << kTop + row_h * (m.row + 0.5) - tick_h / 2 << 'v' << tick_h;
        }
        svg << "\"/>\n";
    }
    // Rates over the whole run; the axis is scaled to the steady state (the bins after the first
    // tenth of the run), so that an onset transient does not flatten the rest. Higher bins clip.
    const auto shown_bins = std::min(bins_, static_cast<std::size_t>(std::ceil(span / bin_ms_ - 1e-9)));
    const std::size_t steady_from = shown_bins >= 10 ? shown_bins / 10 : 0;
    std::vector<std::vector<double>> rates(rows_.size());
    double max_rate = 0;
    for (std::size_t k = 0; k < rows_.size(); ++k) {
        for (std::size_t b = 0; b < shown_bins; ++b) {
            const double width_ms = std::min(bin_ms_, span - bin_ms_ * static_cast<double>(b));
            rates[k].push_back(static_cast<double>(rows_[k].counts[b]) / (rows_[k].size * width_ms * 1e-3));
            if (b >= steady_from) max_rate = std::max(max_rate, rates[k].back());
        }
    }
    if (max_rate <= 0) max_rate = 1;
    svg << "<clipPath id=\"rates\"><rect x=\"" << kLeft << "\" y=\"" << rate_top << "\" width=\"" << plot_w
        << "\" height=\"" << kRateHeight << "\"/></clipPath>\n";
    const double rate_w = plot_w * bin_ms_ * static_cast<double>(shown_bins) / span;
    for (std::size_t k = 0; k < rows_.size(); ++k) {
        svg << "<polyline clip-path=\"url(#rates)\" fill=\"none\" stroke=\"" << kColours[k % 10]
            << "\" stroke-width=\"1.2\" points=\"";
        for (std::size_t b = 0; b < shown_bins; ++b)
            svg << kLeft + std::min(plot_w, rate_w * (b + 0.5) / static_cast<double>(shown_bins)) << ','
                << rate_top + kRateHeight * (1 - std::min(rates[k][b] / max_rate, 1.02)) << ' ';
        svg << "\"/>\n";
    }

    // Frames, axes, labels and the legend.
    for (double top : {kTop, rate_top})
        svg << "<rect x=\"" << kLeft << "\" y=\"" << top << "\" width=\"" << plot_w << "\" height=\""
            << (top == kTop ? kRasterHeight : kRateHeight) << "\" fill=\"none\" stroke=\"black\"/>\n";
    time_axis(svg, t_start, t_end, kLeft, plot_w, kTop + kRasterHeight);
    time_axis(svg, start_ms_, t_end, kLeft, plot_w, rate_top + kRateHeight);
    svg << "<text x=\"" << kLeft + plot_w / 2 << "\" y=\"" << height - 12 << "\" text-anchor=\"middle\">time (ms)</text>\n";
    svg << "<text transform=\"translate(18," << kTop + kRasterHeight / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
        << (total_neurons_ > all_rows_ ? "neuron (" + std::to_string(all_rows_) + " of " + std::to_string(total_neurons_) + " shown)"
                                       : std::string("neuron"))
        << "</text>\n";
    svg << "<text transform=\"translate(18," << rate_top + kRateHeight / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
        << "rate (Hz)</text>\n";
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << rate_top + 10 << "\" text-anchor=\"end\">" << number("%.3g", max_rate)
        << "</text>\n<text x=\"" << kLeft - 6 << "\" y=\"" << rate_top + kRateHeight << "\" text-anchor=\"end\">0</text>\n";
    svg << "<text x=\"" << kLeft + plot_w << "\" y=\"" << rate_top - 6 << "\" text-anchor=\"end\">population rate, "
        << number("%.3g", bin_ms_) << " ms bins</text>\n";
    const double legend_x = kLeft + plot_w + 12;
    svg << "<text x=\"" << legend_x << "\" y=\"" << kTop + 10 << "\" font-weight=\"bold\">population</text>\n";
    for (std::size_t k = 0; k < rows_.size(); ++k) {
        const double y = kTop + 28 + 18 * static_cast<double>(k);
        uint64_t spikes = 0;
        for (uint64_t n : rows_[k].counts) spikes += n;
        svg << "<rect x=\"" << legend_x << "\" y=\"" << y - 9 << "\" width=\"10\" height=\"10\" fill=\"" << kColours[k % 10]
            << "\"/><text x=\"" << legend_x + 15 << "\" y=\"" << y << "\">" << escape(rows_[k].name) << " "
            << number("%.3g Hz", static_cast<double>(spikes) / (rows_[k].size * span * 1e-3)) << "</text>\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace axon::cli
