// Owning device memory (RAII, move-only) for the CUDA backend. Kernels never see it: they
// take the raw pointers of the views in kernels/views.hpp.
#pragma once
#include <cuda_runtime.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "cuda_check.hpp"

namespace axon::cuda {

/// Bytes held by DeviceBuffers now, and the most they held since the last reset_peak().
struct DeviceMemoryCount {
    std::atomic<uint64_t> current{0}, peak{0};

    void add(uint64_t bytes) {
        const uint64_t now = current.fetch_add(bytes) + bytes;
        uint64_t seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
    }
    void remove(uint64_t bytes) { current.fetch_sub(bytes); }
    /// Start a new peak from what is held now (a backend's load).
    void reset_peak() { peak.store(current.load()); }
};
inline DeviceMemoryCount device_memory_count;

template <class T>
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    explicit DeviceBuffer(std::size_t n) { resize(n); }
    ~DeviceBuffer() { release(); }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    DeviceBuffer(DeviceBuffer&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
    DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
        if (this != &o) {
            release();
            data_ = std::exchange(o.data_, nullptr);
            size_ = std::exchange(o.size_, 0);
        }
        return *this;
    }

    /// Allocate n elements (contents undefined); frees what was there.
    void resize(std::size_t n) {
        release();
        if (n == 0) return;
        AXON_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&data_), n * sizeof(T)));
        size_ = n;
        device_memory_count.add(n * sizeof(T));
    }
    void zero(cudaStream_t stream) {
        if (size_) AXON_CUDA_CHECK(cudaMemsetAsync(data_, 0, size_ * sizeof(T), stream));
    }
    template <class Allocator>
    void upload(const std::vector<T, Allocator>& host) {
        if (host.size() != size_) resize(host.size());  // same size: reuse, no free (which would stall the device)
        if (size_) AXON_CUDA_CHECK(cudaMemcpy(data_, host.data(), size_ * sizeof(T), cudaMemcpyHostToDevice));
    }
    std::vector<T> download(std::size_t n) const {
        std::vector<T> host(n);
        if (n) AXON_CUDA_CHECK(cudaMemcpy(host.data(), data_, n * sizeof(T), cudaMemcpyDeviceToHost));
        return host;
    }
    std::vector<T> download() const { return download(size_); }

    T* data() { return data_; }
    const T* data() const { return data_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

private:
    void release() noexcept {
        if (data_) {
            cudaFree(data_);  // in a destructor: an error here has nowhere to go
            device_memory_count.remove(size_ * sizeof(T));
        }
        data_ = nullptr;
        size_ = 0;
    }
    T* data_ = nullptr;
    std::size_t size_ = 0;
};

/// A new device copy of `host`.
template <class T, class Allocator>
DeviceBuffer<T> to_device(const std::vector<T, Allocator>& host) {
    DeviceBuffer<T> d;
    d.upload(host);
    return d;
}

}  // namespace axon::cuda
