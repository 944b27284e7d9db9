#include "reuse_freed_memory.hpp"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace axon::detail {
namespace {

// Scopes may overlap (simulators built on several threads): the first sets, the last restores.
std::mutex scopes_mutex;
int open_scopes = 0;

#if defined(__GLIBC__)
// glibc's static defaults (mallopt(3)). Setting any of them ends glibc's dynamic mmap threshold
// (which raises the threshold as mapped blocks are freed) for the process, so all three are set
// back: the state a program starts in with the dynamic threshold off.
constexpr int kDefaultMmapMax = 65536;
constexpr int kDefaultMmapThreshold = 128 * 1024;
constexpr int kDefaultTrimThreshold = 128 * 1024;
constexpr int kNeverTrim = 0x7fffffff;  // the largest value mallopt takes: 2 GiB free at the top
#endif

}  // namespace

ReuseFreedMemory::ReuseFreedMemory() {
    const std::lock_guard<std::mutex> lock(scopes_mutex);
    if (open_scopes++ > 0) return;
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);  // large blocks from the heap, where freed ones can be reused
    mallopt(M_TRIM_THRESHOLD, kNeverTrim);
#endif
}

ReuseFreedMemory::~ReuseFreedMemory() {
    const std::lock_guard<std::mutex> lock(scopes_mutex);
    if (--open_scopes > 0) return;
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, kDefaultMmapMax);
    mallopt(M_MMAP_THRESHOLD, kDefaultMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kDefaultTrimThreshold);
    malloc_trim(0);  // free pages anywhere in the heap back to the system
#endif
}

}  // namespace axon::detail
