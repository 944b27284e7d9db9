#include "output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace axon::cli {

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) fail("create");
}

OutputFile::~OutputFile() {
    if (file_) std::fclose(file_);
}

void OutputFile::fail(const char* what) const {
    throw OutputError("cannot " + std::string(what) + " " + path_ + ": " + std::strerror(errno));
}

void OutputFile::write(const void* data, std::size_t bytes) {
    if (bytes > 0 && std::fwrite(data, 1, bytes, file_) != bytes) fail("write");
}

void OutputFile::write_at(uint64_t offset, const std::string& bytes) {
    const long end = std::ftell(file_);
    if (end < 0 || std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0) fail("seek in");
    write(bytes.data(), bytes.size());
    if (std::fseek(file_, end, SEEK_SET) != 0) fail("seek in");
}

void OutputFile::close() {
    const bool flushed = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
    const int error = errno;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed) errno = error;
    if (!flushed || !closed) fail("write");
}

}  // namespace axon::cli
