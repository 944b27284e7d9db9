#include "spike_exchange.hpp"

#include <algorithm>

namespace axon::detail {

void SpikeExchange::begin(uint32_t steps) {
    steps_ = steps;
    packed_.assign(1, 0);
}

void SpikeExchange::add(const std::vector<uint32_t>& local, uint32_t first) {
    packed_.push_back(static_cast<uint32_t>(local.size()));
    for (uint32_t i : local) packed_.push_back(first + i);
}

void SpikeExchange::add_ids(const uint32_t* begin, const uint32_t* end, uint32_t population_first) {
    packed_.push_back(static_cast<uint32_t>(end - begin));
    for (const uint32_t* id = begin; id != end; ++id) packed_.push_back(*id - population_first);
}

void SpikeExchange::gather(uint32_t capacity) {
    const std::size_t block = std::size_t{capacity} + 1;
    blocks_.resize(block * static_cast<std::size_t>(comm_.size()));
    packed_.resize(std::max(packed_.size(), block));  // room to send a whole block
    comm_.all_gather_blocks(packed_.data(), block * sizeof(uint32_t), blocks_.data());
}

void SpikeExchange::exchange() {
    const uint32_t needed = static_cast<uint32_t>(packed_.size() - 1);
    packed_[0] = needed;
    gather(capacity_);
    ++exchanges_;
    uint32_t largest = 0;
    const std::size_t ranks = static_cast<std::size_t>(comm_.size());
    for (std::size_t r = 0; r < ranks; ++r) largest = std::max(largest, blocks_[r * (std::size_t{capacity_} + 1)]);
    if (largest > capacity_) {  // every rank saw the same lengths: all gather again, with room
        capacity_ = largest + largest / 4;
        gather(capacity_);
        ++regathers_;
    }
    received_.resize(static_cast<std::size_t>(steps_) * populations_);
    for (auto& list : received_) list.clear();
    const std::size_t block = std::size_t{capacity_} + 1;
    for (std::size_t r = 0; r < ranks; ++r) {
        const uint32_t* word = blocks_.data() + r * block + 1;
        bytes_received_ += (std::size_t{blocks_[r * block]} + 1) * sizeof(uint32_t);
        for (std::size_t list = 0; list < received_.size(); ++list) {
            const uint32_t count = *word++;
            received_[list].insert(received_[list].end(), word, word + count);
            word += count;
        }
    }
}

uint32_t exchange_interval(Communicator& comm, uint64_t min_delay, uint64_t most, bool perceptron) {
    uint64_t limits[] = {min_delay, most};
    comm.all_reduce(limits, 2, Communicator::Reduction::min);
    // The perceptron rule reads the postsynaptic state at its step: no step may run ahead.
    return perceptron ? 1 : static_cast<uint32_t>(std::max<uint64_t>(1, std::min(limits[0], limits[1])));
}

}  // namespace axon::detail
