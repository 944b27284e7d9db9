#include <algorithm>
#include <cmath>
#include <vector>

#include "axon/record.hpp"

namespace axon {

ActivityAccumulator::ActivityAccumulator(uint32_t n_neurons, double dt_ms, double t_start_ms, double t_end_ms)
    : neurons_(n_neurons), dt_ms_(dt_ms), t_start_ms_(t_start_ms), t_end_ms_(t_end_ms) {}

void ActivityAccumulator::add(const SpikeTrain& piece) {
    for (std::size_t k = 0; k < piece.size(); ++k) {
        const double t = piece.time_ms(k, dt_ms_);
        if (t <= t_start_ms_ || t > t_end_ms_ || piece.neurons[k] >= neurons_.size()) continue;  // (start, end]
        Neuron& n = neurons_[piece.neurons[k]];
        if (n.spikes > 0) {
            const double isi = t - n.last_ms;
            n.isi_sum += isi;
            n.isi_sum2 += isi * isi;
        }
        n.last_ms = t;
        ++n.spikes;
        ++spikes_;
    }
}

ActivityStats ActivityAccumulator::stats(double until_ms) const {
    ActivityStats stats;
    stats.spikes = spikes_;
    const double window_s = (std::min(t_end_ms_, until_ms) - t_start_ms_) * 1e-3;
    if (!neurons_.empty() && window_s > 0)
        stats.mean_rate_Hz = static_cast<double>(spikes_) / (static_cast<double>(neurons_.size()) * window_s);
    double cv_sum = 0;
    for (const Neuron& n : neurons_) {
        if (n.spikes < 3) continue;
        const double intervals = static_cast<double>(n.spikes - 1);
        const double mean = n.isi_sum / intervals;
        const double var = n.isi_sum2 / intervals - mean * mean;
        cv_sum += std::sqrt(var > 0 ? var : 0) / mean;
        ++stats.neurons_with_cv;
    }
    if (stats.neurons_with_cv > 0) stats.mean_cv_isi = cv_sum / stats.neurons_with_cv;
    return stats;
}

ActivityStats activity(const SpikeTrain& train, uint32_t n_neurons, double dt_ms, double t_start_ms, double t_end_ms) {
    ActivityAccumulator accumulator(n_neurons, dt_ms, t_start_ms, t_end_ms);
    accumulator.add(train);
    return accumulator.stats(t_end_ms);
}

}  // namespace axon
