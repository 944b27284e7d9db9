#include "output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "output_file.hpp"

namespace axon::cli {
namespace {

namespace fs = std::filesystem;

// Hidden names beside the folder: ".<name><suffix>".
fs::path beside(const fs::path& dir, const std::string& suffix) {
    return dir.parent_path() / ("." + dir.filename().string() + suffix);
}

void sync_folder(const fs::path& dir) {
    const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);  // best effort: the rename is what makes the result whole
    ::close(fd);
}

// The pid a lock file names, for the message when it is held.
std::string lock_holder(int fd) {
    char buffer[32] = {};
    const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
    return n > 0 ? " (pid " + std::string(buffer, static_cast<std::size_t>(n)) + ")" : "";
}

}  // namespace

OutputFolder::OutputFolder(const std::string& dir) : shown_(dir) {
    dir_ = fs::absolute(dir).lexically_normal();
    if (!dir_.has_filename()) dir_ = dir_.parent_path();  // "out/" is "out"
    if (dir_ == dir_.root_path()) throw OutputError("output folder '" + dir + "' cannot be the root folder");
    std::error_code ec;
    fs::create_directories(dir_.parent_path(), ec);
    if (ec) throw OutputError("output folder '" + dir + "' cannot be created: " + ec.message());

    const fs::path lock = beside(dir_, ".lock");
    lock_fd_ = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) throw OutputError("output folder '" + dir + "' cannot be created: " + std::strerror(errno));
    if (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
        const std::string holder = lock_holder(lock_fd_);
        ::close(lock_fd_);
        throw OutputError("output folder '" + dir + "' is being written by another axon run" + holder +
                          "; wait for it to end or choose another --out");
    }
    const std::string pid = std::to_string(getpid());
    if (ftruncate(lock_fd_, 0) != 0 || pwrite(lock_fd_, pid.data(), pid.size(), 0) < 0) {
        // Only the message of a refused second run would lack the pid.
    }
    try {
        clear_leftovers();
        check_replaceable();
        staging_ = beside(dir_, ".staging-" + pid);
        if (!fs::create_directory(staging_, ec) || ec)
            throw OutputError("output folder '" + dir + "' cannot be written: " + staging_.string() + ": " +
                              (ec ? ec.message() : "exists"));
    } catch (...) {
        ::close(lock_fd_);
        throw;
    }
}

OutputFolder::~OutputFolder() {
    std::error_code ec;
    if (!committed_ && !staging_.empty()) fs::remove_all(staging_, ec);
    ::close(lock_fd_);  // releases the lock; the lock file stays for the next run
}

// Killed runs leave their staging folder, and a kill between the two renames of the fallback
// swap leaves the previous result under ".<name>.previous-<pid>": put it back. Only this run
// holds the lock, so nothing else can be writing them.
void OutputFolder::clear_leftovers() const {
    const std::string staging_prefix = "." + dir_.filename().string() + ".staging-";
    const std::string previous_prefix = "." + dir_.filename().string() + ".previous-";
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir_.parent_path(), ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(staging_prefix, 0) == 0) fs::remove_all(e.path(), ec);
        if (name.rfind(previous_prefix, 0) == 0) {
            if (!fs::exists(dir_)) fs::rename(e.path(), dir_, ec);
            else fs::remove_all(e.path(), ec);
        }
    }
}

void OutputFolder::check_replaceable() const {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(dir_, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(status))
        throw OutputError("output folder '" + shown_ + "' exists and is not a folder; choose another --out");
    std::set<std::string> listed{"summary.json"};
    std::ifstream summary(dir_ / "summary.json");
    if (summary) {
        const nlohmann::json json = nlohmann::json::parse(summary, nullptr, false);
        if (json.is_object() && json.contains("files") && json["files"].is_array())
            for (const auto& f : json["files"])
                if (f.is_string()) listed.insert(f.get<std::string>());
    }
    for (const fs::directory_entry& e : fs::directory_iterator(dir_, ec)) {
        const std::string name = e.path().filename().string();
        const bool old_temporary = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0 &&
                                   listed.count(name.substr(0, name.size() - 4)) > 0;  // left by older versions
        if (listed.count(name) == 0 && !old_temporary)
            throw OutputError("output folder '" + shown_ + "' holds '" + name +
                              "', which no axon run wrote there; a run replaces its output folder as a whole, "
                              "so choose a new or empty folder, or a previous axon output folder, as --out");
    }
    if (ec) throw OutputError("output folder '" + shown_ + "' cannot be read: " + ec.message());
}

void OutputFolder::commit() {
    sync_folder(staging_);
    std::error_code ec;
    if (!fs::exists(dir_)) {
        if (std::rename(staging_.c_str(), dir_.c_str()) != 0)
            throw OutputError("cannot move " + staging_.string() + " to " + shown_ + ": " + std::strerror(errno));
    } else if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(staging_, ec);  // now the previous result
    } else {
        // A file system without an atomic exchange: two renames, undone by the next run if
        // this one dies in between (clear_leftovers).
        const fs::path previous = beside(dir_, ".previous-" + std::to_string(getpid()));
        if (std::rename(dir_.c_str(), previous.c_str()) != 0)
            throw OutputError("cannot replace " + shown_ + ": " + std::strerror(errno));
        if (std::rename(staging_.c_str(), dir_.c_str()) != 0) {
            const int error = errno;
            std::rename(previous.c_str(), dir_.c_str());
            throw OutputError("cannot replace " + shown_ + ": " + std::strerror(error));
        }
        fs::remove_all(previous, ec);
    }
    committed_ = true;
    sync_folder(dir_.parent_path());
}

}  // namespace axon::cli
