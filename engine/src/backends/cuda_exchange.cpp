#include "cuda_exchange.hpp"

#include <algorithm>

namespace axon::detail {

CudaSpikeExchange::CudaSpikeExchange(Communicator& comm, const std::vector<GpuPopulation>& pops, uint32_t max_steps)
    : spikes_(comm, static_cast<uint32_t>(pops.size())) {
    for (const GpuPopulation& pop : pops) {
        blocks_.push_back({pop.first, pop.first + pop.own.first, pop.first + pop.own.end()});
        own_ += pop.own.count;
    }
    staged_ids_.resize(std::size_t{max_steps} * own_);
    staged_counts_.resize(max_steps);
    counts_.resize(max_steps);
    offsets_.resize(max_steps);
}

void CudaSpikeExchange::exchange(uint32_t steps, const CudaStream& stream) {
    // This rank's lists: their lengths first, then as many ids of each.
    from_device_.begin(cuda::PinnedStaging::bytes_for<uint32_t>(steps));
    const uint32_t* lengths = from_device_.copy(staged_counts_.data(), steps, stream.stream);
    stream.sync();
    const std::vector<uint32_t> counts(lengths, lengths + steps);
    std::size_t bytes = 0;
    for (const uint32_t n : counts) bytes += cuda::PinnedStaging::bytes_for<uint32_t>(n);
    from_device_.begin(bytes);
    std::vector<const uint32_t*> lists;
    for (uint32_t k = 0; k < steps; ++k) lists.push_back(from_device_.copy(staged_ids(k), counts[k], stream.stream));
    stream.sync();

    // Each step's list holds ascending ids of this rank's blocks, population after population.
    spikes_.begin(steps);
    for (uint32_t k = 0; k < steps; ++k) {
        const uint32_t* next = lists[k];
        const uint32_t* const end = lists[k] + counts[k];
        for (const Block& b : blocks_) {
            const uint32_t* from = std::lower_bound(next, end, b.own_first);
            next = std::lower_bound(from, end, b.own_end);
            spikes_.add_ids(from, next, b.first);
        }
    }
    spikes_.exchange();

    whole_.clear();
    whole_counts_.assign(steps, 0);
    for (uint32_t k = 0; k < steps; ++k) {
        offsets_[k] = whole_.size();
        for (uint32_t p = 0; p < blocks_.size(); ++p)
            for (const uint32_t i : spikes_.spikes(k, p)) whole_.push_back(blocks_[p].first + i);
        whole_counts_[k] = static_cast<uint32_t>(whole_.size() - offsets_[k]);
    }
    // The host vectors stay as they are until the next exchange, which waits for the stream
    // first: the asynchronous copies read them in time.
    if (whole_.size() > ids_.size()) ids_.resize(std::max(whole_.size(), 2 * ids_.size()));
    if (!whole_.empty())
        AXON_CUDA_CHECK(cudaMemcpyAsync(ids_.data(), whole_.data(), whole_.size() * sizeof(uint32_t),
                                        cudaMemcpyHostToDevice, stream.stream));
    AXON_CUDA_CHECK(cudaMemcpyAsync(counts_.data(), whole_counts_.data(), steps * sizeof(uint32_t),
                                    cudaMemcpyHostToDevice, stream.stream));
}

}  // namespace axon::detail
