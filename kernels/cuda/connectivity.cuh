// Network construction on the device, the twin of kernels/cpu/connectivity.cpp: the
// connectivity rules and per-synapse draws from the same counter-based draws (kernels/models/
// connectivity.hpp, draw.hpp), so that the device builds exactly the synapses, in exactly the
// order, that the CPU reference builds, without building them in host memory first.
// Rows are drawn by one thread each (two passes: count, then fill at the scanned offsets);
// columns and pairs are sorted into rows with CUB's stable radix sorts.
#pragma once
#include <cuda_runtime.h>

#include <cstdint>

#include "../models/connectivity.hpp"
#include "../models/draw.hpp"
#include "device_buffer.hpp"

namespace axon::cuda {

struct DeviceCsr {
    DeviceBuffer<uint64_t> row_start;
    DeviceBuffer<uint32_t> post;
    uint64_t size = 0;
};

/// Build the CSR structure (rows sorted by post). Synchronises the stream at the end.
DeviceCsr build_structure_on_device(const ConnectivityParams& p, cudaStream_t stream);

/// out[s] = draw_value(d, seed, stream, s) for every synapse s.
void draw_weights_on_device(const DrawParams& d, uint64_t seed, uint32_t stream_word, float* out, uint64_t n,
                            cudaStream_t stream);
/// The largest of n delays (synchronises the stream).
uint16_t max_delay_on_device(const uint16_t* delays, uint64_t n, cudaStream_t stream);
/// The longest row of a device CSR (synchronises the stream).
uint64_t max_row_length_on_device(const uint64_t* row_start, uint32_t n_rows, cudaStream_t stream);

/// out[0..n) = value (a plastic projection's constant initial weight, made per synapse).
void fill_on_device(float* out, uint64_t n, float value, cudaStream_t stream);

/// Columns of a device CSR (< 2^32 synapses): synapse ids grouped by post, by pre within a
/// column (a stable radix sort of the synapse ids by post), as detail::transpose builds them.
struct DeviceTranspose {
    DeviceBuffer<uint64_t> column_start;
    DeviceBuffer<uint32_t> synapse;
    DeviceBuffer<uint32_t> pre;
};
/// Synchronises the stream at the end.
DeviceTranspose transpose_on_device(const uint64_t* row_start, const uint32_t* post, uint32_t n_pre, uint32_t n_post,
                                    uint64_t n_synapses, cudaStream_t stream);

/// out[s] = delay_steps_from_ms(draw_value(...), dt) for every synapse s.
void draw_delays_on_device(const DrawParams& d, uint64_t seed, uint32_t stream_word, float dt_ms, uint16_t* out,
                           uint64_t n, cudaStream_t stream);

}  // namespace axon::cuda
