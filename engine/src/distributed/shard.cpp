#include "shard.hpp"

namespace axon::detail {
namespace {

uint32_t block_begin(uint32_t n, int rank, int ranks) {
    if (rank >= ranks) return n;
    return static_cast<uint32_t>((static_cast<uint64_t>(n) * static_cast<uint64_t>(rank) / static_cast<uint64_t>(ranks)) &
                                 ~uint64_t{3});
}

}  // namespace

NeuronRange owned_block(uint32_t n, int rank, int ranks) {
    const uint32_t first = block_begin(n, rank, ranks);
    return NeuronRange{first, block_begin(n, rank + 1, ranks) - first};
}

int Shard::owner(uint32_t n, uint32_t neuron) const {
    int lo = 0, hi = ranks() - 1;  // the last rank whose block starts at or before the neuron
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        if (block_begin(n, mid, ranks()) <= neuron)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

}  // namespace axon::detail
