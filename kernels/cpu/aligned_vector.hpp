// Vectors whose data starts on a cache line. The neuron update streams several per-neuron
// arrays at once with full-width vector loads; the heap aligns a block to 16 bytes only, so where
// each array happened to start inside its line (which depends on everything allocated before
// it) decided whether its loads split over two lines: CUBA 40,000's update ran 1.1-1.25x slower
// or faster from one build or allocation order to the next.
#pragma once
#include <cstddef>
#include <new>
#include <vector>

namespace axon::cpu {

inline constexpr std::size_t kCacheLine = 64;

template <class T>
struct CacheLineAllocator {
    using value_type = T;
    CacheLineAllocator() = default;
    template <class U>
    CacheLineAllocator(const CacheLineAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{kCacheLine})); }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{kCacheLine}); }
    template <class U>
    bool operator==(const CacheLineAllocator<U>&) const noexcept {
        return true;
    }
    template <class U>
    bool operator!=(const CacheLineAllocator<U>&) const noexcept {
        return false;
    }
};

template <class T>
using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

/// Asks the kernel to back the 2 MB pages inside [p, p + bytes) with transparent huge pages
/// (Linux madvise; a no-op elsewhere). Before the memory is first touched.
void advise_huge_pages(void* p, std::size_t bytes) noexcept;

template <class T, class A>
AlignedVector<T> to_aligned(const std::vector<T, A>& v) {
    return AlignedVector<T>(v.begin(), v.end());
}

template <class T, class A>
std::vector<T> to_plain(const std::vector<T, A>& v) {
    return std::vector<T>(v.begin(), v.end());
}

}  // namespace axon::cpu
