// Spike trains cut for comparisons: a resumed or continued run against the whole one.
#pragma once
#include <cstddef>

#include "axon/record.hpp"

namespace axon::test {

/// The spikes of a train from step `from` on.
inline SpikeTrain from_step(const SpikeTrain& train, Step from) {
    SpikeTrain out;
    for (std::size_t k = 0; k < train.size(); ++k)
        if (train.steps[k] >= from) {
            out.steps.push_back(train.steps[k]);
            out.neurons.push_back(train.neurons[k]);
        }
    return out;
}

}  // namespace axon::test
