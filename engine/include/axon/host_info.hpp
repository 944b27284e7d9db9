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
/// The instruction set the CPU kernels' hot loops run in this process: "baseline" (x86-64),
/// "avx2" (x86-64-v3) or "avx512" (x86-64-v4); the CPU's best unless AXON_CPU_ISA says otherwise.
/// Results never depend on it. @throws ConfigError for an AXON_CPU_ISA this CPU cannot run.
std::string cpu_code_version();

}  // namespace axon
