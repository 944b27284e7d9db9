#include "mpi_world.hpp"

#include "axon/errors.hpp"

#ifdef AXON_HAS_MPI
#include "axon/mpi.hpp"
#endif

namespace axon::python {
namespace {

std::shared_ptr<Communicator>& world() {
    static std::shared_ptr<Communicator> comm;
    return comm;
}
bool g_initialised_here = false;

}  // namespace

std::shared_ptr<Communicator> world_communicator() {
#ifdef AXON_HAS_MPI
    if (!world()) {
        int initialised = 0;
        MPI_Initialized(&initialised);
        if (!initialised) {
            if (MPI_Init(nullptr, nullptr) != MPI_SUCCESS) throw BackendError("MPI_Init failed");
            g_initialised_here = true;
        }
        world() = mpi_communicator(MPI_COMM_WORLD);
    }
    return world();
#else
    throw BackendError("this build of Axon has no MPI (AXON_MPI): mpi=True needs one with it (docs/scaling.md)");
#endif
}

void finalize_mpi() {
#ifdef AXON_HAS_MPI
    world().reset();  // simulators still alive keep theirs; it skips freeing once MPI is finalised
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (g_initialised_here && !finalised) MPI_Finalize();
#endif
}

}  // namespace axon::python
