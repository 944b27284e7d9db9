// Empty folders for a test process, under the system's temporary folder, removed with all they
// hold when the process exits: a test run leaves nothing behind in /tmp.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace axon::test {

/// The folder `axon-test-<pid>` of this process, removed (recursively) at normal exit.
class ProcessFolder {
public:
    ProcessFolder() : path_(std::filesystem::temp_directory_path() / ("axon-test-" + std::to_string(::getpid()))) {}
    ~ProcessFolder() {
        std::error_code ignored;  // nothing to report to at exit
        std::filesystem::remove_all(path_, ignored);
    }
    ProcessFolder(const ProcessFolder&) = delete;
    ProcessFolder& operator=(const ProcessFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// An empty folder `name` of this test process (emptied if an earlier test used the name).
inline std::filesystem::path scratch(const std::string& name) {
    static const ProcessFolder root;
    const std::filesystem::path dir = root.path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace axon::test
