#include "check.hpp"

#include <sstream>

#include "axon/memory.hpp"

namespace axon::detail {

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    std::ostringstream s;
    s.precision(10);
    s << value;
    return s.str();
}

std::string format_range(double low, double high, bool low_open, bool high_open) {
    return std::string(low_open ? "(" : "[") + format_number(low) + ", " + format_number(high) + (high_open ? ")" : "]");
}

void fail(const std::string& owner, const std::string& field, const std::string& value, const std::string& allowed) {
    throw ConfigError(owner + ": " + field + " = " + value + " is invalid; allowed: " + allowed);
}

void require_range(const std::string& owner, const std::string& field, double value, double low, double high,
                   bool low_open, bool high_open) {
    const bool inside = std::isfinite(value) && (low_open ? value > low : value >= low) &&
                        (high_open ? value < high : value <= high);
    if (inside) return;
    const std::string range = format_range(low, high, low_open, high_open);
    const bool unbounded = std::isinf(low) && std::isinf(high);  // "a finite number in (-inf, inf)" says it twice
    fail(owner, field, format_number(value),
         std::isfinite(value) ? range : unbounded ? std::string("a finite number") : "a finite number in " + range);
}

void require_host_memory(const std::string& owner, const std::string& what, uint64_t bytes) {
    const uint64_t available = available_host_memory();
    if (bytes > available)
        throw CapacityError(owner + ": " + what + " needs about " + format_bytes(bytes) + " but only " +
                            format_bytes(available) + " of host memory is available");
}

}  // namespace axon::detail
