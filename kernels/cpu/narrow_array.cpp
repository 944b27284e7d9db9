#include "narrow_array.hpp"

#include <stdexcept>
#include <string>

namespace axon::cpu {
namespace {

// values[i] as Narrow, out left uninitialised until the threads write it; false where one
// exceeds max_value.
template <class Narrow, class Wide>
bool copy_narrowed(const std::vector<Wide>& values, uint64_t max_value, int threads, UninitialisedVector<Narrow>& out) {
    out.resize(values.size());
    const auto n = static_cast<int64_t>(values.size());
    unsigned above = 0;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(| : above) if (threads > 1 && n > (1 << 20))
    for (int64_t i = 0; i < n; ++i) {
        above |= values[i] > max_value ? 1u : 0u;
        out[i] = static_cast<Narrow>(values[i]);
    }
    return above == 0;
}

}  // namespace

template <class Wide>
NarrowArray NarrowArray::narrowed(const std::vector<Wide>& values, uint64_t max_value, int threads) {
    NarrowArray a;
    bool fits = false;
    switch (bytes_for(max_value)) {
    case 1: fits = copy_narrowed(values, max_value, threads, a.values_.emplace<UninitialisedVector<uint8_t>>()); break;
    case 2: fits = copy_narrowed(values, max_value, threads, a.values_.emplace<UninitialisedVector<uint16_t>>()); break;
    default: fits = copy_narrowed(values, max_value, threads, a.values_.emplace<UninitialisedVector<uint32_t>>()); break;
    }
    if (!fits) throw std::logic_error("NarrowArray: a value exceeds the promised maximum " + std::to_string(max_value));
    return a;
}

NarrowArray NarrowArray::of(const std::vector<uint32_t>& values, uint64_t max_value, int threads) {
    return narrowed(values, max_value, threads);
}

NarrowArray NarrowArray::of(const std::vector<uint16_t>& values, uint64_t max_value, int threads) {
    return narrowed(values, max_value, threads);
}

}  // namespace axon::cpu
