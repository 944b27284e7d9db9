// The spikes of a communication interval, from every rank to every rank (docs/scaling.md): each
// rank packs its spikes step by step and population by population (a count, then the neurons'
// global indices), and one all-gather of fixed-size blocks moves them. A block has room for
// `capacity` words; a rank that needs more says so in its block's first word, every rank sees
// it, and the interval is gathered again with room for the largest (as NEST does), so the steady
// state is one collective per interval.
#pragma once
#include <cstdint>
#include <vector>

#include "axon/communicator.hpp"

namespace axon::detail {

class SpikeExchange {
public:
    SpikeExchange(Communicator& comm, uint32_t populations) : comm_(comm), populations_(populations) {}

    /// Starts an interval of `steps` steps.
    void begin(uint32_t steps);
    /// This rank's spikes of `population` at the interval's next step, local indices (ascending)
    /// of the block that starts at `first`. Called for every population, step by step.
    void add(const std::vector<uint32_t>& local, uint32_t first);
    /// The same from ids numbered over the whole network, in which the population starts at
    /// `population_first`: [begin, end), ascending.
    void add_ids(const uint32_t* begin, const uint32_t* end, uint32_t population_first);
    /// Moves every rank's spikes of the interval (collective).
    void exchange();
    /// Every rank's spikes of `population` at step `k` of the interval, ascending global indices.
    const std::vector<uint32_t>& spikes(uint32_t k, uint32_t population) const {
        return received_[static_cast<std::size_t>(k) * populations_ + population];
    }

    uint64_t exchanges() const { return exchanges_; }
    uint64_t regathers() const { return regathers_; }
    uint64_t bytes_received() const { return bytes_received_; }

private:
    void gather(uint32_t capacity);

    Communicator& comm_;
    uint32_t populations_;
    uint32_t steps_ = 0;
    uint32_t capacity_ = 1024;      // words a block holds after its length word
    std::vector<uint32_t> packed_;  // this rank's interval: [length, counts and neurons...]
    std::vector<uint32_t> blocks_;  // every rank's block, as gathered
    std::vector<std::vector<uint32_t>> received_;
    uint64_t exchanges_ = 0, regathers_ = 0, bytes_received_ = 0;
};

/// The most steps between two exchanges (the spike buffers' bound when no delay bounds them).
constexpr uint64_t kMaxExchangeInterval = 1000;

/// Steps between exchanges, the same on every rank (collective): the network's smallest
/// synaptic delay (`min_delay`: this rank's synapses'), at most `most` (this rank's limit), and 1
/// where the perceptron rule reads the postsynaptic state at its step.
uint32_t exchange_interval(Communicator& comm, uint64_t min_delay, uint64_t most, bool perceptron);

}  // namespace axon::detail
