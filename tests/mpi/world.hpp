// The communicator the multi-rank tests share (over MPI_COMM_WORLD), made on first use.
#pragma once
#include <memory>

#include "axon/communicator.hpp"

namespace axon::test {

const std::shared_ptr<Communicator>& world();
/// Frees it before MPI_Finalize.
void release_world();

}  // namespace axon::test
