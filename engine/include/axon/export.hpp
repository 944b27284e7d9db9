/// @file export.hpp
/// The library is compiled with hidden symbols by default (-fvisibility=hidden), so that a
/// shared build (BUILD_SHARED_LIBS=ON) exports its public API and nothing else. Every public
/// header opens `namespace axon AXON_API { ... }`, which makes what it declares visible;
/// internals (axon::detail, kernels) stay hidden.
#pragma once
#if defined(__GNUC__) || defined(__clang__)
#define AXON_API __attribute__((visibility("default")))
#else
#define AXON_API
#endif
