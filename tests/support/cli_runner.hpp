// Running the `axon` binary from tests, and reading what it writes.
#pragma once
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/scratch.hpp"

namespace axon::test {

namespace fs = std::filesystem;

struct Result {
    int exit_code;
    std::string output;  // stdout and stderr
};

/// `axon ARGS`, with `environment` ("NAME=value ...") set for it.
inline Result axon_cli(const std::string& args, const std::string& environment = "") {
    const std::string command =
        (environment.empty() ? "" : "env " + environment + " ") + env_or("AXON_CLI", AXON_CLI_PATH) + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    std::string output;
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
    const int status = pipe ? pclose(pipe) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline fs::path write_file(const fs::path& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
}

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Npy {
    std::string descr;
    std::vector<uint64_t> shape;
    std::string data;
};

// A minimal .npy reader (version 1.0): enough to check what axon writes.
inline Npy read_npy(const fs::path& path) {
    const std::string bytes = read_text(path);
    EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY") << path;
    const std::size_t header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
    const std::string header = bytes.substr(10, header_len);
    EXPECT_EQ((10 + header_len) % 64, 0u) << "header must be padded to 64 bytes";
    Npy npy;
    const auto d0 = header.find("'descr': ") + 9;
    npy.descr = header.substr(d0, header.find(", 'fortran_order'") - d0);
    std::istringstream shape(header.substr(header.find("'shape': (") + 10));
    uint64_t dim;
    char sep;
    while (shape >> dim) {
        npy.shape.push_back(dim);
        shape >> sep;
    }
    npy.data = bytes.substr(10 + header_len);
    return npy;
}

/// `axon ARGS` running in the background, its stderr in `log`.
struct BackgroundRun {
    pid_t pid = -1;
    fs::path log;

    /// Waits until the log holds `text` (at most 30 s). @returns whether it appeared.
    bool wait_for(const std::string& text) const {
        for (int k = 0; k < 600; ++k) {
            if (read_text(log).find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    /// Waits for the process; returns its exit code, or -signal when a signal ended it.
    int wait() const {
        int status = 0;
        if (waitpid(pid, &status, 0) != pid) return -1000;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    }
};

inline BackgroundRun start_axon(const std::string& args, const fs::path& log) {
    const std::string command = "exec " + env_or("AXON_CLI", AXON_CLI_PATH) + " " + args + " 2> " + log.string();
    const pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return BackgroundRun{pid, log};
}

inline nlohmann::json read_json(const fs::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

}  // namespace axon::test
