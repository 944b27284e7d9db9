// One LIF step against closed forms: exact integration, synaptic current kernel, reset,
// refractoriness and threshold adaptation (kernels/models/lif.hpp).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/src/model_params.hpp"
#include "kernels/models/lif.hpp"

namespace axon {
namespace {

LifParams neuron() {
    LifParams p;
    p.c_m_pF = 250.0;
    p.tau_m_ms = 10.0;
    p.e_l_mV = -65.0;
    p.v_th_mV = -50.0;
    p.v_reset_mV = -70.0;
    p.t_ref_ms = 2.0;
    p.tau_syn_exc_ms = 2.0;
    p.tau_syn_inh_ms = 5.0;
    return p;
}

TEST(LifStep, ConstantCurrentFollowsTheExactSolution) {
    const LifParams p = neuron();
    const double dt = 0.1, i_e = 300.0;  // I R = 12 mV, below threshold distance 15 mV
    const LifStepParams s = detail::lif_step_params(p, NeuronModel::lif_exp, dt);
    float v = p.e_l_mV, ie = 0, ii = 0, theta = p.v_th_mV;
    int32_t refr = 0;
    for (int k = 1; k <= 500; ++k) {
        ASSERT_FALSE(lif_exp_step(s, v, ie, ii, theta, refr, i_e, 0, 0));
        const double t = k * dt;
        const double expected = p.e_l_mV + i_e * p.tau_m_ms / p.c_m_pF * (1 - std::exp(-t / p.tau_m_ms));
        ASSERT_NEAR(v, expected, 2e-4) << "step " << k;
    }
}

TEST(LifStep, ExponentialSynapseGivesTheAlphaLikePsp) {
    // A current jump of w at t = 0 decaying with tau_s: V(t) = w tau_m tau_s / (C (tau_m - tau_s)) (e^{-t/tau_m} - e^{-t/tau_s}).
    const LifParams p = neuron();
    const double dt = 0.1, w = 100.0;
    const LifStepParams s = detail::lif_step_params(p, NeuronModel::lif_exp, dt);
    float v = p.e_l_mV, ie = 0, ii = 0, theta = p.v_th_mV;
    int32_t refr = 0;
    lif_exp_step(s, v, ie, ii, theta, refr, 0, w, 0);  // input arrives at step 0: i_exc = w at t = dt
    EXPECT_FLOAT_EQ(v, p.e_l_mV);                      // V moves only from the next step on
    for (int k = 1; k <= 300; ++k) {
        lif_exp_step(s, v, ie, ii, theta, refr, 0, 0, 0);
        const double t = k * dt, tm = p.tau_m_ms, ts = p.tau_syn_exc_ms;
        const double expected = w * ts * tm / (p.c_m_pF * (tm - ts)) * (std::exp(-t / tm) - std::exp(-t / ts));
        ASSERT_NEAR(v - p.e_l_mV, expected, 4e-5) << "step " << k;  // a few float ulp of V near -65 mV
    }
}

TEST(LifStep, SpikeResetsAndHoldsForTheRefractoryPeriod) {
    const LifParams p = neuron();
    const LifStepParams s = detail::lif_step_params(p, NeuronModel::lif_delta, 0.1);
    ASSERT_EQ(s.refractory_steps, 20);
    float v = -50.5f, theta = p.v_th_mV;
    int32_t refr = 0;
    EXPECT_TRUE(lif_delta_step(s, v, theta, refr, 0, 1.0f));  // a 1 mV kick crosses threshold
    EXPECT_EQ(v, -70.0f);
    EXPECT_EQ(refr, 20);
    for (int k = 0; k < 20; ++k) {
        EXPECT_FALSE(lif_delta_step(s, v, theta, refr, 0, 100.0f));  // input during refractoriness is lost
        EXPECT_EQ(v, -70.0f);
    }
    EXPECT_EQ(refr, 0);
    lif_delta_step(s, v, theta, refr, 0, 0.0f);
    EXPECT_GT(v, -70.0f);  // integrating again, relaxing toward E_L
}

TEST(LifStep, AdaptiveThresholdJumpsAndRelaxes) {
    LifParams p = neuron();
    p.delta_theta_mV = 4.0;
    p.tau_theta_ms = 50.0;
    p.t_ref_ms = 0.0;
    const double dt = 0.1;
    const LifStepParams s = detail::lif_step_params(p, NeuronModel::lif_delta, dt);
    float v = -49.0f, theta = p.v_th_mV;
    int32_t refr = 0;
    ASSERT_TRUE(lif_delta_step(s, v, theta, refr, 0, 0.0f));
    EXPECT_FLOAT_EQ(theta, -46.0f);
    for (int k = 1; k <= 1000; ++k) {
        lif_delta_step(s, v, theta, refr, 0, 0.0f);
        ASSERT_NEAR(theta, -50.0 + 4.0 * std::exp(-k * dt / 50.0), 1e-4) << "step " << k;
    }
}

}  // namespace
}  // namespace axon
