#include "backend_setup.hpp"

#include <algorithm>

#include "../../kernels/models/draw.hpp"
#include "../../kernels/models/random.hpp"
#include "axon/errors.hpp"
#include "draw_params.hpp"
#include "model_params.hpp"
#include "model_registry.hpp"

namespace axon::detail {

PopulationSetup population_setup(const Network& net, uint32_t p) {
    const PopulationSpec& spec = net.populations()[p];
    const ModelInfo& info = model_info(spec.model);
    PopulationSetup s;
    s.model = spec.model;
    s.size = spec.size;
    s.recorded = net.recorded()[p];
    s.n_receptors = std::max<uint32_t>(info.receptors, 1);
    s.constants = model_constants(spec, net.dt_ms());
    s.stream = rng_stream(RngPurpose::poisson_population, p);
    s.replay = spec.replay;
    if (info.param_index("i_e_pA")) s.i_e = static_cast<float>(spec.param("i_e_pA"));
    s.state.resize(info.state.size());
    visit_model(spec.model, [&](auto tag) {
        using M = typename decltype(tag)::type;
        const auto& k = s.constants.as<M>();
        for (uint32_t var = 0; var < s.state.size(); ++var) s.state[var].assign(spec.size, M::initial(var, k));
    });
    // The population's initial V where it gives one; else the model's initial value above.
    if (const auto v = info.state_index("v")) {
        std::vector<float>& values = s.state[*v];
        if (!spec.initial.v_values_mV.empty()) {
            for (uint32_t i = 0; i < spec.size; ++i) values[i] = static_cast<float>(spec.initial.v_values_mV[i]);
        } else if (spec.initial.v_mV) {
            const DrawParams d = draw_params(*spec.initial.v_mV);
            const uint32_t stream = rng_stream(RngPurpose::initial_state, p);
            for (uint32_t i = 0; i < spec.size; ++i) values[i] = draw_value(d, net.seed(), stream, i);
        }
    }
    // Other variables: V's stream, element index (var + 1) * 2^32 + i, apart from V's draws.
    for (const auto& [name, dist] : spec.initial.state) {
        const uint32_t var = *info.state_index(name);  // checked by Network::add_population
        const DrawParams d = draw_params(dist);
        const uint32_t stream = rng_stream(RngPurpose::initial_state, p);
        const uint64_t base = (static_cast<uint64_t>(var) + 1) << 32;
        for (uint32_t i = 0; i < spec.size; ++i) s.state[var][i] = draw_value(d, net.seed(), stream, base + i);
    }
    return s;
}

std::vector<uint32_t> sampler_state_indices(const Network& net, const SamplerSpec& spec) {
    const ModelInfo& info = model_info(net.population(spec.population).model);
    std::vector<uint32_t> indices;
    for (const StateVar& var : spec.vars) indices.push_back(*info.state_index(var.name));  // checked by Network::sample
    return indices;
}

InputSetup input_setup(const Network& net, uint32_t k) {
    const PoissonInputSpec& spec = net.poisson_inputs()[k];
    InputSetup in;
    in.params = poisson_count_params(spec.rate_Hz, net.dt_ms());
    in.weight = to_fixed(static_cast<float>(spec.weight));
    in.target = spec.target.index;
    in.receptor = spec.receptor;
    in.delay_steps = delay_steps_from_ms(static_cast<float>(*spec.delay_ms), static_cast<float>(net.dt_ms()));
    in.stream = rng_stream(RngPurpose::poisson_input, k);
    return in;
}

namespace {

template <class T>
void append_and_clear(std::vector<T>& from, std::vector<T>& to) {
    to.insert(to.end(), from.begin(), from.end());
    from.clear();
}

}  // namespace

void move_pending(SpikeTrain& pending, SpikeTrain& out) {
    append_and_clear(pending.steps, out.steps);
    append_and_clear(pending.neurons, out.neurons);
}

void move_pending(SampleSeries& pending, SampleSeries& out) {
    out.population = pending.population;
    out.neurons = pending.neurons;
    out.vars = pending.vars;
    out.every_steps = pending.every_steps;
    append_and_clear(pending.steps, out.steps);
    append_and_clear(pending.values, out.values);
}

void move_pending(WeightSeries& pending, WeightSeries& out) {
    out.projection = pending.projection;
    out.every_steps = pending.every_steps;
    out.synapses = pending.synapses;
    append_and_clear(pending.steps, out.steps);
    append_and_clear(pending.values, out.values);
}

namespace {

// t's synapse ids and their pre ids (as Pre, which holds largest_pre), column by column from
// `fill`, each column's first position.
template <class Pre>
void fill_columns(const cpu::SynapseMatrix& m, std::vector<uint64_t> fill, uint32_t largest_pre, Transpose& t) {
    const auto n_pre = static_cast<uint32_t>(m.row_start.size() - 1);
    cpu::UninitialisedVector<Pre> pre(m.size());
    for (uint32_t i = 0; i < n_pre; ++i)
        for (uint64_t s = m.row_start[i]; s < m.row_start[i + 1]; ++s) {
            const uint64_t c = fill[m.post[s]]++;
            t.synapse[c] = static_cast<uint32_t>(s);
            pre[c] = static_cast<Pre>(i);
        }
    t.pre = cpu::NarrowArray::of(std::move(pre), largest_pre, 1);
}

}  // namespace

Transpose transpose(const cpu::SynapseMatrix& m, uint32_t n_post) {
    const auto n_pre = static_cast<uint32_t>(m.row_start.size() - 1);
    if (m.size() > UINT32_MAX) throw CapacityError("a plastic projection holds at most 4294967295 synapses");
    Transpose t;
    t.column_start.assign(static_cast<std::size_t>(n_post) + 1, 0);
    for (uint32_t j : m.post) ++t.column_start[j + 1];
    for (uint32_t j = 0; j < n_post; ++j) t.column_start[j + 1] += t.column_start[j];
    std::vector<uint64_t> fill(t.column_start.begin(), t.column_start.end() - 1);
    t.synapse.resize(m.size());
    const uint32_t largest_pre = n_pre > 0 ? n_pre - 1 : 0;
    switch (cpu::NarrowArray::bytes_for(largest_pre)) {  // filled at the width kept
    case 1: fill_columns<uint8_t>(m, std::move(fill), largest_pre, t); break;
    case 2: fill_columns<uint16_t>(m, std::move(fill), largest_pre, t); break;
    default: fill_columns<uint32_t>(m, std::move(fill), largest_pre, t); break;
    }
    return t;
}

}  // namespace axon::detail
