// Validation helpers: each failure throws ConfigError with one message that names the
// object ("population 'E'"), the field, the value and the allowed range.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>

#include "axon/errors.hpp"

namespace axon::detail {

/// Largest Poisson mean per step a Poisson input draws exactly: its cumulative table
/// (kPoissonTableSize entries) reaches 12 sigma above a mean of 50.
constexpr double kMaxPoissonLambda = 50.0;

/// The highest Poisson input rate (Hz) at time step dt_ms: kMaxPoissonLambda kicks per step.
inline double max_poisson_rate_Hz(double dt_ms) { return kMaxPoissonLambda * 1000.0 / dt_ms; }
/// Whether a Poisson input rate is allowed (NaN is not): for loops over many rates, which name
/// the first bad one (require_range) only when there is one.
inline bool poisson_rate_allowed(double rate_Hz, double dt_ms) {
    return rate_Hz >= 0.0 && rate_Hz <= max_poisson_rate_Hz(dt_ms);
}

std::string format_number(double value);
/// An interval as text: "(0, inf)", "[-65, 30]".
std::string format_range(double low, double high, bool low_open, bool high_open);

[[noreturn]] void fail(const std::string& owner, const std::string& field, const std::string& value,
                       const std::string& allowed);

/// value must be finite and inside the interval; open ends are excluded.
void require_range(const std::string& owner, const std::string& field, double value, double low, double high,
                   bool low_open = false, bool high_open = false);

inline void require_positive(const std::string& owner, const std::string& field, double value) {
    require_range(owner, field, value, 0.0, INFINITY, true, true);
}
inline void require_non_negative(const std::string& owner, const std::string& field, double value) {
    require_range(owner, field, value, 0.0, INFINITY, false, true);
}
inline void require_finite(const std::string& owner, const std::string& field, double value) {
    require_range(owner, field, value, -INFINITY, INFINITY, true, true);
}

/// Memory a network takes per neuron as soon as it is described (a spike source's replay
/// offsets, a projection's from arrays), whatever it holds: `bytes` beyond the host memory
/// available are a CapacityError "<owner>: <what> needs about X but only Y ... is available".
void require_host_memory(const std::string& owner, const std::string& what, uint64_t bytes);

}  // namespace axon::detail
