#include "cpu_input_bound.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace axon::detail {
namespace {

// 2^19 weight units (2^51 fixed-point units), less a margin far above the rounding of a sum of
// doubles: a bound at the limit counts as beyond it.
constexpr double kLimitUnits = 0x1p19 * (1.0 - 1e-9);
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

double max_indegree(const ConnectRule& rule, uint32_t n_pre) {
    const double pre = n_pre, n = static_cast<double>(rule.n);
    switch (rule.kind) {
        case ConnectRule::Kind::one_to_one:
            return 1.0;
        case ConnectRule::Kind::all_to_all:
        case ConnectRule::Kind::fixed_probability:
            return pre;
        case ConnectRule::Kind::fixed_indegree:
            return n;
        case ConnectRule::Kind::fixed_outdegree:  // each presynaptic neuron's k may all land on one
            return rule.multapses ? pre * n : pre;
        case ConnectRule::Kind::fixed_total_number:
            return rule.multapses ? n : std::min(n, pre);
        case ConnectRule::Kind::from_arrays: {
            if (!rule.synapses) return 0.0;
            std::vector<uint64_t> count;
            for (const uint32_t post : rule.synapses->post) {
                if (post >= count.size()) count.resize(post + uint64_t{1}, 0);
                ++count[post];
            }
            return count.empty() ? 0.0 : static_cast<double>(*std::max_element(count.begin(), count.end()));
        }
    }
    return kInf;
}

double max_abs_weight(const float* weights, uint64_t n, double limit) {
    double most = 0.0;
    for (uint64_t s = 0; s < n; ++s) {
        const double w = std::fabs(static_cast<double>(weights[s]));
        if (!(w <= limit)) return kInf;
        most = std::max(most, w);
    }
    return most;
}

void InputBound::add(uint32_t lane, double count, double abs_weight) {
    if (count > 0) units_.at(lane) += count * abs_weight;
}

double InputBound::room(uint32_t lane) const { return kLimitUnits - units_.at(lane); }

bool InputBound::small() const {
    return std::all_of(units_.begin(), units_.end(), [](double units) { return units < kLimitUnits; });
}

}  // namespace axon::detail
