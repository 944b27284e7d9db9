#include "launch.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef AXON_HAS_MPI
#include "axon/mpi.hpp"
#endif

namespace axon::cli {
namespace {

const Launch* g_launch = nullptr;

#ifdef AXON_HAS_MPI
// Open MPI's, MPICH's and PMIx launchers set these in every rank's environment.
bool started_by_mpi_launcher() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(name)) return true;
    return false;
}
#endif

}  // namespace

Launch::Launch(int& argc, char**& argv) {
#ifdef AXON_HAS_MPI
    if (started_by_mpi_launcher()) {
        if (MPI_Init(&argc, &argv) != MPI_SUCCESS) throw std::runtime_error("MPI_Init failed");
        communicator_ = mpi_communicator(MPI_COMM_WORLD);
    }
#else
    (void)argc;
    (void)argv;
#endif
    g_launch = this;
}

Launch::~Launch() {
    g_launch = nullptr;
#ifdef AXON_HAS_MPI
    if (communicator_) {
        communicator_.reset();
        MPI_Finalize();
    }
#endif
}

const Launch& launch() {
    if (!g_launch) throw std::logic_error("axon::cli::launch() before main() made one");
    return *g_launch;
}

}  // namespace axon::cli
