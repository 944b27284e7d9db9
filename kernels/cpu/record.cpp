#include "record.hpp"

namespace axon::cpu {

void record_spikes(uint64_t t, const std::vector<uint32_t>& spikes, std::vector<uint64_t>& steps,
                   std::vector<uint32_t>& neurons) {
    if (spikes.empty()) return;
    steps.insert(steps.end(), spikes.size(), t);
    neurons.insert(neurons.end(), spikes.begin(), spikes.end());
}

void sample_state(uint64_t t, const std::vector<AlignedVector<float>>& state, const std::vector<uint32_t>& vars,
                  const std::vector<uint32_t>& ids, std::vector<uint64_t>& steps, std::vector<float>& values) {
    steps.push_back(t);
    for (uint32_t var : vars)
        for (uint32_t i : ids) values.push_back(state[var][i]);
}

}  // namespace axon::cpu
