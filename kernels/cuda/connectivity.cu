#include <cub/block/block_scan.cuh>
#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_scan.cuh>
#include <cub/device/device_segmented_radix_sort.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_iterator.h>

#include <algorithm>

#include "../models/connectivity.hpp"
#include "connectivity.cuh"
#include "cuda_check.hpp"
#include "launch_config.hpp"

namespace axon::cuda {
namespace {

constexpr int kBlock = 256;
using Rule = ConnectivityParams::Rule;

// ---- rows: fixed_probability (two passes) and fixed_outdegree (fixed length) ----

__global__ void bernoulli_count_kernel(ConnectivityParams p, uint64_t* counts) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= p.n_pre) return;
    const uint32_t skip = excluded_index(p, i, p.n_post);
    uint64_t n = 0;
    bernoulli_row(p.seed, p.stream, i, p.n_post, p.log1m_p, [&](uint32_t j) { n += j != skip; });
    counts[i] = n;
}

__global__ void bernoulli_fill_kernel(ConnectivityParams p, const uint64_t* row_start, uint32_t* post) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= p.n_pre) return;
    const uint32_t skip = excluded_index(p, i, p.n_post);
    uint64_t s = row_start[i];
    bernoulli_row(p.seed, p.stream, i, p.n_post, p.log1m_p, [&](uint32_t j) {
        if (j != skip) post[s++] = j;
    });
}

// K indices per line (a row or a column), multapses allowed, skipping the excluded one:
// draw_indices of kernels/cpu/connectivity.cpp.
__global__ void fixed_lines_kernel(ConnectivityParams p, uint32_t lines, uint32_t n, uint32_t* out) {
    const uint32_t line = blockIdx.x * blockDim.x + threadIdx.x;
    if (line >= lines) return;
    const uint32_t skip = excluded_index(p, line, n);
    uint32_t* dst = out + static_cast<uint64_t>(line) * p.k;
    uint64_t taken = 0;
    for (uint32_t draw = 0; taken < p.k; ++draw) {
        const uint32_t j = uniform_index(draw_word(p.seed, p.stream, line, draw), n);
        if (j != skip) dst[taken++] = j;
    }
}

// The same without multapses: the first K distinct indices of the line's draw sequence
// (draw_indices of kernels/cpu/connectivity.cpp: a draw is taken unless excluded or already taken).
// A block per line draws kDistinctBlock candidates per round; a candidate is taken when it is
// not excluded, not in the line's bitmap (taken in an earlier round) and not drawn by an
// earlier thread of the round; a block scan ranks the takes and the line stops at K. Which
// values are taken is exactly the CPU's; their order within the line is the draw order too.
constexpr int kDistinctBlock = 128;

__global__ void __launch_bounds__(kDistinctBlock)
    distinct_lines_kernel(ConnectivityParams p, uint32_t lines, uint32_t n, uint32_t* out, uint32_t* bitmaps,
                          uint64_t bitmap_words) {
    using Scan = cub::BlockScan<uint32_t, kDistinctBlock>;
    __shared__ typename Scan::TempStorage scan;
    __shared__ uint32_t drawn[kDistinctBlock];
    __shared__ uint32_t taken_total;
    uint32_t* bitmap = bitmaps + blockIdx.x * bitmap_words;  // all zero between lines
    for (uint32_t line = blockIdx.x; line < lines; line += gridDim.x) {
        const uint32_t skip = excluded_index(p, line, n);
        uint32_t* dst = out + static_cast<uint64_t>(line) * p.k;
        if (threadIdx.x == 0) taken_total = 0;
        __syncthreads();
        for (uint32_t round = 0; taken_total < p.k; ++round) {
            const uint32_t j = uniform_index(draw_word(p.seed, p.stream, line, round * kDistinctBlock + threadIdx.x), n);
            drawn[threadIdx.x] = j;
            const bool taken_before = (bitmap[j >> 5] >> (j & 31u)) & 1u;
            __syncthreads();  // the round's draws are in, every bitmap read is done
            bool repeat = false;
            for (uint32_t t = 0; t < threadIdx.x; ++t) repeat |= drawn[t] == j;
            const uint32_t take = j != skip && !taken_before && !repeat ? 1u : 0u;
            uint32_t rank = 0, round_takes = 0;
            Scan(scan).ExclusiveSum(take, rank, round_takes);
            const uint32_t before = taken_total;
            if (take && before + rank < p.k) {
                dst[before + rank] = j;
                atomicOr(bitmap + (j >> 5), 1u << (j & 31u));  // threads may share a word
            }
            __syncthreads();  // everyone has read taken_total and drawn[]; the bitmap is written
            if (threadIdx.x == 0) taken_total = before + round_takes < p.k ? before + round_takes : static_cast<uint32_t>(p.k);
            __syncthreads();
        }
        for (uint64_t q = threadIdx.x; q < p.k; q += blockDim.x) {
            const uint32_t j = dst[q];
            atomicAnd(bitmap + (j >> 5), ~(1u << (j & 31u)));
        }
        __syncthreads();
    }
}

__global__ void regular_offsets_kernel(uint64_t* offsets, uint32_t n, uint64_t k) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i <= n) offsets[i] = static_cast<uint64_t>(i) * k;
}

// ---- all_to_all and one_to_one ----

__global__ void all_to_all_kernel(ConnectivityParams p, uint64_t row_length, uint32_t* post, uint64_t total) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s >= total) return;
    const auto i = static_cast<uint32_t>(s / row_length);
    auto j = static_cast<uint32_t>(s % row_length);
    if (p.no_autapses && j >= i) ++j;  // the row skips its own index
    post[s] = j;
}

__global__ void identity_kernel(uint32_t* out, uint32_t n) {
    const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = i;
}

// ---- pairs: fixed_total_number; columns: fixed_indegree ----

// Pair k's attempts: valid_pair (kernels/models/connectivity.hpp), attempt r is Philox round
// r, as on the CPU.
__global__ void pairs_kernel(ConnectivityParams p, uint64_t* keys, uint32_t* rounds, uint32_t* ids) {
    const uint64_t k = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (k >= p.k) return;
    uint32_t r = 0;
    keys[k] = valid_pair(p, k, r);
    if (rounds) rounds[k] = r;
    if (ids) ids[k] = static_cast<uint32_t>(k);
}

// Without multapses, pair k is redrawn (next rounds) while an earlier pair holds its key. In
// keys sorted stably by key, of the pairs sharing a key the earliest comes first, so every
// later one is redrawn. A key once held by a pair before k stays held by one before k (it
// changes hands only to an even earlier pair), so repeating this until no pair is redrawn
// reaches exactly the host's sequential result: each pair's first attempt that is neither an
// autapse nor a key of an earlier pair.
__global__ void redraw_repeats_kernel(ConnectivityParams p, const uint64_t* sorted_keys, const uint32_t* sorted_ids,
                                      uint64_t* keys, uint32_t* rounds, unsigned long long* redrawn) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s == 0 || s >= p.k || sorted_keys[s] != sorted_keys[s - 1]) return;
    const uint32_t k = sorted_ids[s];
    uint32_t r = rounds[k] + 1;
    keys[k] = valid_pair(p, k, r);
    rounds[k] = r;
    atomicAdd(redrawn, 1ull);
}

__global__ void split_keys_kernel(const uint64_t* keys, uint64_t n, uint32_t* pre, uint32_t* post) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s >= n) return;
    pre[s] = static_cast<uint32_t>(keys[s] >> 32);
    post[s] = static_cast<uint32_t>(keys[s]);
}

__global__ void column_of_kernel(uint32_t* column, uint64_t n, uint64_t k) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s < n) column[s] = static_cast<uint32_t>(s / k);
}

__global__ void count_rows_kernel(const uint32_t* pre, uint64_t n, unsigned long long* counts) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s < n) atomicAdd(counts + pre[s], 1ull);  // integer counts: order-free
}

// ---- per-synapse draws ----

__global__ void weights_kernel(DrawParams d, uint64_t seed, uint32_t stream, float* out, uint64_t n) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s < n) out[s] = draw_value(d, seed, stream, s);
}

__global__ void delays_kernel(DrawParams d, uint64_t seed, uint32_t stream, float dt, uint16_t* out, uint64_t n) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s < n) out[s] = delay_steps_from_ms(draw_value(d, seed, stream, s), dt);
}

__global__ void fill_kernel(float* out, uint64_t n, float value) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s < n) out[s] = value;
}

// ---- transposed index ----

// A thread per synapse: its row is the last one starting at or before it (binary search,
// so a few very long rows cost no more than many short ones).
__global__ void row_of_synapse_kernel(const uint64_t* row_start, uint32_t n_rows, uint64_t n, uint32_t* pre) {
    const uint64_t s = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (s >= n) return;
    uint32_t lo = 0, hi = n_rows;
    while (hi - lo > 1) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (row_start[mid] <= s)
            lo = mid;
        else
            hi = mid;
    }
    pre[s] = lo;
}

__global__ void gather_kernel(const uint32_t* from, const uint32_t* index, uint64_t n, uint32_t* out) {
    const uint64_t e = static_cast<uint64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (e < n) out[e] = from[index[e]];
}

unsigned grid(uint64_t n) { return blocks_for(n, kBlock); }

/// Bits of a pair key (pre << 32 | post) that can be set: the sorts skip the rest.
int pair_key_bits(uint32_t n_pre) {
    int bits = 0;
    while (bits < 32 && (uint64_t{1} << bits) < n_pre) ++bits;
    return 32 + bits;
}

/// The largest of n > 0 values (synchronises the stream).
template <class T, class InputIt>
T device_max(InputIt values, uint64_t n, cudaStream_t stream) {
    DeviceBuffer<T> result(1);
    std::size_t bytes = 0;
    AXON_CUDA_CHECK(cub::DeviceReduce::Max(nullptr, bytes, values, result.data(), n, stream));
    DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
    AXON_CUDA_CHECK(cub::DeviceReduce::Max(temp.data(), bytes, values, result.data(), n, stream));
    AXON_CUDA_CHECK(cudaStreamSynchronize(stream));
    return result.download()[0];
}

struct RowLength {
    const uint64_t* row_start;
    __host__ __device__ uint64_t operator()(uint32_t i) const { return row_start[i + 1] - row_start[i]; }
};

/// offsets[0..n] = exclusive prefix sum of counts[0..n) (counts has n + 1 entries, the last 0).
void exclusive_scan(const uint64_t* counts, uint64_t* offsets, uint32_t n, cudaStream_t stream) {
    std::size_t bytes = 0;
    AXON_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(nullptr, bytes, counts, offsets, static_cast<int>(n) + 1, stream));
    DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
    AXON_CUDA_CHECK(cub::DeviceScan::ExclusiveSum(temp.data(), bytes, counts, offsets, static_cast<int>(n) + 1, stream));
    AXON_CUDA_CHECK(cudaStreamSynchronize(stream));
}

uint64_t last(const DeviceBuffer<uint64_t>& offsets) {
    uint64_t v = 0;
    AXON_CUDA_CHECK(cudaMemcpy(&v, offsets.data() + offsets.size() - 1, sizeof v, cudaMemcpyDeviceToHost));
    return v;
}

/// K indices per line into out[line * K ..]: with multapses a thread per line, without them
/// a block per line with a bitmap each (grid capped so the bitmaps take at most 64 MiB).
void draw_lines(const ConnectivityParams& p, bool multapses, uint32_t lines, uint32_t n, uint32_t* out,
                cudaStream_t stream) {
    if (multapses) {
        fixed_lines_kernel<<<grid(lines), kBlock, 0, stream>>>(p, lines, n, out);
        AXON_CUDA_CHECK_LAUNCH();
        return;
    }
    const uint64_t words = (static_cast<uint64_t>(n) + 31) / 32;
    const uint64_t fit = (uint64_t{64} << 20) / (4 * words);
    const auto blocks = static_cast<unsigned>(std::max<uint64_t>(1, std::min<uint64_t>({fit, lines, 4096})));
    DeviceBuffer<uint32_t> bitmaps(blocks * words);
    bitmaps.zero(stream);
    distinct_lines_kernel<<<blocks, kDistinctBlock, 0, stream>>>(p, lines, n, out, bitmaps.data(), words);
    AXON_CUDA_CHECK_LAUNCH();
    AXON_CUDA_CHECK(cudaStreamSynchronize(stream));  // before the bitmaps are freed
}

/// fixed_total_number without multapses: sorted = the distinct keys of the host's sequential
/// draw, ascending (rounds of a stable sort and redraw_repeats_kernel until nothing repeats).
void distinct_pairs(const ConnectivityParams& p, DeviceBuffer<uint64_t>& keys, DeviceBuffer<uint64_t>& sorted,
                    cudaStream_t stream) {
    const uint64_t n = p.k;
    if (n == 0) return;
    DeviceBuffer<uint32_t> rounds(n), ids(n), sorted_ids(n);
    DeviceBuffer<unsigned long long> redrawn(1);
    pairs_kernel<<<grid(n), kBlock, 0, stream>>>(p, keys.data(), rounds.data(), ids.data());
    AXON_CUDA_CHECK_LAUNCH();
    std::size_t bytes = 0;
    AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, keys.data(), sorted.data(), ids.data(),
                                                    sorted_ids.data(), n, 0, pair_key_bits(p.n_pre), stream));
    DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
    for (;;) {
        // ids stay 0..n-1 in order, so the stable sort puts the earliest of equal keys first.
        AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp.data(), bytes, keys.data(), sorted.data(), ids.data(),
                                                        sorted_ids.data(), n, 0, pair_key_bits(p.n_pre), stream));
        redrawn.zero(stream);
        redraw_repeats_kernel<<<grid(n), kBlock, 0, stream>>>(p, sorted.data(), sorted_ids.data(), keys.data(),
                                                              rounds.data(), redrawn.data());
        AXON_CUDA_CHECK_LAUNCH();
        AXON_CUDA_CHECK(cudaStreamSynchronize(stream));
        if (redrawn.download()[0] == 0) return;  // sorted holds the final keys
    }
}

/// CSR from (pre, post) arrays whose rows are already contiguous and sorted: count, scan.
void rows_from_sorted_pre(const uint32_t* pre, uint64_t n, uint32_t n_pre, DeviceCsr& csr, cudaStream_t stream) {
    DeviceBuffer<uint64_t> counts(static_cast<std::size_t>(n_pre) + 1);
    counts.zero(stream);
    if (n) count_rows_kernel<<<grid(n), kBlock, 0, stream>>>(pre, n, reinterpret_cast<unsigned long long*>(counts.data()));
    AXON_CUDA_CHECK_LAUNCH();
    csr.row_start.resize(static_cast<std::size_t>(n_pre) + 1);
    exclusive_scan(counts.data(), csr.row_start.data(), n_pre, stream);
}

}  // namespace

DeviceCsr build_structure_on_device(const ConnectivityParams& p, cudaStream_t stream) {
    DeviceCsr csr;
    switch (p.rule) {
    case Rule::all_to_all: {
        const uint64_t row = p.n_post - (p.no_autapses ? 1 : 0);
        csr.size = row * p.n_pre;
        csr.row_start.resize(static_cast<std::size_t>(p.n_pre) + 1);
        regular_offsets_kernel<<<grid(p.n_pre + 1ull), kBlock, 0, stream>>>(csr.row_start.data(), p.n_pre, row);
        AXON_CUDA_CHECK_LAUNCH();
        csr.post.resize(csr.size);
        if (csr.size) all_to_all_kernel<<<grid(csr.size), kBlock, 0, stream>>>(p, row, csr.post.data(), csr.size);
        AXON_CUDA_CHECK_LAUNCH();
        break;
    }
    case Rule::one_to_one: {
        const uint64_t row = p.no_autapses ? 0 : 1;  // onto itself without autapses: nothing
        csr.size = row * p.n_pre;
        csr.row_start.resize(static_cast<std::size_t>(p.n_pre) + 1);
        regular_offsets_kernel<<<grid(p.n_pre + 1ull), kBlock, 0, stream>>>(csr.row_start.data(), p.n_pre, row);
        AXON_CUDA_CHECK_LAUNCH();
        csr.post.resize(csr.size);
        if (csr.size) identity_kernel<<<grid(csr.size), kBlock, 0, stream>>>(csr.post.data(), p.n_pre);
        AXON_CUDA_CHECK_LAUNCH();
        break;
    }
    case Rule::fixed_probability: {
        DeviceBuffer<uint64_t> counts(static_cast<std::size_t>(p.n_pre) + 1);
        counts.zero(stream);
        bernoulli_count_kernel<<<grid(p.n_pre), kBlock, 0, stream>>>(p, counts.data());
        AXON_CUDA_CHECK_LAUNCH();
        csr.row_start.resize(static_cast<std::size_t>(p.n_pre) + 1);
        exclusive_scan(counts.data(), csr.row_start.data(), p.n_pre, stream);
        csr.size = last(csr.row_start);
        csr.post.resize(csr.size);
        bernoulli_fill_kernel<<<grid(p.n_pre), kBlock, 0, stream>>>(p, csr.row_start.data(), csr.post.data());
        AXON_CUDA_CHECK_LAUNCH();
        break;
    }
    case Rule::fixed_outdegree: {
        csr.size = p.k * p.n_pre;
        csr.row_start.resize(static_cast<std::size_t>(p.n_pre) + 1);
        regular_offsets_kernel<<<grid(p.n_pre + 1ull), kBlock, 0, stream>>>(csr.row_start.data(), p.n_pre, p.k);
        AXON_CUDA_CHECK_LAUNCH();
        DeviceBuffer<uint32_t> drawn(csr.size);
        draw_lines(p, p.multapses, p.n_pre, p.n_post, drawn.data(), stream);
        csr.post.resize(csr.size);
        std::size_t bytes = 0;  // each row sorted on its own, as the CPU's draw_indices sorts
        AXON_CUDA_CHECK(cub::DeviceSegmentedRadixSort::SortKeys(nullptr, bytes, drawn.data(), csr.post.data(),
                                                                static_cast<int>(csr.size), static_cast<int>(p.n_pre),
                                                                csr.row_start.data(), csr.row_start.data() + 1, 0, 32, stream));
        DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
        AXON_CUDA_CHECK(cub::DeviceSegmentedRadixSort::SortKeys(temp.data(), bytes, drawn.data(), csr.post.data(),
                                                                static_cast<int>(csr.size), static_cast<int>(p.n_pre),
                                                                csr.row_start.data(), csr.row_start.data() + 1, 0, 32, stream));
        break;
    }
    case Rule::fixed_indegree: {
        // Columns in post order, then a stable sort by pre: rows come out sorted by post.
        csr.size = p.k * p.n_post;
        DeviceBuffer<uint32_t> pre(csr.size), column(csr.size), pre_sorted(csr.size);
        draw_lines(p, p.multapses, p.n_post, p.n_pre, pre.data(), stream);
        column_of_kernel<<<grid(csr.size), kBlock, 0, stream>>>(column.data(), csr.size, p.k);
        AXON_CUDA_CHECK_LAUNCH();
        csr.post.resize(csr.size);
        std::size_t bytes = 0;
        AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, pre.data(), pre_sorted.data(), column.data(),
                                                        csr.post.data(), csr.size, 0, 32, stream));
        DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
        AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp.data(), bytes, pre.data(), pre_sorted.data(), column.data(),
                                                        csr.post.data(), csr.size, 0, 32, stream));
        rows_from_sorted_pre(pre_sorted.data(), csr.size, p.n_pre, csr, stream);
        break;
    }
    case Rule::fixed_total_number: {
        csr.size = p.k;
        DeviceBuffer<uint64_t> keys(csr.size), sorted(csr.size);
        if (p.multapses) {
            if (csr.size) pairs_kernel<<<grid(csr.size), kBlock, 0, stream>>>(p, keys.data(), nullptr, nullptr);
            AXON_CUDA_CHECK_LAUNCH();
            std::size_t bytes = 0;
            const int bits = pair_key_bits(p.n_pre);
            AXON_CUDA_CHECK(cub::DeviceRadixSort::SortKeys(nullptr, bytes, keys.data(), sorted.data(), csr.size, 0, bits, stream));
            DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
            AXON_CUDA_CHECK(
                cub::DeviceRadixSort::SortKeys(temp.data(), bytes, keys.data(), sorted.data(), csr.size, 0, bits, stream));
        } else {
            distinct_pairs(p, keys, sorted, stream);
        }
        DeviceBuffer<uint32_t> pre(csr.size);
        csr.post.resize(csr.size);
        if (csr.size) split_keys_kernel<<<grid(csr.size), kBlock, 0, stream>>>(sorted.data(), csr.size, pre.data(), csr.post.data());
        AXON_CUDA_CHECK_LAUNCH();
        rows_from_sorted_pre(pre.data(), csr.size, p.n_pre, csr, stream);
        break;
    }
    }
    AXON_CUDA_CHECK(cudaStreamSynchronize(stream));
    return csr;
}

void draw_weights_on_device(const DrawParams& d, uint64_t seed, uint32_t stream_word, float* out, uint64_t n,
                            cudaStream_t stream) {
    if (n) weights_kernel<<<grid(n), kBlock, 0, stream>>>(d, seed, stream_word, out, n);
    AXON_CUDA_CHECK_LAUNCH();
}

uint16_t max_delay_on_device(const uint16_t* delays, uint64_t n, cudaStream_t stream) {
    return n == 0 ? 1 : device_max<uint16_t>(delays, n, stream);
}

uint64_t max_row_length_on_device(const uint64_t* row_start, uint32_t n_rows, cudaStream_t stream) {
    if (n_rows == 0) return 0;
    const auto lengths = thrust::make_transform_iterator(thrust::counting_iterator<uint32_t>(0), RowLength{row_start});
    return device_max<uint64_t>(lengths, n_rows, stream);
}

void fill_on_device(float* out, uint64_t n, float value, cudaStream_t stream) {
    if (n) fill_kernel<<<grid(n), kBlock, 0, stream>>>(out, n, value);
    AXON_CUDA_CHECK_LAUNCH();
}

DeviceTranspose transpose_on_device(const uint64_t* row_start, const uint32_t* post, uint32_t n_pre, uint32_t n_post,
                                    uint64_t n_synapses, cudaStream_t stream) {
    DeviceTranspose t;
    DeviceBuffer<uint32_t> ids(n_synapses), posts_sorted(n_synapses), pre_of(n_synapses);
    t.synapse.resize(n_synapses);
    t.pre.resize(n_synapses);
    if (n_synapses) {
        identity_kernel<<<grid(n_synapses), kBlock, 0, stream>>>(ids.data(), static_cast<uint32_t>(n_synapses));
        AXON_CUDA_CHECK_LAUNCH();
        row_of_synapse_kernel<<<grid(n_synapses), kBlock, 0, stream>>>(row_start, n_pre, n_synapses, pre_of.data());
        AXON_CUDA_CHECK_LAUNCH();
        std::size_t bytes = 0;  // stable: within a column, synapse ids (and so pres) stay ascending
        AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, post, posts_sorted.data(), ids.data(),
                                                        t.synapse.data(), n_synapses, 0, 32, stream));
        DeviceBuffer<uint8_t> temp(bytes ? bytes : 1);
        AXON_CUDA_CHECK(cub::DeviceRadixSort::SortPairs(temp.data(), bytes, post, posts_sorted.data(), ids.data(),
                                                        t.synapse.data(), n_synapses, 0, 32, stream));
        gather_kernel<<<grid(n_synapses), kBlock, 0, stream>>>(pre_of.data(), t.synapse.data(), n_synapses, t.pre.data());
        AXON_CUDA_CHECK_LAUNCH();
    }
    DeviceCsr columns;  // column_start: the row offsets of the sorted posts
    rows_from_sorted_pre(posts_sorted.data(), n_synapses, n_post, columns, stream);
    t.column_start = std::move(columns.row_start);
    return t;
}

void draw_delays_on_device(const DrawParams& d, uint64_t seed, uint32_t stream_word, float dt_ms, uint16_t* out,
                           uint64_t n, cudaStream_t stream) {
    if (n) delays_kernel<<<grid(n), kBlock, 0, stream>>>(d, seed, stream_word, dt_ms, out, n);
    AXON_CUDA_CHECK_LAUNCH();
}

}  // namespace axon::cuda
