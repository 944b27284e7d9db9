#include "synapse_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "../../kernels/cpu/draws.hpp"
#include "../../kernels/cpu/parallel.hpp"
#include "../../kernels/models/connectivity.hpp"
#include "../../kernels/models/draw.hpp"
#include "draw_params.hpp"

namespace axon::detail {
namespace {

using Kind = ConnectRule::Kind;

/// Rows drawn independently in parallel chunks, then concatenated in row order.
/// row_fn(row, std::vector<uint32_t>& posts, scratch) appends one row's posts, ascending.
template <class RowFn>
void build_rows(uint32_t n_pre, int threads, SynapseMatrix& m, RowFn row_fn) {
    const int chunks = cpu::chunk_count(n_pre, threads);
    std::vector<std::vector<uint32_t>> posts(static_cast<std::size_t>(chunks));
    m.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    cpu::for_chunks(n_pre, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        std::vector<uint32_t>& out = posts[static_cast<std::size_t>(chunk)];
        std::vector<uint8_t> scratch;
        for (uint32_t i = begin; i < end; ++i) {
            const std::size_t before = out.size();
            row_fn(i, out, scratch);
            m.row_start[i + 1] = out.size() - before;
        }
    });
    for (uint32_t i = 0; i < n_pre; ++i) m.row_start[i + 1] += m.row_start[i];
    m.post.reserve(m.row_start[n_pre]);
    for (const auto& part : posts) m.post.insert(m.post.end(), part.begin(), part.end());
}

/// Draw `k` indices from [0, n) for line `line` (a row or column), skipping `excluded`
/// (n when none) and, without multapses, indices already drawn. Appends them, sorted if asked.
void draw_indices(uint64_t seed, uint32_t stream, uint64_t line, uint32_t n, uint64_t k, uint32_t excluded,
                  bool multapses, bool sorted, std::vector<uint32_t>& out, std::vector<uint8_t>& taken) {
    const std::size_t first = out.size();
    if (!multapses && taken.size() < n) taken.assign(n, 0);
    for (uint32_t draw = 0; out.size() - first < k; ++draw) {
        const uint32_t j = uniform_index(draw_word(seed, stream, line, draw), n);
        if (j == excluded) continue;
        if (!multapses) {
            if (taken[j]) continue;
            taken[j] = 1;
        }
        out.push_back(j);
    }
    if (!multapses)
        for (std::size_t s = first; s < out.size(); ++s) taken[out[s]] = 0;
    if (sorted) std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

/// CSR from synapses listed column by column (column_start over posts, column_pre the pre of
/// each synapse): a counting sort by pre that scatters the columns in post order, so every row
/// comes out sorted by post without a comparison sort.
void csr_from_columns(uint32_t n_pre, const std::vector<uint64_t>& column_start, const std::vector<uint32_t>& column_pre,
                      SynapseMatrix& m) {
    m.row_start.assign(static_cast<std::size_t>(n_pre) + 1, 0);
    for (uint32_t i : column_pre) ++m.row_start[i + 1];
    for (uint32_t i = 0; i < n_pre; ++i) m.row_start[i + 1] += m.row_start[i];
    std::vector<uint64_t> fill(m.row_start.begin(), m.row_start.end() - 1);
    m.post.resize(column_pre.size());
    for (std::size_t j = 0; j + 1 < column_start.size(); ++j)
        for (uint64_t s = column_start[j]; s < column_start[j + 1]; ++s)
            m.post[fill[column_pre[s]]++] = static_cast<uint32_t>(j);
}

/// (pre, post) pairs in any order -> columns (a counting sort by post), then CSR.
void csr_from_pairs(uint32_t n_pre, uint32_t n_post, const std::vector<uint32_t>& pre,
                    const std::vector<uint32_t>& post, SynapseMatrix& m) {
    std::vector<uint64_t> column_start(static_cast<std::size_t>(n_post) + 1, 0);
    for (uint32_t j : post) ++column_start[j + 1];
    for (uint32_t j = 0; j < n_post; ++j) column_start[j + 1] += column_start[j];
    std::vector<uint64_t> fill(column_start.begin(), column_start.end() - 1);
    std::vector<uint32_t> column_pre(pre.size());
    for (std::size_t s = 0; s < pre.size(); ++s) column_pre[fill[post[s]]++] = pre[s];
    csr_from_columns(n_pre, column_start, column_pre, m);
}

void build_structure(const Network& net, const ProjectionSpec& spec, uint32_t stream, int threads, SynapseMatrix& m) {
    const uint32_t n_pre = net.population(spec.pre).size;
    const uint32_t n_post = net.population(spec.post).size;
    const bool no_autapses = spec.pre == spec.post && !spec.rule.autapses;
    const uint64_t seed = net.seed();
    const ConnectRule& rule = spec.rule;
    // The index each row (or column) must skip: itself when autapses are excluded.
    auto excluded = [&](uint32_t i, uint32_t n) { return no_autapses ? i : n; };

    switch (rule.kind) {
    case Kind::all_to_all:
        build_rows(n_pre, threads, m, [&](uint32_t i, std::vector<uint32_t>& out, std::vector<uint8_t>&) {
            for (uint32_t j = 0; j < n_post; ++j)
                if (j != excluded(i, n_post)) out.push_back(j);
        });
        return;
    case Kind::one_to_one:
        build_rows(n_pre, threads, m, [&](uint32_t i, std::vector<uint32_t>& out, std::vector<uint8_t>&) {
            if (!no_autapses) out.push_back(i);  // onto itself without autapses: nothing (NEST)
        });
        return;
    case Kind::fixed_probability: {
        if (rule.p >= 1.0) {
            ProjectionSpec all = spec;
            all.rule.kind = Kind::all_to_all;
            build_structure(net, all, stream, threads, m);
            return;
        }
        const auto log1m_p = static_cast<float>(std::log1p(-rule.p));
        build_rows(n_pre, threads, m, [&](uint32_t i, std::vector<uint32_t>& out, std::vector<uint8_t>&) {
            if (rule.p <= 0.0) return;
            bernoulli_row(seed, stream, i, n_post, log1m_p, [&](uint32_t j) {
                if (j != excluded(i, n_post)) out.push_back(j);
            });
        });
        return;
    }
    case Kind::fixed_outdegree:
        build_rows(n_pre, threads, m, [&](uint32_t i, std::vector<uint32_t>& out, std::vector<uint8_t>& taken) {
            draw_indices(seed, stream, i, n_post, rule.n, excluded(i, n_post), rule.multapses, true, out, taken);
        });
        return;
    case Kind::fixed_indegree: {
        // Columns drawn in parallel (one line per post neuron), then transposed; scattering
        // the columns in post order leaves every row sorted without a sort.
        SynapseMatrix columns;
        build_rows(n_post, threads, columns, [&](uint32_t j, std::vector<uint32_t>& out, std::vector<uint8_t>& taken) {
            draw_indices(seed, stream, j, n_pre, rule.n, excluded(j, n_pre), rule.multapses, false, out, taken);
        });
        csr_from_columns(n_pre, columns.row_start, columns.post, m);
        return;
    }
    case Kind::fixed_total_number: {
        // Pair k is drawn from Philox line k; attempt r (round r) replaces a rejected draw.
        std::vector<uint32_t> pre(rule.n), post(rule.n);
        auto draw_valid = [&](uint64_t k, uint32_t r) {
            const PairDraw d = draw_pair(seed, stream, r, k, n_pre, n_post);
            pre[k] = d.pre;
            post[k] = d.post;
            return !(no_autapses && d.pre == d.post);
        };
        if (rule.multapses) {
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1 && rule.n > 65536)
            for (int64_t k = 0; k < static_cast<int64_t>(rule.n); ++k)
                for (uint32_t r = 0; !draw_valid(static_cast<uint64_t>(k), r); ++r) {
                }
        } else {
            // Pairs already taken are redrawn too, so pair k depends on pairs 0..k-1: sequential.
            std::unordered_set<uint64_t> seen;
            seen.reserve(rule.n);
            for (uint64_t k = 0; k < rule.n; ++k)
                for (uint32_t r = 0;; ++r)
                    if (draw_valid(k, r) && seen.insert(static_cast<uint64_t>(pre[k]) * n_post + post[k]).second) break;
        }
        csr_from_pairs(n_pre, n_post, pre, post, m);
        return;
    }
    case Kind::from_arrays:
        m.row_start = spec.rule.synapses->row_start;
        m.post = spec.rule.synapses->post;
        return;
    }
}

}  // namespace

uint16_t SynapseMatrix::max_delay() const {
    if (delay.empty()) return delay_const;
    uint16_t d = delay_const;
    for (uint16_t x : delay) d = std::max(d, x);
    return d;
}

CsrView SynapseMatrix::view() const {
    return CsrView{row_start.data(), post.data(), weight.empty() ? nullptr : weight.data(),
                   delay.empty() ? nullptr : delay.data(), weight_const, delay_const,
                   static_cast<uint32_t>(row_start.size() - 1)};
}

SynapseMatrix build_synapses(const Network& net, ProjectionId id, int threads) {
    const ProjectionSpec& spec = net.projections().at(id.index);
    SynapseMatrix m;
    build_structure(net, spec, rng_stream(RngPurpose::connectivity, id.index), threads, m);

    const uint64_t n = m.size();
    const uint64_t seed = net.seed();
    const auto dt = static_cast<float>(net.dt_ms());
    const Distribution delay = *spec.delay_ms;
    const ExplicitSynapses* given = spec.rule.synapses.get();
    if (given && !given->weight.empty()) {
        m.weight = given->weight;
    } else if (spec.weight.is_constant()) {
        m.weight_const = static_cast<float>(spec.weight.value);
    } else {
        m.weight.resize(n);
        cpu::draw_values(draw_params(spec.weight), seed, rng_stream(RngPurpose::weight, id.index), n, m.weight.data(),
                         threads);
    }
    if (given && !given->delay_ms.empty()) {
        m.delay.resize(n);
        for (uint64_t s = 0; s < n; ++s) m.delay[s] = delay_steps_from_ms(given->delay_ms[s], dt);
        m.delay_const = 1;
    } else if (delay.is_constant()) {
        m.delay_const = delay_steps_from_ms(static_cast<float>(delay.value), dt);
    } else {
        m.delay.resize(n);
        cpu::draw_delays(draw_params(delay), seed, rng_stream(RngPurpose::delay, id.index), dt, n, m.delay.data(),
                         threads);
        m.delay_const = 1;
    }
    return m;
}

}  // namespace axon::detail
