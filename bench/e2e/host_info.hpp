// Facts about the machine a benchmark ran on, for its JSON record.
#pragma once
#include <cstdint>
#include <string>

namespace axon::bench {

/// "AMD EPYC 7B13 (2 hardware threads)"-style description of this host's CPU.
std::string cpu_description();
/// Peak resident memory of this process (bytes).
uint64_t peak_host_memory();

}  // namespace axon::bench
