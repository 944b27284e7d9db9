#include "axon/distribution.hpp"

#include <algorithm>

#include "check.hpp"

namespace axon {

double Distribution::expected() const {
    switch (kind) {
    case Kind::constant: return value;
    case Kind::uniform: return 0.5 * (low + high);
    case Kind::normal: return mean;
    }
    return value;
}

double Distribution::lowest() const {
    switch (kind) {
    case Kind::constant: return value;
    case Kind::uniform: return low;
    case Kind::normal: return min;
    }
    return value;
}

double Distribution::highest() const {
    switch (kind) {
    case Kind::constant: return value;
    case Kind::uniform: return high;
    case Kind::normal: return max;
    }
    return value;
}

double Distribution::planning_highest() const {
    if (kind == Kind::normal) return std::min(max, mean + 7.0 * sd);
    return highest();
}

std::string Distribution::describe() const {
    using detail::format_number;
    switch (kind) {
    case Kind::constant: return format_number(value);
    case Kind::uniform: return "uniform[" + format_number(low) + ", " + format_number(high) + ")";
    case Kind::normal:
        return "normal(mean " + format_number(mean) + ", sd " + format_number(sd) + ", within [" + format_number(min) +
               ", " + format_number(max) + "])";
    }
    return {};
}

}  // namespace axon
