// Pinned host memory for the drains: device-to-host copies are queued asynchronously into one
// staging area and waited for once, where a copy into pageable memory would wait for the
// device each time. One batch at a time: a batch's results are read before the next begins.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>

#include "axon/errors.hpp"
#include "cuda_check.hpp"

namespace axon::cuda {

class PinnedStaging {
public:
    PinnedStaging() = default;
    PinnedStaging(const PinnedStaging&) = delete;
    PinnedStaging& operator=(const PinnedStaging&) = delete;
    ~PinnedStaging() {
        if (data_) cudaFreeHost(data_);  // in a destructor: an error here has nowhere to go
    }

    /// Bytes `n` values of T take in a batch (each copy starts 8-byte aligned).
    template <class T>
    static std::size_t bytes_for(std::size_t n) {
        return (n * sizeof(T) + 7) / 8 * 8;
    }

    /// Start a batch of at most `bytes` (the sum of bytes_for over its copies).
    void begin(std::size_t bytes) {
        if (bytes > capacity_) {
            if (data_) AXON_CUDA_CHECK(cudaFreeHost(data_));
            data_ = nullptr;
            capacity_ = 0;
            AXON_CUDA_CHECK(cudaMallocHost(reinterpret_cast<void**>(&data_), bytes));
            capacity_ = bytes;
        }
        used_ = 0;
    }

    /// Queue a copy of n values from the device; the result is valid after the stream is synchronised.
    template <class T>
    const T* copy(const T* device, std::size_t n, cudaStream_t stream) {
        const std::size_t bytes = bytes_for<T>(n);
        if (used_ + bytes > capacity_) throw BackendError("cuda: a drain's staging batch is larger than planned (internal error)");
        T* host = reinterpret_cast<T*>(data_ + used_);
        used_ += bytes;
        if (n) AXON_CUDA_CHECK(cudaMemcpyAsync(host, device, n * sizeof(T), cudaMemcpyDeviceToHost, stream));
        return host;
    }

private:
    unsigned char* data_ = nullptr;
    std::size_t capacity_ = 0, used_ = 0;
};

}  // namespace axon::cuda
