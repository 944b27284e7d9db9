// Unsigned integers kept in the fewest bytes (1, 2 or 4) that hold the largest value they may
// take: the CPU backend's post indices (below a population's size), delays (below the longest
// delay) and a plastic projection's transposed presynaptic ids (below the presynaptic size),
// whose ranges are usually far below 2^32. A loop visits the typed vector, so each width gets
// its own code and reads no more bytes than it needs.
#pragma once
#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

#include "uninitialised_vector.hpp"

namespace axon::cpu {

class NarrowArray {
public:
    /// The bytes per value that hold every value up to max_value: 1, 2 or 4.
    static int bytes_for(uint64_t max_value) { return max_value <= UINT8_MAX ? 1 : max_value <= UINT16_MAX ? 2 : 4; }

    NarrowArray() = default;
    /// values[0, n) in bytes_for(max_value) bytes each, copied by `threads` threads; throws
    /// std::logic_error where a value exceeds max_value (a caller's bug: nothing is cut).
    static NarrowArray of(const uint32_t* values, uint64_t n, uint64_t max_value, int threads);
    static NarrowArray of(const uint16_t* values, uint64_t n, uint64_t max_value, int threads);
    /// The same from a vector of uint32_t or uint16_t.
    template <class Vector>
    static NarrowArray of(const Vector& values, uint64_t max_value, int threads) {
        return of(values.data(), values.size(), max_value, threads);
    }
    /// The same, taking the vector itself where its width is already the fewest bytes (no copy),
    /// and releasing it after the copy otherwise.
    static NarrowArray of(UninitialisedVector<uint32_t>&& values, uint64_t max_value, int threads);
    static NarrowArray of(UninitialisedVector<uint16_t>&& values, uint64_t max_value, int threads);
    static NarrowArray of(UninitialisedVector<uint8_t>&& values, uint64_t max_value, int threads);

    uint64_t size() const {
        return std::visit([](const auto& v) { return static_cast<uint64_t>(v.size()); }, values_);
    }
    bool empty() const { return size() == 0; }
    int bytes_per_value() const {
        return std::visit([](const auto& v) { return static_cast<int>(sizeof(v[0])); }, values_);
    }
    /// f(v) with the typed values: a UninitialisedVector of uint8_t, uint16_t or uint32_t.
    template <class F>
    decltype(auto) visit(F&& f) const {
        return std::visit(std::forward<F>(f), values_);
    }
    /// The values as T (wide enough for them: the caller's promise).
    template <class T>
    std::vector<T> widened() const {
        return visit([](const auto& v) { return std::vector<T>(v.begin(), v.end()); });
    }

private:
    using Values = std::variant<UninitialisedVector<uint32_t>, UninitialisedVector<uint16_t>, UninitialisedVector<uint8_t>>;
    template <class Wide>
    static NarrowArray narrowed(const Wide* values, uint64_t n, uint64_t max_value, int threads);
    template <class Wide>
    static NarrowArray taken_or_narrowed(UninitialisedVector<Wide>&& values, uint64_t max_value, int threads);

    Values values_;
};

}  // namespace axon::cpu
