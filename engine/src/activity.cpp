#include <cmath>
#include <vector>

#include "axon/record.hpp"

namespace axon {

ActivityStats activity(const SpikeTrain& train, uint32_t n_neurons, double dt_ms, double t_start_ms, double t_end_ms) {
    ActivityStats stats;
    std::vector<std::vector<double>> times(n_neurons);
    for (std::size_t k = 0; k < train.size(); ++k) {
        const double t = train.time_ms(k, dt_ms);
        if (t <= t_start_ms || t > t_end_ms || train.neurons[k] >= n_neurons) continue;  // (start, end]
        times[train.neurons[k]].push_back(t);
        ++stats.spikes;
    }
    const double window_s = (t_end_ms - t_start_ms) * 1e-3;
    if (n_neurons > 0 && window_s > 0) stats.mean_rate_Hz = static_cast<double>(stats.spikes) / (n_neurons * window_s);
    double cv_sum = 0;
    for (const auto& t : times) {
        if (t.size() < 3) continue;
        double sum = 0, sum2 = 0;
        const std::size_t n = t.size() - 1;
        for (std::size_t k = 1; k < t.size(); ++k) {
            const double isi = t[k] - t[k - 1];
            sum += isi;
            sum2 += isi * isi;
        }
        const double mean = sum / static_cast<double>(n);
        const double var = sum2 / static_cast<double>(n) - mean * mean;
        cv_sum += std::sqrt(var > 0 ? var : 0) / mean;
        ++stats.neurons_with_cv;
    }
    if (stats.neurons_with_cv > 0) stats.mean_cv_isi = cv_sum / stats.neurons_with_cv;
    return stats;
}

}  // namespace axon
