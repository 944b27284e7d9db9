#include "propagate.hpp"

#include <algorithm>
#include <type_traits>

#include "parallel.hpp"
#include "row_search.hpp"

namespace axon::cpu {
namespace {

// The delay type of a projection whose delays are all delay_const.
struct ConstantDelay {};

// A projection's arrays as the loops read them: Post and Delay are the stored widths.
template <class Post, class Delay>
struct Rows {
    const uint64_t* row_start;
    const Post* post;
    const float* weight;  // null: weight_const
    const Delay* delay;   // null: delay_const
    float weight_const;
    uint16_t delay_const;
};

// Spiking rows lie anywhere in the synapse arrays, and a short row (CUBA's 80 synapses: three
// cache lines of targets) ends before the hardware prefetcher has found it, so each row's lines
// arrive one row at a time. Delivery asks for the lines of the row kRowsAhead spikes on (its
// first kPrefetchBytes of each array) and for the row bounds of the spike twice as far on.
constexpr uint32_t kRowsAhead = 2;
constexpr uint64_t kPrefetchBytes = 1024;
// With per-synapse delays a row's writes spread over every slot of the ring (the microcircuit's
// L2/3E ring: 20 MB), beyond the caches: each asks for the ring element kLanesAhead synapses on
// in its row. With one delay the lane mostly stays in the cache, where the extra work only costs.
constexpr uint64_t kLanesAhead = 32;

// Inlined by force: GCC takes a function that only prefetches for one without effects and drops
// its calls.
template <class T>
[[gnu::always_inline]] inline void prefetch_lines(const T* first, const T* last) {
    const char* begin = reinterpret_cast<const char*>(first);
    const uint64_t bytes = std::min<uint64_t>(static_cast<uint64_t>(last - first) * sizeof(T), kPrefetchBytes);
    for (uint64_t at = 0; at < bytes; at += 64) __builtin_prefetch(begin + at);  // offsets: no pointer past the end
}

template <class Post, class Delay>
[[gnu::always_inline]] inline void prefetch_row(const Rows<Post, Delay>& rows, const SpikeListView& spikes, uint32_t k) {
    if (k + 2 * kRowsAhead < spikes.count) __builtin_prefetch(rows.row_start + spikes.ids[k + 2 * kRowsAhead]);
    if (k + kRowsAhead >= spikes.count) return;
    const uint32_t pre = spikes.ids[k + kRowsAhead];
    const uint64_t s = rows.row_start[pre], end = rows.row_start[pre + 1];
    prefetch_lines(rows.post + s, rows.post + end);
    if (rows.weight) prefetch_lines(rows.weight + s, rows.weight + end);
    if constexpr (!std::is_same_v<Delay, ConstantDelay>) prefetch_lines(rows.delay + s, rows.delay + end);
}

// One thread's share: posts in [post_begin, post_end) of every spiking row. kWeights and
// ConstantDelay drop the per-synapse weight or delay loads where a projection has a constant one.
template <bool kWeights, class Post, class Delay>
void deliver(const Rows<Post, Delay>& rows, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
             uint32_t slot_now, uint32_t post_begin, uint32_t post_end) {
    constexpr bool kDelays = !std::is_same_v<Delay, ConstantDelay>;
    const Fixed w_const = to_fixed(rows.weight_const);
    const auto lane_after = [&](uint32_t delay) {  // the lane `delay` steps on
        uint32_t slot = slot_now + delay;
        if (slot >= ring.n_slots) slot -= ring.n_slots;
        return ring.lane(slot, receptor);
    };
    Fixed* const lane_const = lane_after(rows.delay_const);
    const bool whole_rows = post_begin == 0 && post_end == ring.n_neurons;
    for (uint32_t k = 0; k < spikes.count; ++k) {
        prefetch_row(rows, spikes, k);
        const uint32_t pre = spikes.ids[k];
        uint64_t s = rows.row_start[pre];
        uint64_t end = rows.row_start[pre + 1];
        if (!whole_rows) {
            const uint64_t first = first_post_at_or_after(rows.post, s, end, post_begin, 0, ring.n_neurons);
            end = first_post_at_or_after(rows.post, first, end, post_end, post_begin, ring.n_neurons);
            s = first;
        }
        for (; s < end; ++s) {
            const Fixed w = kWeights ? to_fixed(rows.weight[s]) : w_const;
            Fixed* lane = lane_const;
            if constexpr (kDelays) {
                if (s + kLanesAhead < end)
                    __builtin_prefetch(lane_after(rows.delay[s + kLanesAhead]) + rows.post[s + kLanesAhead], 1);
                lane = lane_after(rows.delay[s]);
            }
            lane[rows.post[s]] += w;
        }
    }
}

template <bool kWeights, class Post, class Delay>
void deliver_parallel(const Rows<Post, Delay>& rows, const SpikeListView& spikes, const RingView& ring,
                      uint32_t receptor, uint32_t slot_now, int chunks) {
    if (chunks == 1) {
        deliver<kWeights>(rows, spikes, ring, receptor, slot_now, 0, ring.n_neurons);
        return;
    }
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
    for (int p = 0; p < chunks; ++p)
        deliver<kWeights>(rows, spikes, ring, receptor, slot_now, chunk_begin(ring.n_neurons, chunks, p),
                          chunk_begin(ring.n_neurons, chunks, p + 1));
}

template <class Post, class Delay>
void deliver_rows(const SynapseStore& m, const Post* post, const Delay* delay, const SpikeListView& spikes,
                  const RingView& ring, uint32_t receptor, uint32_t slot_now, int chunks) {
    const Rows<Post, Delay> rows{m.row_start.data(), post, m.weight.empty() ? nullptr : m.weight.data(), delay,
                                 m.weight_const, m.delay_const};
    if (rows.weight)
        deliver_parallel<true>(rows, spikes, ring, receptor, slot_now, chunks);
    else
        deliver_parallel<false>(rows, spikes, ring, receptor, slot_now, chunks);
}

}  // namespace

uint64_t propagate(const SynapseStore& synapses, const SpikeListView& spikes, const RingView& ring, uint32_t receptor,
                   uint32_t slot_now, int threads) {
    uint64_t events = 0;
    for (uint32_t k = 0; k < spikes.count; ++k)
        events += synapses.row_start[spikes.ids[k] + 1] - synapses.row_start[spikes.ids[k]];
    if (events == 0) return 0;
    // Split only when the step's work is worth a fork: kMinChunk events per thread.
    int chunks = chunk_count(events, threads);
    if (ring.n_neurons < 256u * static_cast<uint32_t>(chunks)) chunks = 1;
    synapses.post.visit([&](const auto& post) {
        if (synapses.delay.empty()) {
            deliver_rows(synapses, post.data(), static_cast<const ConstantDelay*>(nullptr), spikes, ring, receptor,
                         slot_now, chunks);
            return;
        }
        synapses.delay.visit([&](const auto& delay) {
            deliver_rows(synapses, post.data(), delay.data(), spikes, ring, receptor, slot_now, chunks);
        });
    });
    return events;
}

}  // namespace axon::cpu
