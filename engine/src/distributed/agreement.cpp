// agree() and any_rank() of axon/communicator.hpp.
#include <exception>
#include <string>

#include "axon/communicator.hpp"
#include "axon/errors.hpp"

namespace axon {
namespace {

enum class Kind : char { config = 'c', capacity = 'm', backend = 'b', other = 'e' };

[[noreturn]] void throw_as(Kind kind, const std::string& what) {
    switch (kind) {
    case Kind::config: throw ConfigError(what);
    case Kind::capacity: throw CapacityError(what);
    case Kind::backend: throw BackendError(what);
    case Kind::other: break;
    }
    throw Error(what);
}

}  // namespace

bool any_rank(Communicator* comm, bool flag) {
    if (!comm) return flag;
    uint64_t value = flag ? 1 : 0;
    comm->all_reduce(&value, 1, Communicator::Reduction::max);
    return value != 0;
}

void agree(Communicator* comm, const std::function<void()>& check) {
    if (!comm) return check();
    std::string failure;  // the kind's letter, then the message
    std::exception_ptr own;
    try {
        check();
    } catch (const std::exception& e) {
        own = std::current_exception();
        const Kind kind = dynamic_cast<const ConfigError*>(&e)     ? Kind::config
                          : dynamic_cast<const CapacityError*>(&e) ? Kind::capacity
                          : dynamic_cast<const BackendError*>(&e)  ? Kind::backend
                                                                   : Kind::other;
        failure = static_cast<char>(kind) + std::string(e.what());
    }
    if (!any_rank(comm, !failure.empty())) return;
    const auto all = comm->all_gather(failure.data(), failure.size());
    if (own) std::rethrow_exception(own);  // a rank that failed reports its own error
    for (std::size_t r = 0; r < all.size(); ++r) {
        if (all[r].empty()) continue;
        const std::string what(all[r].begin() + 1, all[r].end());
        throw_as(static_cast<Kind>(all[r][0]), "rank " + std::to_string(r) + " of " + std::to_string(all.size()) + ": " + what);
    }
}

}  // namespace axon
