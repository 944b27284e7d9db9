// What identifies a network in a checkpoint: one labelled hash per part (the time step and
// seed, each population, projection, Poisson input and current schedule), so that a checkpoint
// of another network is refused naming the part that differs. What is recorded is no part of
// it: a run may resume recording more or less.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "axon/network.hpp"

namespace axon::detail {

struct FingerprintPart {
    std::string label;  ///< e.g. "population 'E' (lif_exp, 800 neurons)"
    uint64_t hash = 0;  ///< of everything that defines the part
};
using Fingerprint = std::vector<FingerprintPart>;

Fingerprint network_fingerprint(const Network& net);

/// Empty when the two are equal, else the first difference, e.g. "its population 'E' (lif_exp,
/// 800 neurons) is this network's population 'E' (lif_exp, 1000 neurons)".
std::string fingerprint_difference(const Fingerprint& saved, const Fingerprint& here);

}  // namespace axon::detail
