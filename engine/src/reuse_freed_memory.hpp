// Network construction allocates and frees large temporary arrays projection after projection
// (drawn pairs, sort outputs, wide copies before narrowing). glibc maps each such block afresh
// and unmaps it when freed, so every projection faults its pages in again, one 4 KiB page at a
// time (a fifth of the full-scale microcircuit's construction time). While a ReuseFreedMemory
// lives, large blocks come from the heap and freed memory stays there for the next
// allocation; when the last one ends, glibc's static defaults are set again (its dynamic mmap
// threshold stays off, as after any mallopt call; settings a program made itself, or gave by
// MALLOC_*_ or GLIBC_TUNABLES, are not restored) and the free memory goes back to the system
// (malloc_trim), so the memory a run holds afterwards is what it uses. Peak memory
// stays as it was as long as the builders' freed blocks fit what they allocate next: arrays are
// sized once, not grown, and temporaries that could leave a hole the next array does not fit
// are mapped apart (kernels/cpu/mapped_vector.hpp). Elsewhere than glibc: nothing.
#pragma once

namespace axon::detail {

class ReuseFreedMemory {
public:
    ReuseFreedMemory();
    ~ReuseFreedMemory();
    ReuseFreedMemory(const ReuseFreedMemory&) = delete;
    ReuseFreedMemory& operator=(const ReuseFreedMemory&) = delete;
};

}  // namespace axon::detail
