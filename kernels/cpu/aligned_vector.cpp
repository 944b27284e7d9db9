#include "aligned_vector.hpp"

#ifdef __linux__
#include <sys/mman.h>
#endif

#include <cstdint>

namespace axon::cpu {

void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // madvise takes page-aligned ranges: the whole 4 KB pages inside the block.
    const auto first = (reinterpret_cast<uintptr_t>(p) + 4095) & ~uintptr_t{4095};
    const auto last = (reinterpret_cast<uintptr_t>(p) + bytes) & ~uintptr_t{4095};
    if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advice only
#else
    (void)p;
    (void)bytes;
#endif
}

}  // namespace axon::cpu
