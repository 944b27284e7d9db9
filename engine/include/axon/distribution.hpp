/// @file distribution.hpp
/// A value that is either constant or drawn per element (neuron or synapse).
#pragma once
#include "axon/export.hpp"
#include <limits>
#include <string>

namespace axon AXON_API {

/// Constant, uniform or normal values. Normal values outside [min, max] are redrawn (up
/// to 1000 times, then clipped), which keeps the sign of weights and delays at least one
/// step without piling up values at the bound.
struct Distribution {
    enum class Kind { constant, uniform, normal };
    Kind kind = Kind::constant;
    double value = 0;   ///< constant value
    double low = 0;     ///< uniform: lower bound (inclusive)
    double high = 0;    ///< uniform: upper bound (exclusive)
    double mean = 0;    ///< normal: mean
    double sd = 0;      ///< normal: standard deviation (>= 0)
    double min = -std::numeric_limits<double>::infinity();  ///< normal: redraw below
    double max = std::numeric_limits<double>::infinity();   ///< normal: redraw above

    static Distribution constant(double v) {
        Distribution d;
        d.kind = Kind::constant;
        d.value = v;
        return d;
    }
    static Distribution uniform(double lo, double hi) {
        Distribution d;
        d.kind = Kind::uniform;
        d.low = lo;
        d.high = hi;
        return d;
    }
    static Distribution normal(double mean, double sd, double min = -std::numeric_limits<double>::infinity(),
                               double max = std::numeric_limits<double>::infinity()) {
        Distribution d;
        d.kind = Kind::normal;
        d.mean = mean;
        d.sd = sd;
        d.min = min;
        d.max = max;
        return d;
    }

    bool is_constant() const { return kind == Kind::constant; }
    /// Expected value (for normal: the mean before redrawing).
    double expected() const;
    /// Smallest and largest value that can occur.
    double lowest() const;
    double highest() const;
    /// Largest value to plan for: highest(), but for normal distributions at most mean + 7 sd
    /// (exceeded with probability 1e-12 per draw).
    double planning_highest() const;
    /// Human-readable form, e.g. "normal(mean 1.5, sd 0.75, within [0.1, inf])".
    std::string describe() const;
};

}  // namespace axon
