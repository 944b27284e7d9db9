/// @file communicator.hpp
/// The processes of a distributed run, as the engine talks to them (docs/scaling.md). Every
/// operation but rank(), size(), local_rank() and abort() is collective: each rank calls it, in
/// the same order. axon/mpi.hpp makes one over an MPI communicator;
/// SimulatorOptions::communicator hands it to a Simulator.
#pragma once
#include "axon/export.hpp"
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace axon AXON_API {

class Communicator {
public:
    enum class Reduction { sum, min, max };

    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    /// This rank's index among the ranks on its machine: the CUDA backend runs on device
    /// local_rank() modulo the devices it sees (one GPU per rank). By default rank().
    virtual int local_rank() const { return rank(); }
    /// Every rank's `bytes` bytes at `data` (any length per rank), in rank order.
    virtual std::vector<std::vector<unsigned char>> all_gather(const void* data, std::size_t bytes) = 0;
    /// Every rank's block of exactly `block_bytes` bytes, in rank order, into `out` (size() blocks):
    /// the spike exchange's one collective per interval.
    virtual void all_gather_blocks(const void* block, std::size_t block_bytes, void* out) = 0;
    /// values[i] = the reduction of every rank's values[i].
    virtual void all_reduce(uint64_t* values, std::size_t n, Reduction op) = 0;
    /// values[i] = the sum of values[i] of the ranks below this one (0 on rank 0).
    virtual void exclusive_scan_sum(uint64_t* values, std::size_t n) = 0;
    /// Ends every rank of the run after an error that not every rank saw at a point where they
    /// could agree on it (docs/scaling.md, "Errors"). Never returns.
    [[noreturn]] virtual void abort(const std::string& why) = 0;
};

/// A check whose outcome may differ between ranks (memory, files): runs `check` here, then,
/// with a communicator, learns whether it failed on any rank (collective), so that ranks stop
/// together instead of waiting for each other. @throws on every rank when any failed: a failing
/// rank its own error, the others the lowest failing rank's (the same type, ConfigError,
/// CapacityError, BackendError or Error, its message prefixed with "rank R of N: ").
void agree(Communicator* comm, const std::function<void()>& check);

/// Whether `flag` is set on any rank (collective; without a communicator: flag).
bool any_rank(Communicator* comm, bool flag);

}  // namespace axon
