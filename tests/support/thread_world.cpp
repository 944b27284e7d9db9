#include "support/thread_world.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace axon::test {
namespace {

using Bytes = std::vector<unsigned char>;

class ThreadWorld {
public:
    explicit ThreadWorld(int ranks) : ranks_(ranks), posted_(static_cast<std::size_t>(ranks)) {}
    int size() const { return ranks_; }

    /// Every rank's bytes in rank order (collective).
    std::vector<Bytes> exchange(int rank, const void* data, std::size_t bytes) {
        std::unique_lock<std::mutex> lock(mutex_);
        const auto* first = static_cast<const unsigned char*>(data);
        posted_[static_cast<std::size_t>(rank)].assign(first, first + bytes);
        wait(lock);  // every rank has posted
        std::vector<Bytes> out = posted_;
        wait(lock);  // every rank has read before any posts again
        return out;
    }

    void fail() {
        std::lock_guard<std::mutex> lock(mutex_);
        failed_ = true;
        cv_.notify_all();
    }

    void leave() {
        std::lock_guard<std::mutex> lock(mutex_);
        ++left_;
        cv_.notify_all();
    }

private:
    void wait(std::unique_lock<std::mutex>& lock) {
        check();
        const uint64_t generation = generation_;
        if (++arrived_ == ranks_) {
            arrived_ = 0;
            ++generation_;
            cv_.notify_all();
            return;
        }
        cv_.wait(lock, [&] { return generation_ != generation || failed_ || arrived_ + left_ == ranks_; });
        if (generation_ != generation) return;  // complete, whatever happened since
        failed_ = true;  // a rank failed, or left: nobody else will come
        check();
    }
    void check() const {
        if (failed_) throw std::runtime_error("thread world: another rank failed or left during a collective");
    }

    const int ranks_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Bytes> posted_;
    int arrived_ = 0, left_ = 0;
    uint64_t generation_ = 0;
    bool failed_ = false;
};

class ThreadCommunicator final : public Communicator {
public:
    ThreadCommunicator(ThreadWorld& world, int rank) : world_(world), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return world_.size(); }

    std::vector<Bytes> all_gather(const void* data, std::size_t bytes) override {
        return world_.exchange(rank_, data, bytes);
    }
    void all_gather_blocks(const void* block, std::size_t block_bytes, void* out) override {
        const std::vector<Bytes> all = world_.exchange(rank_, block, block_bytes);
        for (std::size_t r = 0; r < all.size(); ++r)
            if (block_bytes) std::memcpy(static_cast<unsigned char*>(out) + r * block_bytes, all[r].data(), block_bytes);
    }
    void all_reduce(uint64_t* values, std::size_t n, Reduction op) override {
        const std::vector<std::vector<uint64_t>> all = words(values, n);
        for (std::size_t i = 0; i < n; ++i) {
            uint64_t v = all[0][i];
            for (std::size_t r = 1; r < all.size(); ++r)
                v = op == Reduction::sum ? v + all[r][i] : op == Reduction::min ? std::min(v, all[r][i]) : std::max(v, all[r][i]);
            values[i] = v;
        }
    }
    void exclusive_scan_sum(uint64_t* values, std::size_t n) override {
        const std::vector<std::vector<uint64_t>> all = words(values, n);
        for (std::size_t i = 0; i < n; ++i) {
            values[i] = 0;
            for (int r = 0; r < rank_; ++r) values[i] += all[static_cast<std::size_t>(r)][i];
        }
    }
    [[noreturn]] void abort(const std::string& why) override {
        world_.fail();
        throw std::runtime_error("rank " + std::to_string(rank_) + " aborted the run: " + why);
    }

private:
    std::vector<std::vector<uint64_t>> words(const uint64_t* values, std::size_t n) {
        std::vector<std::vector<uint64_t>> out;
        for (const Bytes& b : world_.exchange(rank_, values, n * sizeof(uint64_t))) {
            std::vector<uint64_t>& w = out.emplace_back(n);
            if (n) std::memcpy(w.data(), b.data(), n * sizeof(uint64_t));
        }
        return out;
    }

    ThreadWorld& world_;
    const int rank_;
};

}  // namespace

void run_ranks(int ranks, const std::function<void(const std::shared_ptr<Communicator>&)>& body) {
    ThreadWorld world(ranks);
    std::mutex mutex;
    std::exception_ptr first_error;
    std::vector<std::thread> threads;
    for (int r = 0; r < ranks; ++r)
        threads.emplace_back([&, r] {
            try {
                body(std::make_shared<ThreadCommunicator>(world, r));
                world.leave();
            } catch (...) {
                {
                    std::lock_guard<std::mutex> lock(mutex);
                    if (!first_error) first_error = std::current_exception();
                }
                world.fail();
            }
        });
    for (std::thread& t : threads) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

}  // namespace axon::test
