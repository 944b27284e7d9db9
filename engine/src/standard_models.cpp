#include "axon/standard_models.hpp"

#include <algorithm>

namespace axon::models {

Network cuba(const CubaOptions& o) {
    // dv/dt = (ge + gi - (v - E_L)) / tau_m with ge, gi in mV is iaf_psc_exp with C_m = tau_m
    // (numerically), so that a current of x pA moves V like x mV of ge.
    LifParams p;
    p.tau_m_ms = 20.0;
    p.c_m_pF = 20.0;
    p.e_l_mV = -49.0;
    p.v_th_mV = -50.0;
    p.v_reset_mV = -60.0;
    p.t_ref_ms = 5.0;
    p.tau_syn_exc_ms = 5.0;
    p.tau_syn_inh_ms = 10.0;
    InitialState init;
    init.v_mV = Distribution::uniform(-60.0, -50.0);

    Network net(NetworkOptions{o.dt_ms, o.seed});
    const uint32_t n_exc = o.neurons - o.neurons / 5;
    const auto exc = net.add_lif_exp("E", n_exc, p, init);
    const auto inh = net.add_lif_exp("I", o.neurons - n_exc, p, init);
    const double prob = 80.0 / o.neurons;
    for (PopulationId pre : {exc, inh}) {
        const bool is_exc = pre == exc;
        for (PopulationId post : {exc, inh}) {
            ProjectionSpec spec;
            spec.pre = pre;
            spec.post = post;
            spec.rule = ConnectRule::fixed_probability(prob, false);
            spec.weight = Distribution::constant(is_exc ? 1.62 : -9.0);
            spec.receptor = is_exc ? Receptor::excitatory : Receptor::inhibitory;
            if (o.stdp && pre == exc && post == exc) {
                StdpParams stdp;
                stdp.tau_plus_ms = stdp.tau_minus_ms = 20.0;
                stdp.w_min = 0.0;
                stdp.w_max = 2 * 1.62;
                stdp.a_plus = 0.01 * stdp.w_max;
                stdp.a_minus = -1.05 * stdp.a_plus;
                spec.plasticity = Plasticity::with(stdp);
            }
            net.connect(spec);
        }
    }
    net.record_all_spikes();
    return net;
}

Network coba(const CobaOptions& o) {
    const ModelParams p{{"c_m_pF", 200.0},     {"g_l_nS", 10.0},        {"e_l_mV", -60.0},
                        {"v_th_mV", -50.0},    {"v_reset_mV", -60.0},   {"t_ref_ms", 5.0},
                        {"e_ex_mV", 0.0},      {"e_in_mV", -80.0},      {"tau_syn_ex_ms", 5.0},
                        {"tau_syn_in_ms", 10.0}};
    InitialState init;
    init.v_mV = Distribution::normal(-65.0, 5.0);
    init.set("g_ex", Distribution::normal(40.0, 15.0)).set("g_in", Distribution::normal(200.0, 120.0));

    Network net(NetworkOptions{o.dt_ms, o.seed});
    const uint32_t n_exc = o.neurons - o.neurons / 5;
    const auto exc = net.add_population("E", n_exc, NeuronModel::lif_cond_exp, p, init);
    const auto inh = net.add_population("I", o.neurons - n_exc, NeuronModel::lif_cond_exp, p, init);
    for (PopulationId pre : {exc, inh}) {
        const bool is_exc = pre == exc;
        for (PopulationId post : {exc, inh})
            net.connect(pre, post, ConnectRule::fixed_probability(0.02, false),
                        Distribution::constant(is_exc ? 6.0 : 67.0), std::nullopt,
                        is_exc ? Receptor::excitatory : Receptor::inhibitory);
    }
    net.record_all_spikes();
    return net;
}

Network brunel_a(const BrunelOptions& o) {
    LifParams p;
    p.tau_m_ms = 20.0;
    p.e_l_mV = 0.0;
    p.v_th_mV = 20.0;
    p.v_reset_mV = 10.0;
    p.t_ref_ms = 2.0;
    InitialState init;
    init.v_mV = Distribution::uniform(0.0, 20.0);

    const double j = 0.1, delay = 1.5;
    const uint64_t c_e = 1000, c_i = 250;
    Network net(NetworkOptions{o.dt_ms, o.seed});
    const uint32_t n_exc = o.neurons - o.neurons / 5;
    const auto exc = net.add_lif_delta("E", n_exc, p, init);
    const auto inh = net.add_lif_delta("I", o.neurons - n_exc, p, init);
    for (PopulationId post : {exc, inh}) {
        net.connect(exc, post, ConnectRule::fixed_indegree(c_e), Distribution::constant(j),
                    Distribution::constant(delay), Receptor::excitatory);
        net.connect(inh, post, ConnectRule::fixed_indegree(c_i), Distribution::constant(-o.g * j),
                    Distribution::constant(delay), Receptor::inhibitory);
        // nu_thr = theta / (J C_E tau_m); each neuron gets eta * nu_thr * C_E of J-sized kicks.
        const double nu_thr_Hz = p.v_th_mV / (j * c_e * p.tau_m_ms) * 1000.0;
        PoissonInputSpec drive;
        drive.name = "drive->" + net.population(post).name;
        drive.target = post;
        drive.rate_Hz = o.eta * nu_thr_Hz * c_e;
        drive.weight = j;
        drive.delay_ms = delay;
        net.add_poisson_input(drive);
    }
    net.record_all_spikes();
    return net;
}

Network izhikevich(const IzhikevichOptions& o) {
    Network net(NetworkOptions{o.dt_ms, o.seed});
    const uint32_t n_exc = o.neurons - o.neurons / 5;
    InitialState init;
    init.v_mV = Distribution::uniform(-70.0, -60.0);
    const auto exc = net.add_population("E", n_exc, NeuronModel::izhikevich,
                                        ModelParams{{"a", 0.02}, {"b", 0.2}, {"c_mV", -65.0}, {"d", 8.0}}, init);
    const auto inh = net.add_population("I", o.neurons - n_exc, NeuronModel::izhikevich,
                                        ModelParams{{"a", 0.1}, {"b", 0.2}, {"c_mV", -65.0}, {"d", 2.0}}, init);
    const uint64_t k_e = std::min<uint64_t>(n_exc, 800), k_i = std::min<uint64_t>(o.neurons - n_exc, 200);
    const auto delay = Distribution::constant(1.0);
    for (PopulationId post : {exc, inh}) {
        net.connect(exc, post, ConnectRule::fixed_indegree(k_e), Distribution::uniform(0.0, 0.5), delay);
        net.connect(inh, post, ConnectRule::fixed_indegree(k_i), Distribution::uniform(-1.0, 0.0), delay,
                    Receptor::inhibitory);
        const bool is_exc = post == exc;
        const double rate_Hz = is_exc ? 12500.0 : 8000.0, kick_mV = is_exc ? 1.0 : 0.5;
        net.add_poisson_input(post, rate_Hz, kick_mV, Receptor::excitatory);
        net.add_poisson_input(post, rate_Hz, -kick_mV, Receptor::inhibitory);
    }
    net.record_all_spikes();
    return net;
}

}  // namespace axon::models
