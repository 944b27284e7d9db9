// std::vector whose resize() leaves new elements uninitialised (default-initialised), for arrays
// whose users write every element before reading it: the threads that fill such an array also
// fault its pages in, where a plain std::vector would have one thread zero them all first.
#pragma once
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace axon::cpu {

template <class T>
struct UninitialisedAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UninitialisedAllocator<U>;
    };
    UninitialisedAllocator() = default;
    template <class U>
    UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

template <class T>
using UninitialisedVector = std::vector<T, UninitialisedAllocator<T>>;

}  // namespace axon::cpu
