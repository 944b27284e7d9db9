// Network::connect_arrays: synapses given one by one, checked and stored once in Axon's order
// (CSR by pre, by post within a row, given order among equal pairs), so that building the
// projection later is a copy, and reading it back gives the same synapses.
#include <algorithm>
#include <cmath>
#include <string>

#include "axon/errors.hpp"
#include "axon/network.hpp"
#include "check.hpp"

namespace axon {
namespace {

using detail::fail;

/// The first index of `idx` that is not below `n`, with its position, as a ConfigError.
void check_indices(const std::string& owner, const char* field, ArrayView<uint32_t> idx, uint32_t n) {
    for (std::size_t k = 0; k < idx.size; ++k)
        if (idx[k] >= n)
            fail(owner, std::string(field) + "[" + std::to_string(k) + "]", std::to_string(idx[k]),
                 "[0, " + std::to_string(n - 1) + "] (the population's size is " + std::to_string(n) + ")");
}

/// The permutation that orders synapses by (pre, post), stable: two counting sorts, as
/// csr_from_pairs (kernels/cpu/connectivity.cpp) orders drawn pairs; here the permutation itself is kept,
/// since given weights and delays must follow their synapses.
std::vector<uint64_t> csr_order(ArrayView<uint32_t> pre, ArrayView<uint32_t> post, uint32_t n_pre, uint32_t n_post,
                                std::vector<uint64_t>& row_start) {
    const std::size_t n = pre.size;
    std::vector<uint64_t> by_post(n), start(static_cast<std::size_t>(n_post) + 1, 0);
    for (std::size_t k = 0; k < n; ++k) ++start[post[k] + 1];
    for (uint32_t j = 0; j < n_post; ++j) start[j + 1] += start[j];
    for (std::size_t k = 0; k < n; ++k) by_post[start[post[k]]++] = k;
    row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for (std::size_t k = 0; k < n; ++k) ++row_start[pre[k] + 1];
    for (uint32_t i = 0; i < n_pre; ++i) row_start[i + 1] += row_start[i];
    std::vector<uint64_t> fill(row_start.begin(), row_start.end() - 1), order(n);
    for (uint64_t k : by_post) order[fill[pre[k]]++] = k;
    return order;
}

/// A distribution that describes given values for the checks and plans made on distributions:
/// their constant, or the uniform range they span.
Distribution spanned(ArrayView<float> values) {
    const auto [lo, hi] = std::minmax_element(values.data, values.data + values.size);
    return *lo == *hi ? Distribution::constant(*lo) : Distribution::uniform(*lo, *hi);
}

}  // namespace

ProjectionId Network::connect_arrays(ProjectionSpec spec, ArrayView<uint32_t> pre, ArrayView<uint32_t> post,
                                     ArrayView<float> weight, ArrayView<float> delay_ms) {
    const std::string owner =
        "projection '" + (spec.name.empty() ? "#" + std::to_string(projections_.size()) : spec.name) + "'";
    check_population(spec.pre, owner, "pre");
    check_population(spec.post, owner, "post");
    const uint32_t n_pre = population(spec.pre).size, n_post = population(spec.post).size;
    const std::size_t n = pre.size;
    const auto count = [](std::size_t k) { return std::to_string(k) + " values"; };
    if (post.size != n) fail(owner, "post", count(post.size), "as many indices as pre (" + std::to_string(n) + ")");
    if (!weight.empty() && weight.size != n) fail(owner, "weight", count(weight.size), "one per synapse (" + std::to_string(n) + ") or none");
    if (!delay_ms.empty() && delay_ms.size != n)
        fail(owner, "delay_ms", count(delay_ms.size), "one per synapse (" + std::to_string(n) + ") or none");
    check_indices(owner, "pre", pre, n_pre);
    check_indices(owner, "post", post, n_post);
    for (std::size_t k = 0; k < weight.size; ++k) detail::require_finite(owner, "weight[" + std::to_string(k) + "]", weight[k]);
    for (std::size_t k = 0; k < delay_ms.size; ++k)
        detail::require_finite(owner, "delay_ms[" + std::to_string(k) + "]", delay_ms[k]);

    // The offsets by pre and by post neuron take 24 B per pair of neurons while they are built,
    // whatever the number of synapses.
    detail::require_host_memory(owner, "synapses from arrays between " + std::to_string(n_pre) + " and " +
                                           std::to_string(n_post) + " neurons (offsets per neuron)",
                                16 * (n_pre + uint64_t{1}) + 8 * (n_post + uint64_t{1}));
    auto synapses = std::make_shared<ExplicitSynapses>();
    const std::vector<uint64_t> order = csr_order(pre, post, n_pre, n_post, synapses->row_start);
    synapses->post.resize(n);
    for (std::size_t s = 0; s < n; ++s) synapses->post[s] = post[order[s]];
    // The arrays' range stands for them in connect()'s checks of weights, delays and
    // plasticity bounds (the extremes are what those checks test).
    if (!weight.empty()) {
        synapses->weight.resize(n);
        for (std::size_t s = 0; s < n; ++s) synapses->weight[s] = weight[order[s]];
        if (n) spec.weight = spanned(weight);
    }
    if (!delay_ms.empty()) {
        const Distribution d = n ? spanned(delay_ms) : Distribution::constant(options_.dt_ms);
        if (spec.plasticity.plastic() || d.is_constant()) {
            spec.delay_ms = d;  // one delay: a constant, and plastic projections require one
        } else {
            synapses->delay_ms.resize(n);
            for (std::size_t s = 0; s < n; ++s) synapses->delay_ms[s] = delay_ms[order[s]];
            spec.delay_ms = d;
        }
    }
    spec.rule = ConnectRule{};
    spec.rule.kind = ConnectRule::Kind::from_arrays;
    spec.rule.synapses = std::move(synapses);
    return connect(spec);
}

}  // namespace axon
