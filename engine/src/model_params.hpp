// User parameters (double, physical units) -> per-step kernel constants (float), computed
// once on the host in double: exact propagators, never transcendental math in a kernel.
#pragma once
#include <vector>

#include "../../kernels/models/lif.hpp"
#include "../../kernels/models/plasticity.hpp"
#include "axon/plasticity.hpp"
#include "../../kernels/models/poisson_input.hpp"
#include "axon/models.hpp"
#include "axon/network.hpp"

namespace axon::detail {

/// A LIF model's step constants from the typed parameters (through its field table).
LifStepParams lif_step_params(const LifParams& p, NeuronModel model, double dt_ms);
PoissonCountParams poisson_count_params(double rate_Hz, double dt_ms);
/// One neuron's rate of a Poisson input with rates per neuron (the same draws as the table).
PoissonNeuronRate poisson_neuron_rate(double rate_Hz, double dt_ms);
/// The same for every neuron of a target: what both backends keep.
std::vector<PoissonNeuronRate> poisson_neuron_rates(const std::vector<double>& rates_Hz, double dt_ms);
/// The step constants of a plastic projection's rule (the perceptron's update interval is its
/// postsynaptic population's).
PlasticityStepParams plasticity_step_params(const Network& net, const ProjectionSpec& projection);

}  // namespace axon::detail
