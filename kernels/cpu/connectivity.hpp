// Network construction on the CPU, the twin of kernels/cuda/connectivity.cu: a projection's
// synapses in CSR order (SynapseMatrix), its structure drawn rule by rule and its weights and
// delays drawn per synapse, from the shared draws of kernels/models/connectivity.hpp and
// draw.hpp. This builder is the reference: for a given seed it defines exactly which synapses
// exist, in which order, with which weights and delays. Rows (or columns) are drawn in
// parallel chunks and put in place in row order, so nothing depends on the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "../models/connectivity.hpp"
#include "../models/draw.hpp"
#include "../views.hpp"
#include "uninitialised_vector.hpp"

namespace axon::cpu {

/// One projection's synapses in CSR order by presynaptic neuron.
struct SynapseMatrix {
    std::vector<uint64_t> row_start;  ///< n_pre + 1
    // Uninitialised on resize: the builders write every element, the drawing threads fault
    // the pages in (a std::vector would zero them all on one thread first).
    UninitialisedVector<uint32_t> post;  ///< ascending within each row
    UninitialisedVector<float> weight;   ///< empty when every weight is weight_const
    UninitialisedVector<uint16_t> delay; ///< empty when every delay is delay_const (steps)
    float weight_const = 0;
    uint16_t delay_const = 1;

    uint64_t size() const { return post.size(); }
    /// One weight (delay) per synapse, the constant repeated where there is one.
    std::vector<float> weight_values() const {
        return weight.empty() ? std::vector<float>(size(), weight_const) : std::vector<float>(weight.begin(), weight.end());
    }
    std::vector<uint16_t> delay_values() const {
        return delay.empty() ? std::vector<uint16_t>(size(), delay_const) : std::vector<uint16_t>(delay.begin(), delay.end());
    }
    /// The shortest and the longest delay, in one pass over `threads` threads; the shortest is
    /// UINT16_MAX without synapses (nothing bounds a distributed run's exchange interval).
    struct DelayBounds {
        uint16_t min, max;
    };
    DelayBounds delay_bounds(int threads = 1) const;
    uint16_t max_delay(int threads = 1) const { return delay_bounds(threads).max; }
    uint16_t min_delay(int threads = 1) const { return delay_bounds(threads).min; }
};

/// Postsynaptic neurons [first, first + count): the part of a projection one rank of a
/// distributed run holds (its synapses onto them).
struct PostRange {
    uint32_t first = 0, count = 0;
};

/// The structure (row_start, post; rows sorted by post) of the rule `p` describes, restricted
/// to the synapses onto `posts` (post indices then count from posts.first): the whole rule's
/// synapses onto those neurons, in the same order, whatever the range.
SynapseMatrix build_structure(const ConnectivityParams& p, PostRange posts, int threads);

/// The synapses onto `posts` of the CSR structure (row_start, post), post indices counted from
/// posts.first.
SynapseMatrix restrict_to_posts(const std::vector<uint64_t>& row_start, const std::vector<uint32_t>& post,
                                PostRange posts);

/// fixed_total_number: pair k's (k < p.k) first attempt that is not an autapse,
/// valid_pair(p, k, 0), as pre[k], post[k] (with multapses, the pair itself). The first attempts
/// come from the vectorised batch.
void draw_first_valid_pairs(const ConnectivityParams& p, uint32_t* pre, uint32_t* post, int threads);
/// The same for pairs [first, first + n) (first even) into pre[0, n), post[0, n): pairs beyond
/// 2^33 (Philox index 2^32) and a block that straddles a multiple of it, which is drawn one by one.
void draw_first_valid_pairs(const ConnectivityParams& p, uint64_t first, uint64_t n, uint32_t* pre, uint32_t* post,
                            int threads);

/// out[s] = draw_value(d, seed, stream, s) for s in [0, n): in blocks, Philox words from the
/// vectorised batch, the first attempt of every draw in a branch-free (vectorised) loop, the
/// rare normal redraws' second attempts in the same loop, and the rarer third ones on one by
/// one. Every value equals draw_value()'s (tested), which the CUDA builder computes per synapse.
void draw_weights(const DrawParams& d, uint64_t seed, uint32_t stream, uint64_t n, float* out, int threads);

/// out[s] = delay_steps_from_ms(draw_value(d, seed, stream, s), dt_ms) for s in [0, n).
void draw_delays(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms, uint64_t n, uint16_t* out,
                 int threads);

/// Row by row, the draws of synapses that are a part of a larger matrix: row i's synapses
/// out[row_start[i] .. row_start[i + 1]) take the draws of elements global_first[i], ... of it.
void draw_weights_in_rows(const DrawParams& d, uint64_t seed, uint32_t stream, const std::vector<uint64_t>& row_start,
                          const std::vector<uint64_t>& global_first, float* out, int threads);
void draw_delays_in_rows(const DrawParams& d, uint64_t seed, uint32_t stream, float dt_ms,
                         const std::vector<uint64_t>& row_start, const std::vector<uint64_t>& global_first,
                         uint16_t* out, int threads);

}  // namespace axon::cpu
