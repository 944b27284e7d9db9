#include "atomic_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "axon/errors.hpp"

namespace axon::detail {
namespace {

std::atomic<uint64_t> temp_counter{0};

[[noreturn]] void fail(const std::string& what, const std::string& path, int error) {
    throw Error("cannot " + what + " " + path + ": " + std::strerror(error));
}

void write_all(int fd, const std::string& bytes, const std::string& tmp) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("write", tmp, errno);
        done += static_cast<std::size_t>(n);
    }
}

// The rename itself reaches the disk with the folder's entry; failing that is no error (some
// file systems cannot sync a folder).
void sync_folder(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes) {
    const std::string tmp =
        path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(temp_counter.fetch_add(1));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", tmp, errno);
    try {
        write_all(fd, bytes, tmp);
        if (::fsync(fd) != 0) fail("flush", tmp, errno);
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    const bool closed = ::close(fd) == 0;
    if (!closed || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        throw Error("cannot " + std::string(closed ? "rename " + tmp + " to" : "write") + " " + path + ": " +
                    std::strerror(error));
    }
    sync_folder(path);
}

}  // namespace axon::detail
