// Micro-benchmarks of the CPU reference kernels (Google Benchmark), one thread unless the
// argument says otherwise:  axon-micro-bench --benchmark_filter=Propagate
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "engine/src/model_params.hpp"
#include "engine/src/model_registry.hpp"
#include "kernels/cpu/connectivity.hpp"
#include "kernels/cpu/neuron_update.hpp"
#include "kernels/cpu/plasticity.hpp"
#include "kernels/cpu/poisson_input.hpp"
#include "kernels/cpu/propagate.hpp"
#include "kernels/models/connectivity.hpp"

namespace axon {
namespace {

void BM_PhiloxBlock(benchmark::State& state) {
    uint64_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(philox_block(1, 2, 3, i++));
    state.SetItemsProcessed(state.iterations() * 4);  // four 32-bit words per call
}
BENCHMARK(BM_PhiloxBlock);

// Construction's per-synapse draws: normal weights (the microcircuit's excitatory ones, mean
// 87.8 pA, sd 10 %, no bound met) and normal delays (1.5 ms, sd 0.75 ms, the 3-4 % below
// 0.1 ms redrawn), 2^20 per iteration, one thread.
void BM_DrawNormalWeights(benchmark::State& state) {
    const DrawParams d{2, 87.8f, 8.78f, -1e30f, 1e30f};
    std::vector<float> out(1u << 20);
    uint32_t stream = 0;
    for (auto _ : state) {
        cpu::draw_weights(d, 1, stream++, out.size(), out.data(), 1);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(out.size()));
}
BENCHMARK(BM_DrawNormalWeights);

void BM_DrawNormalDelays(benchmark::State& state) {
    const DrawParams d{2, 1.5f, 0.75f, 0.1f, 1e30f};
    std::vector<uint16_t> out(1u << 20);
    uint32_t stream = 0;
    for (auto _ : state) {
        cpu::draw_delays(d, 1, stream++, 0.1f, out.size(), out.data(), 1);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(out.size()));
}
BENCHMARK(BM_DrawNormalDelays);

void BM_LifExpUpdate(benchmark::State& state) {
    const auto n = static_cast<uint32_t>(state.range(0));
    PopulationSpec spec;
    spec.model = NeuronModel::lif_exp;
    spec.params = ModelParams{{"i_e_pA", 300.0}};
    const ModelConstants constants = detail::model_constants(spec, 0.1);
    std::vector<float> v(n, -60.0f), theta(n, -50.0f), ie(n, 0.0f), ii(n, 0.0f), refr(n, 0.0f), iext(n, 300.0f);
    std::vector<Fixed> ring(2ull * 2 * n, 0);
    const cpu::PopulationArrays arrays{{v.data(), theta.data(), ie.data(), ii.data(), refr.data()}, iext.data(), n};
    const RingView rv{ring.data(), 2, 2, n};
    cpu::UpdateScratch scratch;
    std::vector<uint32_t> spikes;
    uint64_t step = 0;
    for (auto _ : state)
        cpu::update_population(NeuronModel::lif_exp, constants, arrays, rv, 0, StepContext{1, 0, step++}, scratch,
                               spikes, static_cast<int>(state.range(1)));
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_LifExpUpdate)->Args({100000, 1})->Args({100000, 2});

void BM_PoissonInput(benchmark::State& state) {
    const auto n = static_cast<uint32_t>(state.range(0));
    const PoissonCountParams params = detail::poisson_count_params(20000.0, 0.1);  // Brunel A drive
    std::vector<Fixed> lane(n, 0);
    uint64_t step = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(cpu::poisson_input(params, to_fixed(0.1f), 1, 3, step++, 0, lane.data(), n,
                                                    static_cast<int>(state.range(1))));
    state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_PoissonInput)->Args({12500, 1})->Args({100000, 1})->Args({100000, 2});

// Brunel-like rows: 12,500 targets, 1250 synapses per row, constant weight and delay.
void BM_Propagate(benchmark::State& state) {
    const uint32_t n = 12500, row = 1250;
    const auto n_spikes = static_cast<uint32_t>(state.range(0));
    cpu::SynapseMatrix m;
    std::vector<uint64_t>& row_start = m.row_start;
    auto& post = m.post;
    row_start.resize(n + 1);
    post.resize(static_cast<std::size_t>(n) * row);
    for (uint32_t i = 0; i < n; ++i) {
        row_start[i] = static_cast<uint64_t>(i) * row;
        for (uint32_t k = 0; k < row; ++k) post[row_start[i] + k] = uniform_index(draw_word(1, 1, i, k), n);
        std::sort(post.begin() + row_start[i], post.begin() + row_start[i] + row);
    }
    row_start[n] = post.size();
    m.weight_const = 0.1f;
    m.delay_const = 15;
    // range(2): the bytes per stored post index, 2 (this size's own) or 4 (as for a block over 65,536).
    const uint32_t width_n = state.range(2) == 4 ? 65537 : n;
    const cpu::SynapseStore synapses = cpu::SynapseStore::from(std::move(m), width_n, 1);
    std::vector<uint32_t> spikes(n_spikes);
    for (uint32_t k = 0; k < n_spikes; ++k) spikes[k] = k * (n / n_spikes);
    std::vector<Fixed> ring(16ull * n, 0);
    const RingView rv{ring.data(), 16, 1, n};
    uint32_t t = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(cpu::propagate(synapses, SpikeListView{spikes.data(), n_spikes}, rv, 0, (t++) % 16,
                                                static_cast<int>(state.range(1))));
    state.SetItemsProcessed(state.iterations() * n_spikes * row);
}
BENCHMARK(BM_Propagate)
    ->Args({46, 1, 2})->Args({46, 2, 2})->Args({1000, 1, 2})->Args({1000, 2, 2})
    ->Args({46, 1, 4})->Args({1000, 1, 4});

// The STDP column walk of CUBA+STDP at 40,000 neurons: E->E, 32,000 x 32,000 with 64 inputs per
// neuron drawn with replacement (2 M synapses, 8 MB of weights, the density of p = 0.002), and
// 256 steps' postsynaptic spikes, n_spikes per step (CUBA: about 18), drawn before the timing.
struct ColumnWalk {
    static constexpr uint32_t n = 32000, per_column = 64, steps = 256;
    uint32_t n_spikes;
    std::vector<uint64_t> column_start;
    std::vector<uint32_t> synapse, pre, spikes;
    std::vector<float> weight;

    explicit ColumnWalk(uint32_t spikes_per_step) : n_spikes(spikes_per_step), column_start(n + 1, 0) {
        // Columns of per_column random pre each; synapse ids in CSR (pre-major) order.
        std::vector<std::vector<uint32_t>> column_pre(n);
        std::vector<uint64_t> row_start(n + 1, 0);
        for (uint32_t j = 0; j < n; ++j) {
            for (uint32_t k = 0; k < per_column; ++k) column_pre[j].push_back(uniform_index(draw_word(3, 1, j, k), n));
            std::sort(column_pre[j].begin(), column_pre[j].end());
            for (uint32_t i : column_pre[j]) ++row_start[i + 1];
        }
        for (uint32_t i = 0; i < n; ++i) row_start[i + 1] += row_start[i];
        std::vector<uint64_t> next(row_start.begin(), row_start.end() - 1);
        for (uint32_t j = 0; j < n; ++j) {  // column j's entry is the next one in each of its rows
            for (uint32_t i : column_pre[j]) {
                synapse.push_back(static_cast<uint32_t>(next[i]++));
                pre.push_back(i);
            }
            column_start[j + 1] = synapse.size();
        }
        weight.assign(synapse.size(), 1.0f);
        // One random neuron in each of n_spikes ranges (ascending), per step.
        spikes.resize(static_cast<std::size_t>(steps) * n_spikes);
        for (uint32_t t = 0; t < steps; ++t)
            for (uint32_t k = 0; k < n_spikes; ++k)
                spikes[t * n_spikes + k] = uniform_index(draw_word(4, 1, t, k), n / n_spikes) + k * (n / n_spikes);
    }
    const uint32_t* spikes_at(uint32_t t) const { return spikes.data() + static_cast<std::size_t>(t % steps) * n_spikes; }
};

// range(0) postsynaptic spikes per step; range(1) threads.
void BM_LearnOnPostSpikes(benchmark::State& state) {
    const ColumnWalk w(static_cast<uint32_t>(state.range(0)));
    std::vector<float> weight = w.weight, x_pre(w.n, 0.5f), y_post(w.n, 0.0f);
    PlasticityStepParams p{};
    p.rule = PlasticRule::stdp;
    p.a_plus = 0.0324f;
    p.a_minus = -0.034f;
    p.w_min = 0.0f;
    p.w_max = 3.24f;
    p.inv_range = 1.0f / 3.24f;
    const cpu::NarrowArray pre_ids = cpu::NarrowArray::of(w.pre, w.n - 1, 1);
    const cpu::TransposeView columns{w.column_start.data(), w.synapse.data(), &pre_ids, w.n};
    uint32_t t = 0;
    for (auto _ : state) {
        cpu::learn_on_post_spikes(p, columns, weight.data(), SpikeListView{w.spikes_at(t++), w.n_spikes}, x_pre.data(),
                                  y_post.data(), static_cast<int>(state.range(1)));
    }
    state.SetItemsProcessed(state.iterations() * w.n_spikes * w.per_column);
}
BENCHMARK(BM_LearnOnPostSpikes)->Args({18, 1})->Args({200, 1})->Args({200, 2});

// The floor under the column walk: the same weights, in the same order, each only read, a
// constant added and written back (no presynaptic trace, no clipping). What a potentiation at a
// postsynaptic spike cannot avoid: a read-modify-write of a weight scattered over the whole
// array. Compare its time per item with BM_LearnOnPostSpikes' (bench/results/cpu-stdp-floor.md).
void BM_ColumnWeightsTouched(benchmark::State& state) {
    ColumnWalk w(static_cast<uint32_t>(state.range(0)));
    uint32_t t = 0;
    for (auto _ : state) {
        const uint32_t* spikes = w.spikes_at(t++);
        for (uint32_t k = 0; k < w.n_spikes; ++k)
            for (uint64_t c = w.column_start[spikes[k]]; c < w.column_start[spikes[k] + 1]; ++c) w.weight[w.synapse[c]] += 1e-6f;
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * w.n_spikes * w.per_column);
}
BENCHMARK(BM_ColumnWeightsTouched)->Arg(18)->Arg(200);

}  // namespace
}  // namespace axon
