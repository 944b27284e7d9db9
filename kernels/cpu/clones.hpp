// Hot CPU loops are compiled twice, for the x86-64 baseline and for AVX-512 (x86-64-v4),
// and the loader picks the clone the CPU can run. IEEE operations without contraction give
// the same values in both, so the choice never changes a result.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define AXON_CPU_MULTIVERSION 1
#define AXON_CPU_CLONES __attribute__((target_clones("arch=x86-64-v4", "default")))
#else
#define AXON_CPU_CLONES
#endif
