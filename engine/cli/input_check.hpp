// A warning for a network that nothing drives, the usual reason for a run without spikes.
#pragma once
#include <optional>
#include <string>

#include "axon/network.hpp"

namespace axon::cli {

/// The warning when nothing can start activity in `net`: no Poisson input, no source population
/// (a model without inputs: poisson, spike_source), no constant input current or bias, no current
/// steps, and no initial state given; nullopt otherwise.
std::optional<std::string> no_input_warning(const Network& net);

}  // namespace axon::cli
