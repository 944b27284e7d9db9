// A distributed rank's spike exchange on the CUDA backend (docs/scaling.md, "The CUDA
// backend"): the local halves of an interval's steps stage this rank's spike lists in device
// memory; exchange() brings them to the host, trades them with every rank (one all-gather,
// SpikeExchange) and uploads the whole network's spike list of each step for the shared halves.
#pragma once
#include <cstdint>
#include <vector>

#include "../../../kernels/cuda/device_buffer.hpp"
#include "../../../kernels/cuda/pinned_staging.hpp"
#include "../distributed/spike_exchange.hpp"
#include "cuda_device_state.hpp"

namespace axon::detail {

class CudaSpikeExchange {
public:
    /// For the populations `pops` (their ids' `first` and owned blocks), in intervals of at most
    /// `max_steps` steps.
    CudaSpikeExchange(Communicator& comm, const std::vector<GpuPopulation>& pops, uint32_t max_steps);

    /// Neurons this rank steps (a local step's list is at most this long).
    uint32_t own() const { return own_; }
    /// Where step k of the interval stages this rank's list and its length.
    uint32_t* staged_ids(uint32_t k) { return staged_ids_.data() + static_cast<std::size_t>(k) * own_; }
    uint32_t* staged_count(uint32_t k) { return staged_counts_.data() + k; }

    /// After the local halves of `steps` steps were enqueued: waits for them, exchanges the
    /// spikes with every rank (collective) and uploads each step's whole list.
    void exchange(uint32_t steps, const CudaStream& stream);
    /// Step k's whole spike list in device memory (after exchange): ascending global ids.
    uint32_t* ids(uint32_t k) { return ids_.data() + offsets_[k]; }
    uint32_t* count(uint32_t k) { return counts_.data() + k; }

    uint64_t exchanges() const { return spikes_.exchanges(); }

private:
    struct Block {
        uint32_t first;      ///< the population's first id
        uint32_t own_first;  ///< its block's first id
        uint32_t own_end;
    };

    SpikeExchange spikes_;
    std::vector<Block> blocks_;
    uint32_t own_ = 0;
    cuda::DeviceBuffer<uint32_t> staged_ids_, staged_counts_;  // max_steps lists of own_ ids
    cuda::PinnedStaging from_device_;
    std::vector<uint32_t> whole_, whole_counts_;  // the interval's whole lists, on the host
    std::vector<std::size_t> offsets_;            // step k's list: whole_[offsets_[k]...]
    cuda::DeviceBuffer<uint32_t> ids_, counts_;   // and in device memory (ids_ only grows)
};

}  // namespace axon::detail
