// Ranks as threads of one process: a Communicator for tests that run distributed simulations
// without MPI (the cross-backend suite also runs on GPU machines, which have no MPI). Every
// collective is an exchange of every rank's bytes behind a barrier. A rank that throws, or that
// leaves while the others wait in a collective, makes every waiting rank throw instead of hang.
#pragma once
#include <functional>
#include <memory>

#include "axon/communicator.hpp"

namespace axon::test {

/// Runs body(its communicator) on `ranks` threads, rank r on the r-th; rethrows the first
/// exception any rank threw.
void run_ranks(int ranks, const std::function<void(const std::shared_ptr<Communicator>&)>& body);

}  // namespace axon::test
