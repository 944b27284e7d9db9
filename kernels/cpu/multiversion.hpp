// Hot loops written once and compiled once per ISA of isa.hpp, with an explicit choice of
// version (where GCC's target_clones leaves the choice to the loader and no test can call
// the baseline on an AVX-512 machine).
//
//   AXON_CPU_MULTIVERSIONED(name, ret, (params), { body })
//
// defines `ret name_baseline(params)`, `ret name_<isa>(params)` with the ISA's target
// attribute for every ISA this build has, and `name_for(Isa)`, the version for an ISA (the
// baseline for one this build lacks). Callers pick the version once, outside their loops:
// `name_for(active_isa())(args...)`. Every version is out of line, as target_clones' were:
// inlined into a caller, the loops could lose their restrict guarantees.
#pragma once
#include "isa.hpp"

#define AXON_CPU_VERSION(isa, target_spec, feature, name, ret, params, ...) \
    __attribute__((target(target_spec), noinline)) ret name##_##isa params __VA_ARGS__

#define AXON_CPU_VERSION_CASE(isa, target_spec, feature, name) \
    case ::axon::cpu::Isa::isa:                                \
        return name##_##isa;

/// The versions beyond the baseline and the choice among them (for a function whose
/// baseline is written by hand).
#define AXON_CPU_EXTRA_VERSIONS(name, ret, params, ...)                         \
    AXON_CPU_BUILT_ISA_LIST(AXON_CPU_VERSION, name, ret, params, __VA_ARGS__) \
    inline auto name##_for(::axon::cpu::Isa isa) {                              \
        switch (isa) {                                                          \
            AXON_CPU_BUILT_ISA_LIST(AXON_CPU_VERSION_CASE, name)                \
            default:                                                            \
                return name##_baseline;                                         \
        }                                                                       \
    }

#define AXON_CPU_MULTIVERSIONED(name, ret, params, ...)                  \
    __attribute__((noinline)) ret name##_baseline params __VA_ARGS__     \
    AXON_CPU_EXTRA_VERSIONS(name, ret, params, __VA_ARGS__)
