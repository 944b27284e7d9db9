// Phase 3 of a step on the CPU (sources): every neuron of a target population draws its
// Poisson count of input kicks for the step and adds count x weight to its ring lane.
// One Philox call serves four neurons; parallelised over contiguous neuron ranges.
#pragma once
#include <cstdint>

#include "../models/fixed_point.hpp"
#include "../models/poisson_input.hpp"

namespace axon::cpu {

/// Returns the number of kicks delivered. lane[i] is neuron first + i of the population (a
/// multiple of 4: a rank's block), whose index keys its draws.
uint64_t poisson_input(const PoissonCountParams& params, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                       uint32_t first, Fixed* lane, uint32_t size, int threads);
/// The same with a rate per neuron (rates[i] for neuron i): the same uniforms, counted by
/// the per-neuron recurrence.
uint64_t poisson_input(const PoissonNeuronRate* rates, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                       uint32_t first, Fixed* lane, uint32_t size, int threads);

}  // namespace axon::cpu
