// This process's part of a run: which neurons of each population it owns, and the gathers that
// put the ranks' parts back into the whole network's order (docs/scaling.md). Without a
// communicator the shard is the whole network and every gather is the identity, so the CPU
// backend has one code path for one process and many.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "axon/communicator.hpp"

namespace axon::detail {

/// Neurons [first, first + count) of a population.
struct NeuronRange {
    uint32_t first = 0, count = 0;
    uint32_t end() const { return first + count; }
    bool contains(uint32_t neuron) const { return neuron >= first && neuron < end(); }
};

/// The block of a population of n neurons that rank `rank` of `ranks` owns: contiguous blocks
/// in rank order, about n / ranks each, their boundaries multiples of 4 (one Philox call draws
/// for four neurons, and no call is split between ranks).
NeuronRange owned_block(uint32_t n, int rank, int ranks);

class Shard {
public:
    explicit Shard(Communicator* comm = nullptr) : comm_(comm) {}
    bool distributed() const { return comm_ != nullptr; }
    int rank() const { return comm_ ? comm_->rank() : 0; }
    int ranks() const { return comm_ ? comm_->size() : 1; }
    Communicator& comm() const { return *comm_; }
    NeuronRange block(uint32_t n) const { return owned_block(n, rank(), ranks()); }
    /// The rank that owns `neuron` of a population of n.
    int owner(uint32_t n, uint32_t neuron) const;

    uint64_t reduce(uint64_t value, Communicator::Reduction op) const {
        if (comm_) comm_->all_reduce(&value, 1, op);
        return value;
    }
    /// Element by element, the reduction of every rank's `values` (collective; alone: `values`).
    std::vector<uint64_t> reduce(std::vector<uint64_t> values, Communicator::Reduction op) const {
        if (comm_) comm_->all_reduce(values.data(), values.size(), op);
        return values;
    }

    /// Every rank's `mine`, in rank order.
    template <class T>
    std::vector<std::vector<T>> gather(const std::vector<T>& mine) const {
        if (!comm_) return {mine};
        std::vector<std::vector<T>> out;
        for (const auto& bytes : comm_->all_gather(mine.data(), mine.size() * sizeof(T))) {
            std::vector<T>& part = out.emplace_back(bytes.size() / sizeof(T));
            if (!bytes.empty()) std::memcpy(part.data(), bytes.data(), bytes.size());
        }
        return out;
    }

    /// `mine` is `segments` equal segments (one per slot, lane, ...), each over this rank's
    /// block; the result has the same segments over the whole population, each the ranks'
    /// pieces in rank order.
    template <class T>
    std::vector<T> gather_segments(const std::vector<T>& mine, std::size_t segments) const {
        if (!comm_) return mine;
        const auto parts = gather(mine);
        std::vector<T> out;
        for (std::size_t g = 0; g < segments; ++g)
            for (const std::vector<T>& part : parts) {
                const std::size_t length = segments ? part.size() / segments : 0;
                out.insert(out.end(), part.begin() + static_cast<std::ptrdiff_t>(g * length),
                           part.begin() + static_cast<std::ptrdiff_t>((g + 1) * length));
            }
        return out;
    }
    /// The whole population's values of one array over this rank's block.
    template <class T>
    std::vector<T> gather_block(const std::vector<T>& mine) const { return gather_segments(mine, 1); }

    /// The inverse of gather_segments: this rank's pieces of a whole population's segments.
    template <class T>
    std::vector<T> slice_segments(const std::vector<T>& whole, std::size_t segments, uint32_t n) const {
        if (!comm_) return whole;
        const NeuronRange own = block(n);
        std::vector<T> out;
        for (std::size_t g = 0; g < segments; ++g) {
            const auto first = whole.begin() + static_cast<std::ptrdiff_t>(g * n + own.first);
            out.insert(out.end(), first, first + own.count);
        }
        return out;
    }
    template <class T>
    std::vector<T> slice_block(const std::vector<T>& whole, uint32_t n) const { return slice_segments(whole, 1, n); }

    /// The whole population's values of `segments` segments, each rank's own block from that
    /// rank: for a backend that holds every neuron's values but keeps only its block current.
    template <class T>
    std::vector<T> gather_owned_segments(const std::vector<T>& whole, std::size_t segments, uint32_t n) const {
        return gather_segments(slice_segments(whole, segments, n), segments);
    }
    template <class T>
    std::vector<T> gather_owned(const std::vector<T>& whole, uint32_t n) const { return gather_owned_segments(whole, 1, n); }

    /// A list's values in `rows` rows (a sampler's neurons, samples x variables), each rank
    /// holding those of the entries it owns (`owner[j]`: the rank of entry j), row by row in
    /// list order: every entry's values in list order (collective).
    template <class T>
    std::vector<T> gather_columns(const std::vector<T>& mine, const std::vector<int>& owner, std::size_t rows) const {
        if (!comm_) return mine;
        const auto parts = gather(mine);
        std::vector<std::size_t> next(parts.size(), 0);
        std::vector<T> out;
        out.reserve(rows * owner.size());
        for (std::size_t row = 0; row < rows; ++row)
            for (const int r : owner) {
                const auto rank = static_cast<std::size_t>(r);
                out.push_back(parts[rank][next[rank]++]);
            }
        return out;
    }

    /// Values of a CSR matrix split by postsynaptic blocks (each rank's rows hold its own
    /// posts) back in the whole matrix's order: row by row, the ranks' pieces in rank order.
    /// `row_start` is this rank's (n_pre + 1 offsets); `mine` holds `repeats` such matrices
    /// one after the other (weight snapshots), and so does the result.
    template <class T>
    std::vector<T> gather_rows(const std::vector<T>& mine, const std::vector<uint64_t>& row_start,
                               std::size_t repeats = 1) const {
        if (!comm_) return mine;
        const auto values = gather(mine);
        const auto starts = gather(row_start);
        std::vector<T> out;
        const std::size_t rows = row_start.size() - 1;
        for (std::size_t k = 0; k < repeats; ++k)
            for (std::size_t i = 0; i < rows; ++i)
                for (std::size_t r = 0; r < values.size(); ++r) {
                    const auto first = values[r].begin() + static_cast<std::ptrdiff_t>(k * starts[r][rows]);
                    out.insert(out.end(), first + static_cast<std::ptrdiff_t>(starts[r][i]),
                               first + static_cast<std::ptrdiff_t>(starts[r][i + 1]));
                }
        return out;
    }

    /// The inverse of gather_rows: this rank's values (its row offsets `row_start`) of a whole
    /// matrix's, where row i's synapses here start at global_first[i].
    template <class T, class Out = std::vector<T>>
    Out slice_rows(const std::vector<T>& whole, const std::vector<uint64_t>& row_start,
                   const std::vector<uint64_t>& global_first) const {
        if (!comm_) return Out(whole.begin(), whole.end());
        Out out(row_start.back());
        for (std::size_t i = 0; i + 1 < row_start.size(); ++i)
            std::copy_n(whole.begin() + static_cast<std::ptrdiff_t>(global_first[i]), row_start[i + 1] - row_start[i],
                        out.begin() + static_cast<std::ptrdiff_t>(row_start[i]));
        return out;
    }

    /// The whole matrix's row offsets from this rank's (collective).
    std::vector<uint64_t> whole_row_start(const std::vector<uint64_t>& row_start) const {
        if (!comm_) return row_start;
        std::vector<uint64_t> counts(row_start.size() - 1);
        for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = row_start[i + 1] - row_start[i];
        comm_->all_reduce(counts.data(), counts.size(), Communicator::Reduction::sum);
        std::vector<uint64_t> out(row_start.size(), 0);
        for (std::size_t i = 0; i < counts.size(); ++i) out[i + 1] = out[i] + counts[i];
        return out;
    }

private:
    Communicator* comm_;
};

}  // namespace axon::detail
