// Every neuron model's header: the types AXON_NEURON_MODELS (engine/include/axon/models.hpp)
// names, `name##_model` for each X(name). One #include per model.
#pragma once
#include "lif.hpp"
#include "adex.hpp"
#include "izhikevich.hpp"
#include "poisson.hpp"
