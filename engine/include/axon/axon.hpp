/// @file axon.hpp
/// Everything a program needs to build and run a network.
#pragma once
#include "axon/backend.hpp"
#include "axon/cuda_options.hpp"
#include "axon/distribution.hpp"
#include "axon/errors.hpp"
#include "axon/host_info.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "axon/models.hpp"
#include "axon/network.hpp"
#include "axon/record.hpp"
#include "axon/simulator.hpp"
#include "axon/types.hpp"
#include "axon/version.hpp"
#include "axon/standard_models.hpp"
#include "axon/experiment.hpp"
