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
        // Simulator.run runs on a worker thread while the calling thread waits, and reads such as
        // state() run on the calling thread: MPI calls from more than one thread, never at once.
        int initialised = 0, provided = 0;
        MPI_Initialized(&initialised);
        if (!initialised) {
            if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
                throw BackendError("MPI_Init_thread failed");
            g_initialised_here = true;
        } else {
            MPI_Query_thread(&provided);
        }
        if (provided < MPI_THREAD_SERIALIZED)
            throw BackendError("MPI was initialised without MPI_THREAD_SERIALIZED, which Simulator.run needs (it runs "
                               "on a worker thread); initialise it with MPI_Init_thread(..., MPI_THREAD_SERIALIZED, ...)");
        world() = mpi_communicator(MPI_COMM_WORLD);
    }
    return world();
#else
    throw BackendError("this build of Axon has no MPI (AXON_MPI): mpi=True needs one with it (docs/scaling.md)");
#endif
}

void finalize_mpi(bool failed) {
#ifdef AXON_HAS_MPI
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!g_initialised_here || finalised) return;
    // A rank that ends on an uncaught exception must not wait in MPI_Finalize for ranks that wait
    // for it in a collective: it ends them all.
    if (failed && world() && world()->size() > 1) world()->abort("the Python program ended on an uncaught exception");
    world().reset();  // simulators still alive keep theirs; it skips freeing once MPI is finalised
    MPI_Finalize();
#else
    (void)failed;
#endif
}

}  // namespace axon::python
