// The standard networks of docs/benchmarks.md and docs/models.md reach the asynchronous irregular activity the
// literature reports. Each range below is stated with its published source; the margins
// allow for this implementation's wiring (one seed, exact integration, a one-step minimum
// delay) without admitting a different dynamical state.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "axon/axon.hpp"
#include "support/paths.hpp"

namespace axon {
namespace {

/// Coefficient of variation of the population spike count in 1 ms bins over [t0, t1):
/// near 1/sqrt(expected count) for independent neurons, above 1 for synchronous volleys.
double population_rate_cv(const Simulator& sim, double t0_ms, double t1_ms) {
    const double dt = sim.network().dt_ms();
    const auto bins = static_cast<std::size_t>(t1_ms - t0_ms);
    std::vector<double> count(bins, 0.0);
    for (uint32_t p = 0; p < sim.network().populations().size(); ++p) {
        const SpikeTrain& s = sim.spikes(PopulationId{p});
        for (std::size_t k = 0; k < s.size(); ++k) {
            const double t = s.time_ms(k, dt);
            if (t >= t0_ms && t < t1_ms) count[static_cast<std::size_t>(t - t0_ms)] += 1;
        }
    }
    double sum = 0, sum2 = 0;
    for (double c : count) {
        sum += c;
        sum2 += c * c;
    }
    const double mean = sum / bins;
    return std::sqrt(sum2 / bins - mean * mean) / mean;
}

/// The ranges a standard network's excitatory population must reach over 200-1000 ms of a
/// 1 s run: rate and CV of ISI, a late rate (sustained activity) and the population-rate CV
/// (asynchronous: synchronous volleys exceed 1).
struct ExpectedActivity {
    double rate_min_Hz, rate_max_Hz, cv_min, cv_max, late_fraction, sync_max;
};

void expect_activity(Network net, const ExpectedActivity& expected) {
    Simulator sim(std::move(net));
    sim.run(1000.0);
    const PopulationSpec& e = sim.network().populations()[0];
    const SpikeTrain& s = sim.spikes(PopulationId{0});
    const double dt = sim.network().dt_ms();
    const ActivityStats all = activity(s, e.size, dt, 200.0, 1000.0);
    const ActivityStats late = activity(s, e.size, dt, 800.0, 1000.0);
    const double sync = population_rate_cv(sim, 200.0, 1000.0);
    ::testing::Test::RecordProperty("rate_Hz", std::to_string(all.mean_rate_Hz));
    ::testing::Test::RecordProperty("cv_isi", std::to_string(all.mean_cv_isi));
    ::testing::Test::RecordProperty("population_rate_cv", std::to_string(sync));
    EXPECT_GT(all.mean_rate_Hz, expected.rate_min_Hz);
    EXPECT_LT(all.mean_rate_Hz, expected.rate_max_Hz);
    EXPECT_GT(all.mean_cv_isi, expected.cv_min);
    EXPECT_LT(all.mean_cv_isi, expected.cv_max);
    EXPECT_GT(late.mean_rate_Hz, expected.late_fraction * all.mean_rate_Hz);  // sustained, not decaying
    EXPECT_LT(sync, expected.sync_max);
}

// An example file and its standard model give the same spikes (and some).
void expect_same_spikes(const std::string& file_name, Network model_net, double ms) {
    Simulator file(load_experiment(test::kExamples + "/" + file_name).network);
    Simulator model(std::move(model_net));
    file.run(ms);
    model.run(ms);
    for (uint32_t p = 0; p < 2; ++p) {
        EXPECT_EQ(file.spikes(PopulationId{p}).steps, model.spikes(PopulationId{p}).steps);
        EXPECT_EQ(file.spikes(PopulationId{p}).neurons, model.spikes(PopulationId{p}).neurons);
    }
    EXPECT_GT(file.spikes(PopulationId{0}).size(), 100u);
}

TEST(StandardModels, CubaIsAsynchronousIrregularAtAboutFiveHz) {
    // Brette et al. 2007 (benchmark 2) and Vogels & Abbott 2005: about 5 Hz (5-6 Hz by
    // wiring rule), CV of ISI about 0.5-0.6. Brian 2's reference (bench/brian2): 5.4 Hz, 0.53.
    expect_activity(models::cuba(), {3.5, 8.0, 0.4, 0.9, 0.5, 0.8});
}

TEST(StandardModels, CobaSustainsIrregularActivityAtAboutTwentyHz) {
    // Brette et al. 2007 (benchmark 1) publish rasters, not rates; the reference here is the
    // benchmark's reference script run with Brian 2 (bench/brian2/coba.py, same parameters and
    // initial values, Euler steps of 0.1 ms): 21.8 Hz (E), CV of ISI 1.55, sustained without
    // drive, asynchronous (Axon: 19.4 Hz, CV 1.42, population-rate CV 0.22). The range admits
    // the integrators' difference (RK4 here), not another dynamical state.
    expect_activity(models::coba(), {13.0, 30.0, 1.0, 2.2, 0.5, 0.8});
}

TEST(StandardModels, CobaExampleFileIsTheStandardModel) { expect_same_spikes("coba.toml", models::coba(), 50.0); }

TEST(StandardModels, BrunelAIsAsynchronousIrregularAtAbout37Hz) {
    // Brunel 2000, model A with g = 5, eta = 2: mean-field 38 Hz; simulations (NEST's
    // brunel_delta, Brian 2's reference in bench/brian2: 37.3 Hz, CV 0.41) give about 37 Hz
    // with a CV of ISI near 0.4 and a weak fast oscillation, which modulates the population
    // rate by about half (hence sync_max 0.8).
    expect_activity(models::brunel_a(), {33.0, 42.0, 0.3, 0.55, 0.8, 0.8});
}

TEST(StandardModels, ScaledMicrocircuitReachesTheReferenceRates) {
    // Potjans & Diesmann 2014 at 10 % of neurons and in-degrees with DC compensation
    // (examples/experiments/microcircuit_small.toml). Reference rates: NEST at full scale
    // (the microcircuit, docs/models.md); the scaled network keeps each within a factor of two, and
    // every population fires irregularly.
    const double reference[] = {0.971, 2.868, 4.746, 5.396, 8.142, 9.078, 0.991, 7.523};
    Simulator sim(load_experiment(test::kExamples + "/microcircuit_small.toml").network);
    sim.run(1000.0);
    for (uint32_t p = 0; p < 8; ++p) {
        const PopulationSpec& pop = sim.network().populations()[p];
        const ActivityStats a = activity(sim.spikes(PopulationId{p}), pop.size, 0.1, 200.0, 1000.0);
        RecordProperty(pop.name + "_rate_Hz", std::to_string(a.mean_rate_Hz));
        EXPECT_GT(a.mean_rate_Hz, 0.5 * reference[p]) << pop.name;
        EXPECT_LT(a.mean_rate_Hz, 2.0 * reference[p]) << pop.name;
        EXPECT_GT(a.mean_cv_isi, 0.3) << pop.name;
    }
}

// Izhikevich 2003 publishes a raster (rhythmic, sparse bursts), not rates; what this test
// holds is the model's claim to the same statistics at every size: sustained activity with
// the fast-spiking inhibitory neurons above the regular-spiking excitatory ones, and rates at
// 1000 and 4000 neurons within 15 % of each other.
TEST(StandardModels, IzhikevichNetworkKeepsItsStatisticsAcrossSizes) {
    std::vector<double> rates;
    for (uint32_t n : {1000u, 4000u}) {
        Simulator sim(models::izhikevich(models::IzhikevichOptions{n, 1, 0.1}));
        sim.run(500.0);
        const ActivityStats e = activity(sim.spikes(PopulationId{0}), sim.network().populations()[0].size, 0.1, 100.0, 500.0);
        const ActivityStats i = activity(sim.spikes(PopulationId{1}), sim.network().populations()[1].size, 0.1, 100.0, 500.0);
        EXPECT_GT(e.mean_rate_Hz, 5.0) << n;
        EXPECT_LT(e.mean_rate_Hz, 60.0) << n;
        EXPECT_GT(i.mean_rate_Hz, e.mean_rate_Hz) << n;
        rates.push_back(e.mean_rate_Hz);
    }
    EXPECT_NEAR(rates[1], rates[0], 0.15 * rates[0]);
}

TEST(StandardModels, IzhikevichExampleFileIsTheStandardModel) {
    expect_same_spikes("izhikevich.toml", models::izhikevich(), 100.0);
}

}  // namespace
}  // namespace axon
