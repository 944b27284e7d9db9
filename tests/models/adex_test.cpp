// The adex model (kernels/models/adex.hpp) through the whole simulator, on the firing patterns
// of Naud et al. 2008 (Table 1): its fixed-step RK4 in float against a reference solution of
// the same equations (RK4 in double with steps of 0.5 us, exact exponentials), by spike count
// and first spike time; and the patterns' shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/single_neuron.hpp"

namespace axon {
namespace {

struct Pattern {
    const char* name;
    double c, g_l, e_l, a, tau_w, b, v_reset, i;
};
// Naud, Marcille, Clopath & Gerstner 2008, Table 1 (V_T -50 mV, Delta_T 2 mV, V_peak 0 mV here).
const Pattern kTonic{"tonic", 200, 10, -70, 2, 30, 0, -58, 500};
const Pattern kAdapting{"adapting", 200, 12, -70, 2, 300, 60, -58, 500};
const Pattern kInitialBurst{"initial burst", 130, 18, -58, 4, 150, 120, -50, 400};
const Pattern kBursting{"regular bursting", 200, 10, -58, 2, 120, 100, -46, 210};
const Pattern kDelayed{"delayed accelerating", 200, 12, -70, -10, 300, 0, -58, 300};

constexpr double kDt = 0.1, kDuration = 500.0;

std::vector<double> simulated(const Pattern& p) {
    return test::spike_times(NeuronModel::adex,
                             ModelParams{{"c_m_pF", p.c},   {"g_l_nS", p.g_l},     {"e_l_mV", p.e_l},   {"v_t_mV", -50.0},
                                         {"delta_t_mV", 2}, {"tau_w_ms", p.tau_w}, {"a_nS", p.a},       {"b_pA", p.b},
                                         {"v_reset_mV", p.v_reset}, {"v_peak_mV", 0.0}, {"i_e_pA", p.i}},
                             kDt, kDuration);
}

std::vector<double> reference(const Pattern& p) {
    const double h = 0.0005, delta = 2.0, v_t = -50.0, v_peak = 0.0;
    auto fv = [&](double v, double w) {
        v = std::min(v, v_peak);
        return (-p.g_l * (v - p.e_l) + p.g_l * delta * std::exp((v - v_t) / delta) - w + p.i) / p.c;
    };
    auto fw = [&](double v, double w) { return (p.a * (std::min(v, v_peak) - p.e_l) - w) / p.tau_w; };
    double v = p.e_l, w = 0;
    std::vector<double> times;
    const long steps = std::lround(kDuration / h);
    for (long k = 0; k < steps; ++k) {
        const double v1 = fv(v, w), w1 = fw(v, w);
        const double v2 = fv(v + h / 2 * v1, w + h / 2 * w1), w2 = fw(v + h / 2 * v1, w + h / 2 * w1);
        const double v3 = fv(v + h / 2 * v2, w + h / 2 * w2), w3 = fw(v + h / 2 * v2, w + h / 2 * w2);
        const double v4 = fv(v + h * v3, w + h * w3), w4 = fw(v + h * v3, w + h * w3);
        v += h / 6 * (v1 + 2 * v2 + 2 * v3 + v4);
        w += h / 6 * (w1 + 2 * w2 + 2 * w3 + w4);
        if (v >= v_peak) {
            v = p.v_reset;
            w += p.b;
            times.push_back((k + 1) * h);
        }
    }
    return times;
}

std::vector<double> intervals(const std::vector<double>& t) {
    std::vector<double> isi;
    for (std::size_t k = 1; k < t.size(); ++k) isi.push_back(t[k] - t[k - 1]);
    return isi;
}

TEST(Adex, SpikeCountsAndFirstSpikeMatchAFineReference) {
    for (const Pattern& p : {kTonic, kAdapting, kInitialBurst, kBursting, kDelayed}) {
        const std::vector<double> got = simulated(p), want = reference(p);
        RecordProperty(std::string(p.name) + "_spikes", std::to_string(got.size()) + " vs " + std::to_string(want.size()));
        ASSERT_GE(want.size(), 3u) << p.name;
        EXPECT_NEAR(static_cast<double>(got.size()), static_cast<double>(want.size()),
                    std::max(1.0, 0.03 * want.size()))
            << p.name;
        ASSERT_FALSE(got.empty()) << p.name;
        EXPECT_NEAR(got[0], want[0], 0.2) << p.name;  // two steps
    }
}

TEST(Adex, PatternsHaveTheirShapes) {
    const std::vector<double> tonic = intervals(simulated(kTonic)), adapting = intervals(simulated(kAdapting)),
                              burst = intervals(simulated(kInitialBurst)), delayed = intervals(simulated(kDelayed));
    ASSERT_GE(tonic.size(), 3u);
    ASSERT_GE(adapting.size(), 3u);
    ASSERT_GE(burst.size(), 3u);
    ASSERT_GE(delayed.size(), 2u);
    EXPECT_NEAR(tonic[1], tonic.back(), 0.1 * tonic.back());     // tonic: a steady interval at once
    EXPECT_GT(adapting.back(), 2.0 * adapting.front());         // adapting: intervals lengthen
    EXPECT_LT(burst.front(), 0.3 * burst.back());               // initial burst, then slower spiking
    EXPECT_GT(simulated(kDelayed).front(), 2.0 * simulated(kTonic).front());  // delayed: a late first spike
    EXPECT_LT(delayed.back(), delayed.front());                  // and the spikes accelerate
}

TEST(Adex, BadParametersNameTheFieldAndRange) {
    Network net;
    try {
        net.add_population("N", 2, NeuronModel::adex, ModelParams{{"v_peak_mV", -60.0}});
        FAIL() << "a spike detection below V_T was accepted";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("v_peak_mV = -60 is invalid; allowed: (-50.4, inf)"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(net.add_population("N", 2, NeuronModel::adex, ModelParams{{"tau_w_ms", 0.0}}), ConfigError);
}

}  // namespace
}  // namespace axon
