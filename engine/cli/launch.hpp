// How this `axon` process was started: alone, or as one rank of `mpirun -np N axon ...` (MPI
// builds), in which case MPI lives as long as the Launch and every rank runs the command on its
// share of the network (docs/scaling.md). Rank 0 writes the outputs and prints; the others work.
#pragma once
#include <memory>

#include "axon/communicator.hpp"

namespace axon::cli {

class Launch {
public:
    /// Initialises MPI when an MPI launcher started the process (its environment says so).
    Launch(int& argc, char**& argv);
    ~Launch();
    Launch(const Launch&) = delete;
    Launch& operator=(const Launch&) = delete;

    /// Null when the process runs alone.
    const std::shared_ptr<Communicator>& communicator() const { return communicator_; }
    int rank() const { return communicator_ ? communicator_->rank() : 0; }
    int ranks() const { return communicator_ ? communicator_->size() : 1; }
    bool root() const { return rank() == 0; }

private:
    std::shared_ptr<Communicator> communicator_;
};

/// The process's Launch (made by main()).
const Launch& launch();

}  // namespace axon::cli
