// The CPU backend: the reference implementation of the step pipeline (docs/architecture.md), plain
// loops around the shared model math, OpenMP over neurons and postsynaptic ranges.
#pragma once
#include <memory>

#include "axon/backend.hpp"

namespace axon::detail {

std::unique_ptr<Backend> make_cpu_backend();

}  // namespace axon::detail
