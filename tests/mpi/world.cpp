#include "mpi/world.hpp"

#include "axon/mpi.hpp"

namespace axon::test {
namespace {

std::shared_ptr<Communicator>& held() {
    static std::shared_ptr<Communicator> comm;
    return comm;
}

}  // namespace

const std::shared_ptr<Communicator>& world() {
    if (!held()) held() = mpi_communicator(MPI_COMM_WORLD);
    return held();
}

void release_world() { held().reset(); }

}  // namespace axon::test
