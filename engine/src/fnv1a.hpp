// FNV-1a, 64 bits: the checksum of checkpoint files and the hash of a network's fingerprint.
// Not cryptographic; it catches truncation, flipped bits and different content.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace axon::detail {

class Fnv1a {
public:
    void add_bytes(const void* data, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) hash_ = (hash_ ^ p[i]) * 1099511628211ull;
    }
    template <class T>
    void add(T value) {
        static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>, "numbers and enums only");
        add_bytes(&value, sizeof value);
    }
    void add(const std::string& text) {
        add<uint64_t>(text.size());
        add_bytes(text.data(), text.size());
    }
    template <class T>
    void add(const std::vector<T>& values) {
        add<uint64_t>(values.size());
        add_bytes(values.data(), values.size() * sizeof(T));
    }
    uint64_t value() const { return hash_; }

private:
    uint64_t hash_ = 14695981039346656037ull;
};

inline uint64_t fnv1a(const void* data, std::size_t n) {
    Fnv1a h;
    h.add_bytes(data, n);
    return h.value();
}

}  // namespace axon::detail
