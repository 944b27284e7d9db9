// The CUDA backend: the whole step pipeline on the device (kernels/cuda/), bit-identical to
// the CPU reference. The host schedules launches on one stream and synchronises only to
// drain recordings (every few thousand steps), to read or write state, and at the end.
#pragma once
#include <memory>

#include "axon/backend.hpp"

namespace axon::detail {

std::unique_ptr<Backend> make_cuda_backend();

}  // namespace axon::detail
