// Distributed runs from Python (`Simulator(net, mpi=True)` under mpirun): MPI_COMM_WORLD as a
// Communicator, MPI initialised on first use when the program has not done it, and finalised at
// interpreter exit (axon/__init__.py registers finalize_mpi) if Axon initialised it.
#pragma once
#include <memory>

#include "axon/communicator.hpp"

namespace axon::python {

/// @throws BackendError in a build without MPI (AXON_MPI).
std::shared_ptr<Communicator> world_communicator();
/// At exit; `failed`: the program ended on an uncaught exception (then MPI_Abort, not a finalise).
void finalize_mpi(bool failed);

}  // namespace axon::python
