// Communicator over MPI (compiled with AXON_MPI only).
#include "axon/mpi.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "axon/errors.hpp"
#include "axon/log.hpp"

namespace axon {
namespace {

// The communicator keeps MPI's default handler, MPI_ERRORS_ARE_FATAL: a failed collective ends
// every rank (a rank that threw alone would leave the others waiting). What reaches this check
// comes from calls outside a communicator's collectives.
void check(int code, const char* call) {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    throw BackendError(std::string("MPI: ") + call + " failed: " + std::string(text, static_cast<std::size_t>(length)));
}

MPI_Op to_mpi(Communicator::Reduction op) {
    switch (op) {
    case Communicator::Reduction::sum: return MPI_SUM;
    case Communicator::Reduction::min: return MPI_MIN;
    case Communicator::Reduction::max: return MPI_MAX;
    }
    return MPI_SUM;
}

class MpiCommunicator final : public Communicator {
public:
    explicit MpiCommunicator(MPI_Comm comm) {
        int initialised = 0;
        MPI_Initialized(&initialised);
        if (!initialised) throw BackendError("MPI: mpi_communicator called before MPI_Init");
        check(MPI_Comm_dup(comm, &comm_), "MPI_Comm_dup");
        MPI_Comm_rank(comm_, &rank_);
        MPI_Comm_size(comm_, &size_);
        MPI_Comm node = MPI_COMM_NULL;  // the ranks that share this machine's memory
        check(MPI_Comm_split_type(comm_, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node), "MPI_Comm_split_type");
        MPI_Comm_rank(node, &local_rank_);
        MPI_Comm_free(&node);
    }
    ~MpiCommunicator() override {
        int finalised = 0;
        MPI_Finalized(&finalised);
        if (!finalised) MPI_Comm_free(&comm_);
    }
    MpiCommunicator(const MpiCommunicator&) = delete;
    MpiCommunicator& operator=(const MpiCommunicator&) = delete;

    int rank() const override { return rank_; }
    int size() const override { return size_; }
    int local_rank() const override { return local_rank_; }

    std::vector<std::vector<unsigned char>> all_gather(const void* data, std::size_t bytes) override {
        // Counts first, then the data: MPI counts are int, so long messages go as 8-byte words.
        uint64_t mine = bytes;
        std::vector<uint64_t> lengths(static_cast<std::size_t>(size_));
        check(MPI_Allgather(&mine, 1, MPI_UINT64_T, lengths.data(), 1, MPI_UINT64_T, comm_), "MPI_Allgather");
        std::vector<int> counts(lengths.size()), displs(lengths.size());
        uint64_t total = 0;
        for (std::size_t r = 0; r < lengths.size(); ++r) {
            const uint64_t words = (lengths[r] + 7) / 8;
            if (total + words > static_cast<uint64_t>(INT32_MAX))
                throw CapacityError("MPI: a gather of more than 16 GiB in one call");
            counts[r] = static_cast<int>(words);
            displs[r] = static_cast<int>(total);
            total += words;
        }
        std::vector<uint64_t> send((bytes + 7) / 8), receive(total);
        if (bytes) std::memcpy(send.data(), data, bytes);
        check(MPI_Allgatherv(send.data(), counts[static_cast<std::size_t>(rank_)], MPI_UINT64_T, receive.data(),
                             counts.data(), displs.data(), MPI_UINT64_T, comm_),
              "MPI_Allgatherv");
        std::vector<std::vector<unsigned char>> out(lengths.size());
        for (std::size_t r = 0; r < lengths.size(); ++r) {
            const auto* first = reinterpret_cast<const unsigned char*>(receive.data() + displs[r]);
            out[r].assign(first, first + lengths[r]);
        }
        return out;
    }

    void all_gather_blocks(const void* block, std::size_t block_bytes, void* out) override {
        if (block_bytes > static_cast<std::size_t>(INT32_MAX)) throw CapacityError("MPI: an exchange block above 2 GiB");
        check(MPI_Allgather(block, static_cast<int>(block_bytes), MPI_BYTE, out, static_cast<int>(block_bytes), MPI_BYTE,
                            comm_),
              "MPI_Allgather");
    }

    // MPI counts are int: long arrays go in pieces (every rank has the same n).
    static constexpr std::size_t kPiece = std::size_t{1} << 30;

    void all_reduce(uint64_t* values, std::size_t n, Reduction op) override {
        for (std::size_t done = 0; done < n; done += kPiece)
            check(MPI_Allreduce(MPI_IN_PLACE, values + done, static_cast<int>(std::min(kPiece, n - done)), MPI_UINT64_T,
                                to_mpi(op), comm_),
                  "MPI_Allreduce");
    }

    void exclusive_scan_sum(uint64_t* values, std::size_t n) override {
        std::vector<uint64_t> in(values, values + n);
        for (std::size_t done = 0; done < n; done += kPiece)
            check(MPI_Exscan(in.data() + done, values + done, static_cast<int>(std::min(kPiece, n - done)), MPI_UINT64_T,
                             MPI_SUM, comm_),
                  "MPI_Exscan");
        if (rank_ == 0) std::fill(values, values + n, 0);  // MPI leaves rank 0's result undefined
    }

    [[noreturn]] void abort(const std::string& why) override {
        logger().critical("rank {} of {}: {}; ending every rank", rank_, size_, why);
        logger().flush();
        MPI_Abort(comm_, 1);
        std::abort();  // MPI_Abort does not return; this keeps [[noreturn]] true if it did
    }

private:
    MPI_Comm comm_ = MPI_COMM_NULL;
    int rank_ = 0, size_ = 1, local_rank_ = 0;
};

}  // namespace

std::shared_ptr<Communicator> mpi_communicator(MPI_Comm comm) { return std::make_shared<MpiCommunicator>(comm); }

}  // namespace axon
