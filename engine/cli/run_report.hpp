// The end-of-run summary: a table per population and the run's figures.
#pragma once
#include <cstdio>

#include "axon/simulator.hpp"

namespace axon::cli {

/// Peak resident memory of this process (bytes).
uint64_t peak_host_memory();

void print_summary(const Simulator& sim, std::FILE* out);

}  // namespace axon::cli
