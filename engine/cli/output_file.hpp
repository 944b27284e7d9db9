// One file of a run's output, written into the run's staging folder (output_folder.hpp), so it
// need not be atomic itself. Every failure throws OutputError naming the file and the reason;
// close() flushes and syncs, so a full disk is reported while the previous result still stands.
#pragma once
#include <cstdio>
#include <string>

#include "axon/errors.hpp"

namespace axon::cli {

/// An output that could not be written (full disk, lost permission, a lock held by another run):
/// exit code 1, like other bad input, since the cause is the folder the user chose.
class OutputError : public Error {
public:
    using Error::Error;
};

class OutputFile {
public:
    explicit OutputFile(std::string path);
    ~OutputFile();  // closes without checking: the staging folder is dropped after a failure
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(const void* data, std::size_t bytes);
    void write(const std::string& text) { write(text.data(), text.size()); }
    /// Overwrite `bytes` at `offset` (a header whose counts are known only at the end).
    void write_at(uint64_t offset, const std::string& bytes);
    /// Flush, sync to the disk and close. @throws OutputError.
    void close();
    const std::string& path() const { return path_; }

private:
    [[noreturn]] void fail(const char* what) const;
    std::string path_;
    std::FILE* file_ = nullptr;
};

}  // namespace axon::cli
