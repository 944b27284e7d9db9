#include "narrow_array.hpp"

#include <stdexcept>
#include <string>

namespace axon::cpu {
namespace {

bool parallel(int threads, uint64_t n) { return threads > 1 && n > (1u << 20); }

// values[0, n) as Narrow, out left uninitialised until the threads write it; false where one
// exceeds max_value.
template <class Narrow, class Wide>
bool copy_narrowed(const Wide* values, uint64_t n, uint64_t max_value, int threads, UninitialisedVector<Narrow>& out) {
    out.resize(n);
    const auto count = static_cast<int64_t>(n);
    unsigned above = 0;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(| : above) if (parallel(threads, n))
    for (int64_t i = 0; i < count; ++i) {
        above |= values[i] > max_value ? 1u : 0u;
        out[i] = static_cast<Narrow>(values[i]);
    }
    return above == 0;
}

template <class T>
bool all_at_most(const UninitialisedVector<T>& values, uint64_t max_value, int threads) {
    const auto count = static_cast<int64_t>(values.size());
    unsigned above = 0;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(| : above) if (parallel(threads, values.size()))
    for (int64_t i = 0; i < count; ++i) above |= values[i] > max_value ? 1u : 0u;
    return above == 0;
}

void refuse(uint64_t max_value) {
    throw std::logic_error("NarrowArray: a value exceeds the promised maximum " + std::to_string(max_value));
}

}  // namespace

template <class Wide>
NarrowArray NarrowArray::narrowed(const Wide* values, uint64_t n, uint64_t max_value, int threads) {
    NarrowArray a;
    bool fits = false;
    switch (bytes_for(max_value)) {
    case 1: fits = copy_narrowed(values, n, max_value, threads, a.values_.emplace<UninitialisedVector<uint8_t>>()); break;
    case 2: fits = copy_narrowed(values, n, max_value, threads, a.values_.emplace<UninitialisedVector<uint16_t>>()); break;
    default: fits = copy_narrowed(values, n, max_value, threads, a.values_.emplace<UninitialisedVector<uint32_t>>()); break;
    }
    if (!fits) refuse(max_value);
    return a;
}

template <class Wide>
NarrowArray NarrowArray::taken_or_narrowed(UninitialisedVector<Wide>&& values, uint64_t max_value, int threads) {
    UninitialisedVector<Wide> source = std::move(values);  // released on return when copied
    if (static_cast<std::size_t>(bytes_for(max_value)) < sizeof(Wide))
        return narrowed(source.data(), source.size(), max_value, threads);
    if (!all_at_most(source, max_value, threads)) refuse(max_value);
    NarrowArray a;
    a.values_.emplace<UninitialisedVector<Wide>>(std::move(source));
    return a;
}

NarrowArray NarrowArray::of(const uint32_t* values, uint64_t n, uint64_t max_value, int threads) {
    return narrowed(values, n, max_value, threads);
}

NarrowArray NarrowArray::of(const uint16_t* values, uint64_t n, uint64_t max_value, int threads) {
    return narrowed(values, n, max_value, threads);
}

NarrowArray NarrowArray::of(UninitialisedVector<uint32_t>&& values, uint64_t max_value, int threads) {
    return taken_or_narrowed(std::move(values), max_value, threads);
}

NarrowArray NarrowArray::of(UninitialisedVector<uint16_t>&& values, uint64_t max_value, int threads) {
    return taken_or_narrowed(std::move(values), max_value, threads);
}

NarrowArray NarrowArray::of(UninitialisedVector<uint8_t>&& values, uint64_t max_value, int threads) {
    return taken_or_narrowed(std::move(values), max_value, threads);
}

}  // namespace axon::cpu
