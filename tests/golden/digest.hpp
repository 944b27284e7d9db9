// A 64-bit FNV-1a digest of values, fed as fixed-width little-endian bytes (floats as their
// bit patterns), so that equal values give the same digest on every platform and compiler.
#pragma once
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace axon::test {

class Digest {
public:
    template <class T>
    void add(T value) {
        static_assert(std::is_arithmetic_v<T>, "digests take numbers");
        if constexpr (std::is_floating_point_v<T>) {
            static_assert(sizeof(T) == 4 || sizeof(T) == 8);
            using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
            Bits bits;
            std::memcpy(&bits, &value, sizeof bits);
            add(bits);
        } else {
            const auto bits = static_cast<std::make_unsigned_t<T>>(value);
            for (std::size_t k = 0; k < sizeof(T); ++k) add_byte(static_cast<uint8_t>(bits >> (8 * k)));
        }
    }

    /// The length first, so that [a][bc] and [ab][c] differ.
    template <class T>
    void add(const std::vector<T>& values) {
        add(static_cast<uint64_t>(values.size()));
        for (const T& v : values) add(v);
    }

    uint64_t value() const { return hash_; }

private:
    void add_byte(uint8_t byte) {
        hash_ ^= byte;
        hash_ *= 0x100000001b3ull;  // FNV-1a 64 prime
    }
    uint64_t hash_ = 0xcbf29ce484222325ull;  // FNV-1a 64 offset basis
};

}  // namespace axon::test
