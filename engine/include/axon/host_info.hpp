/// @file host_info.hpp
/// Facts about the machine a run is on, for run records (summary.json, benchmark JSON).
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <string>

namespace axon AXON_API {

/// "Intel(R) Xeon(R) ... (2 hardware threads)": the CPU model from /proc/cpuinfo and the
/// hardware threads; "unknown CPU" where /proc/cpuinfo says nothing.
std::string cpu_description();
/// Peak resident memory of this process (bytes).
uint64_t peak_host_memory();

}  // namespace axon
