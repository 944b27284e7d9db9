/// @file mpi.hpp
/// Distributed runs over MPI (builds with AXON_MPI; docs/scaling.md). The program initialises
/// MPI itself, then every rank builds the same Network and a Simulator with
///     SimulatorOptions options;
///     options.communicator = axon::mpi_communicator(MPI_COMM_WORLD);
/// Each rank then simulates its share of every population, and the Simulator's answers (spikes,
/// state, weights, checkpoints) are the whole network's on every rank, bit for bit those of a
/// one-process run.
#pragma once
#include "axon/export.hpp"
#include <memory>

#include <mpi.h>

#include "axon/communicator.hpp"

namespace axon AXON_API {

/// A Communicator over a duplicate of `comm` (so Axon's messages never meet the program's own),
/// freed with the last copy. MPI must be initialised and stay so while it lives.
std::shared_ptr<Communicator> mpi_communicator(MPI_Comm comm);

}  // namespace axon
