// Every neuron model's header: the types AXON_NEURON_MODELS (engine/include/axon/models.hpp)
// names, `name##_model` for each X(name). One #include per model.
#pragma once
#include "adex.hpp"
#include "binary.hpp"
#include "izhikevich.hpp"
#include "lif.hpp"
#include "lif_cond_exp.hpp"
#include "poisson.hpp"
#include "rate.hpp"
#include "spike_source.hpp"
