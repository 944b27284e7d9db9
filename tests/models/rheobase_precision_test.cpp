// How float32 state behaves close to the rheobase (docs/models.md, "Numeric precision"): a LIF
// neuron from rest under I = k x I_rheo first spikes at t* = tau_m ln(k / (k - 1)) in continuous
// time, and on the step grid at the end of the step that crosses. These figures are the ones the
// docs give; the float32 results are the same on every machine (the determinism contract).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "support/single_neuron.hpp"

namespace {

constexpr double kTau = 10.0, kCm = 250.0, kEl = -65.0, kTh = -50.0, kDt = 0.1;
constexpr double kRheobase = kCm * (kTh - kEl) / kTau;  // 375 pA

double closed_form_ms(double k) { return kTau * std::log(k / (k - 1)); }

// The first spike of a lif_exp neuron from rest under k x the rheobase; -1 for none in 1 s.
// `origin`: where the voltage scale starts (E_L = -65 mV + origin, threshold 15 mV above).
double first_spike_ms(double k, double origin = 0) {
    axon::LifParams p;
    p.tau_m_ms = kTau;
    p.c_m_pF = kCm;
    p.e_l_mV = kEl + origin;
    p.v_th_mV = kTh + origin;
    p.v_reset_mV = kEl + origin;
    p.i_e_pA = k * kRheobase;
    axon::InitialState rest;
    rest.v_mV = axon::Distribution::constant(kEl + origin);
    const auto times = axon::test::spike_times(axon::NeuronModel::lif_exp, p, kDt, 1000.0, rest);
    return times.empty() ? -1.0 : times.front();
}

struct Case {
    double k;
    double at_minus_65_ms, at_0_ms;  // float32 first spikes with E_L = -65 mV and with E_L = 0 (-1: none)
};

// The figures of docs/models.md, "Numeric precision", pinned.
TEST(RheobasePrecision, FirstSpikeAgainstTheClosedForm) {
    for (const Case c : {Case{1.01, 46.2, 46.2}, Case{1.001, 69.1, 69.1}, Case{1.0001, 92.3, 92.2},
                         Case{1.00001, -1, 115.4}, Case{1.000001, -1, 125.4}}) {
        const double exact = closed_form_ms(c.k), grid = std::ceil(exact / kDt - 1e-9) * kDt;
        const double at_minus_65 = first_spike_ms(c.k), at_0 = first_spike_ms(c.k, 65);
        std::printf("k = %.6f: closed form %.4f ms, step grid %.1f ms, float32 %.1f ms (E_L = -65 mV), %.1f ms (E_L = 0)\n",
                    c.k, exact, grid, at_minus_65, at_0);
        EXPECT_NEAR(at_minus_65, c.at_minus_65_ms, 1e-9) << c.k;
        EXPECT_NEAR(at_0, c.at_0_ms, 1e-9) << c.k;
        if (c.k >= 1.001) {
            EXPECT_NEAR(at_minus_65, grid, 1e-9) << "on the grid: the step that crosses";
        }
    }
}

// Where float32 state puts the rheobase: 1.0000123 x the exact one with E_L = -65 mV (a current
// 4.6 fA short of it does not fire); with E_L = 0 even 1 + 1e-9 fires.
TEST(RheobasePrecision, EffectiveRheobase) {
    auto smallest_k_that_fires = [](double origin) {
        double lo = 1.0, hi = 1.001;
        while (hi - lo > 1e-9) {
            const double mid = (lo + hi) / 2;
            (first_spike_ms(mid, origin) > 0 ? hi : lo) = mid;
        }
        return hi;
    };
    const double k_default = smallest_k_that_fires(0);
    EXPECT_GT(k_default, 1.000012);
    EXPECT_LT(k_default, 1.0000125);
    EXPECT_LT(smallest_k_that_fires(65), 1.0 + 2e-9);
}

}  // namespace
