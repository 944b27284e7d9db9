// Whether a CPU population's ring slots can only ever hold values that small_fixed_to_float
// converts (below 2^51 fixed-point units, 2^19 weight units, in magnitude): then its update
// reads the ring in one pass without AVX-512 too (cpu::UpdateShortcuts::small_input). A slot of
// a lane sums, between two reads, at most one arrival per synapse onto it (a neuron spikes at
// most once a step, and every delay lands in a different step) and one count of at most
// kPoissonTableSize - 1 kicks per Poisson input, on top of what it held when a checkpoint was
// restored or weights were set (arrivals the new weights do not bound). So the bound per lane
// is the sum over the projections onto it of in-degree x largest |weight|, over its inputs of
// kicks x |weight|, plus the largest value held then.
#pragma once
#include <cmath>
#include <cstdint>
#include <vector>

#include "../../../kernels/models/fixed_point.hpp"
#include "axon/network.hpp"

namespace axon::detail {

/// The most synapses one postsynaptic neuron can have in a projection under `rule` from n_pre
/// presynaptic neurons (a double: products of counts may pass 2^64).
double max_indegree(const ConnectRule& rule, uint32_t n_pre);

/// |x| in weight units.
inline double weight_units(Fixed x) { return std::fabs(static_cast<double>(x)) * static_cast<double>(kFixedInvScale); }

/// The largest |w| of weights[0, n), or infinity as soon as one exceeds `limit` or is NaN.
double max_abs_weight(const float* weights, uint64_t n, double limit);

/// Upper bounds, in weight units, on what one neuron's slot of each lane of a population's ring
/// can hold.
class InputBound {
public:
    explicit InputBound(uint32_t lanes) : units_(lanes, 0.0) {}
    /// `count` arrivals of at most `abs_weight` each per slot.
    void add(uint32_t lane, double count, double abs_weight);
    /// The weight units a lane may still take before a slot could leave the detour's range.
    double room(uint32_t lane) const;
    /// Every lane's bound below 2^19 weight units.
    bool small() const;

private:
    std::vector<double> units_;
};

}  // namespace axon::detail
