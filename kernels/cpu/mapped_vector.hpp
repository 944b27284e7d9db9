// std::vector whose storage is mapped for it alone and unmapped when it is freed, whatever
// malloc does meanwhile: for construction temporaries that must give their memory back at once
// while ReuseFreedMemory (engine/src/reuse_freed_memory.hpp) keeps freed heap blocks for reuse.
// A heap block freed early or outgrown would stay resident as a hole the next, larger array
// cannot use (build_rows' per-thread rows: Brunel A's peak 5.2 -> 6.8 bytes per synapse).
#pragma once
#include <cstddef>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace axon::cpu {

template <class T>
struct MappedAllocator {
    using value_type = T;
    MappedAllocator() = default;
    template <class U>
    MappedAllocator(const MappedAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
#if defined(__linux__)
        void* p = mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        return static_cast<T*>(p);
#else
        return std::allocator<T>().allocate(n);
#endif
    }
    void deallocate(T* p, std::size_t n) noexcept {
#if defined(__linux__)
        munmap(p, n * sizeof(T));
#else
        std::allocator<T>().deallocate(p, n);
#endif
    }
    template <class U>
    bool operator==(const MappedAllocator<U>&) const noexcept { return true; }
    template <class U>
    bool operator!=(const MappedAllocator<U>&) const noexcept { return false; }
};

template <class T>
using MappedVector = std::vector<T, MappedAllocator<T>>;

}  // namespace axon::cpu
