// The CUDA backend: the whole step pipeline on the device (kernels/cuda/), bit-identical to
// the CPU reference. The host schedules launches on one stream and synchronises only to
// drain recordings (every 2^24 / recorded neurons steps, at most 10,000), to read or write
// state, weights and counters, for weight snapshots, and at the end of a run.
#pragma once
#include <memory>

#include "axon/backend.hpp"

namespace axon::detail {

std::unique_ptr<Backend> make_cuda_backend();

}  // namespace axon::detail
