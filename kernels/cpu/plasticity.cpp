#include "plasticity.hpp"

#include "multiversion.hpp"
#include "parallel.hpp"

namespace axon::cpu {
namespace {

AXON_CPU_MULTIVERSIONED(decay_loop, void, (float* __restrict trace, uint32_t n, float factor), {
    for (uint32_t i = 0; i < n; ++i) trace[i] = decayed_trace(trace[i], factor);
})

template <class Post>
void arrival_loop(const PlasticityStepParams& p, const uint64_t* row_start, const Post* post, float* weight,
                  const SpikeListView& arrivals, float* x_pre, const float* y_post, int threads) {
    const int chunks = chunk_count(arrivals.count * 64ull, threads);  // rows are long: split early
#pragma omp parallel for num_threads(chunks) schedule(static) if (chunks > 1)
    for (int64_t k = 0; k < static_cast<int64_t>(arrivals.count); ++k) {
        const PlasticityStepParams q = p;  // a copy the weight stores cannot alias: kept in registers
        const uint32_t i = arrivals.ids[k];
        const float x = x_pre[i] = trace_after_spike(q, x_pre[i]);
        if (q.rule == PlasticRule::perceptron) continue;  // it only counts arrivals
        const uint64_t end = row_start[i + 1];
        for (uint64_t s = row_start[i]; s < end; ++s) weight[s] = weight_on_pre(q, weight[s], x, y_post[post[s]]);
    }
}

template <class Pre>
void post_spike_loop(const PlasticityStepParams& p, const TransposeView& columns, const Pre* pre, float* weight,
                     const SpikeListView& spikes, const float* x_pre, float* y_post, int threads) {
    const int chunks = chunk_count(spikes.count * 64ull, threads);
#pragma omp parallel for num_threads(chunks) schedule(static) if (chunks > 1)
    for (int64_t k = 0; k < static_cast<int64_t>(spikes.count); ++k) {
        const PlasticityStepParams q = p;  // a copy the weight stores cannot alias: kept in registers
        const uint32_t j = spikes.ids[k];
        const float y = y_post[j] = trace_after_spike(q, y_post[j]);
        const uint64_t end = columns.column_start[j + 1];
        for (uint64_t c = columns.column_start[j]; c < end; ++c) {
            const uint32_t s = columns.synapse[c];
            weight[s] = weight_on_post(q, weight[s], x_pre[pre[c]], y);
        }
    }
}

template <class Pre>
void update_loop(const PlasticityStepParams& p, const TransposeView& columns, const Pre* pre, float* weight,
                 const float* x_pre, const float* y, const float* target, int threads) {
    const int chunks = chunk_count(columns.n_post * 16ull, threads);
#pragma omp parallel for num_threads(chunks) schedule(static) if (chunks > 1)
    for (int64_t j = 0; j < static_cast<int64_t>(columns.n_post); ++j) {
        const PlasticityStepParams q = p;  // as in post_spike_loop
        const float error = target[j] - y[j];
        if (error == 0.0f) continue;
        const uint64_t end = columns.column_start[j + 1];
        for (uint64_t c = columns.column_start[j]; c < end; ++c) {
            const uint32_t s = columns.synapse[c];
            weight[s] = weight_on_error(q, weight[s], x_pre[pre[c]], error);
        }
    }
}

}  // namespace

void decay_traces(float* trace, uint32_t n, float factor) {
    if (factor == 1.0f) return;  // x * 1 = x: the perceptron's traces between resets
    decay_loop_for(active_isa())(trace, n, factor);
}

void learn_on_arrivals(const PlasticityStepParams& p, const uint64_t* row_start, const NarrowArray& post, float* weight,
                       const SpikeListView& arrivals, float* x_pre, const float* y_post, int threads) {
    post.visit([&](const auto& posts) { arrival_loop(p, row_start, posts.data(), weight, arrivals, x_pre, y_post, threads); });
}

void learn_on_post_spikes(const PlasticityStepParams& p, const TransposeView& columns, float* weight,
                          const SpikeListView& spikes, const float* x_pre, float* y_post, int threads) {
    columns.pre->visit(
        [&](const auto& pre) { post_spike_loop(p, columns, pre.data(), weight, spikes, x_pre, y_post, threads); });
}

void learn_on_updates(const PlasticityStepParams& p, const TransposeView& columns, float* weight, const float* x_pre,
                      const float* y, const float* target, int threads) {
    columns.pre->visit([&](const auto& pre) { update_loop(p, columns, pre.data(), weight, x_pre, y, target, threads); });
}

}  // namespace axon::cpu
