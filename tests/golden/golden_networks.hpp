// The small networks whose results the golden digests pin: together they run every model,
// connectivity rule, distribution, input and learning rule of the CPU reference.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "axon/network.hpp"

namespace axon::test {

struct GoldenNetwork {
    std::string name;  ///< the golden file's first column (no spaces)
    std::function<Network()> build;
    double duration_ms = 0;
};

const std::vector<GoldenNetwork>& golden_networks();

/// Test parameters print as the network's name.
inline void PrintTo(const GoldenNetwork& n, std::ostream* os) { *os << n.name; }

}  // namespace axon::test
