// Command-line values read strictly: integers in plain decimal within their range (no sign
// where none is allowed, no hex, no wrap-around), numbers finite and within theirs. A bad value
// is a usage error (exit 2) that names the option, the value and what is allowed.
#pragma once
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

namespace axon::cli {

inline CLI::Validator decimal_integer(uint64_t low, uint64_t high) {
    const std::string allowed = "a decimal integer in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [at, error] = std::from_chars(text.data(), end, value, 10);
            if (text.empty() || at != end || error != std::errc()) return "'" + text + "' is not " + allowed;
            if (value < low || value > high) return "'" + text + "' is not " + allowed;
            return {};
        },
        allowed);
}

/// A finite number in [low, high], or in (low, high] with low_open.
inline CLI::Validator finite_number(double low, double high, bool low_open = false) {
    const std::string allowed = "a finite number in " + std::string(low_open ? "(" : "[") + CLI::detail::to_string(low) +
                                ", " + CLI::detail::to_string(high) + "]";
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            char* end = nullptr;
            errno = 0;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value) || value < low ||
                (low_open && value == low) || value > high)
                return "'" + text + "' is not " + allowed;
            return {};
        },
        allowed);
}

}  // namespace axon::cli
