// Which instruction set the CPU kernels' hot loops run. They are compiled for the x86-64
// baseline and, with GCC on x86-64, for every ISA of AXON_CPU_ISA_LIST (multiversion.hpp
// stamps the versions from one body); one is chosen per process: the most preferred that the
// CPU runs, unless AXON_CPU_ISA or force_isa says otherwise. IEEE operations without
// contraction give the same values in every version, so the choice never changes a result
// (tests/golden/ checks it).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

// The ISAs beyond the baseline, from least to most preferred:
// X(name, GCC target attribute, __builtin_cpu_supports feature, ...). One line per ISA.
#define AXON_CPU_ISA_LIST(X, ...)                            \
    X(avx2, "arch=x86-64-v3", "x86-64-v3", __VA_ARGS__)      \
    X(avx512, "arch=x86-64-v4", "x86-64-v4", __VA_ARGS__)

// The versions beyond the baseline exist with GCC on x86-64, not under AddressSanitizer.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define AXON_CPU_MULTIVERSION 1
#define AXON_CPU_BUILT_ISA_LIST(X, ...) AXON_CPU_ISA_LIST(X, __VA_ARGS__)
#else
#define AXON_CPU_BUILT_ISA_LIST(X, ...)
#endif

namespace axon::cpu {

#define AXON_CPU_ISA_ENUMERATOR(isa, target, feature, ...) isa,
enum class Isa { baseline, AXON_CPU_ISA_LIST(AXON_CPU_ISA_ENUMERATOR, ) };
#undef AXON_CPU_ISA_ENUMERATOR

/// Every ISA Axon knows, baseline first, then in order of preference.
std::vector<Isa> known_isas();
/// "baseline", "avx2", "avx512".
std::string_view to_string(Isa isa);
std::optional<Isa> isa_from_string(std::string_view name);

/// Whether this build has loops for `isa` (the baseline: always).
bool isa_built(Isa isa);
/// Whether this build has loops for `isa` and this CPU runs them (the baseline: always).
bool isa_available(Isa isa);

/// The ISA the hot loops run now: force_isa's, else $AXON_CPU_ISA's (baseline|avx2|avx512|auto,
/// read once), else the most preferred available one. Cheap after the first call.
/// @throws std::invalid_argument when $AXON_CPU_ISA names no ISA or one not available.
Isa active_isa();

/// Run the hot loops with `isa` from now on, in the whole process (tests, benchmarks); not
/// while kernels run. @throws std::invalid_argument when `isa` is not available.
void force_isa(Isa isa);
/// Back to the choice of active_isa() without force_isa.
void unforce_isa();

}  // namespace axon::cpu
