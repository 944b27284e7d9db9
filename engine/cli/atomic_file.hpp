// Files written whole or not at all: data goes to "NAME.tmp" and is renamed to NAME only
// once complete, so an interrupted run never leaves a truncated file that looks whole.
#pragma once
#include <fstream>
#include <string>

namespace axon::cli {

class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();  // removes the temporary file unless commit() succeeded
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ofstream& stream() { return out_; }
    /// Flush, close and rename into place. @throws axon::Error naming the file.
    void commit();

private:
    std::string path_, tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

}  // namespace axon::cli
