#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "axon/errors.hpp"

namespace axon::cli {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw Error("cannot write " + tmp_ + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    out_.close();
    std::remove(tmp_.c_str());
}

void AtomicFile::commit() {
    out_.flush();
    out_.close();
    if (!out_) throw Error("cannot write " + tmp_ + ": " + std::strerror(errno));
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw Error("cannot rename " + tmp_ + " to " + path_ + ": " + std::strerror(errno));
    committed_ = true;
}

}  // namespace axon::cli
