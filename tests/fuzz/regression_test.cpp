// The fuzz target's inputs through the fuzz target's own code (read_experiment_bytes), in the
// normal suite: every input fuzzing ever found that crashed or hung (tests/fuzz/regressions/)
// is read or refused with an axon::Error, and the seeds (examples/experiments/*.toml,
// tests/fuzz/seeds/) are read without error, so that fuzzing starts from valid experiments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "axon/errors.hpp"
#include "fuzz/read_experiment_bytes.hpp"
#include "support/paths.hpp"

namespace {

namespace fs = std::filesystem;

struct Input {
    fs::path path;
    bool valid;  // a seed: must be read without error
};

void PrintTo(const Input& input, std::ostream* os) { *os << input.path; }

std::vector<Input> inputs() {
    std::vector<Input> out;
    const fs::path fuzz_dir = AXON_FUZZ_DIR;
    for (const auto& [dir, valid] : {std::pair{fuzz_dir / "regressions", false}, std::pair{fuzz_dir / "seeds", true},
                                     std::pair{fs::path(axon::test::kExamples), true}})
        for (const fs::directory_entry& entry : fs::directory_iterator(dir))
            if (dir != axon::test::kExamples || entry.path().extension() == ".toml") out.push_back({entry.path(), valid});
    std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    return out;
}

class FuzzInput : public testing::TestWithParam<Input> {};

TEST_P(FuzzInput, IsReadOrRefusedWithAnAxonError) {
    std::ifstream in(GetParam().path, std::ios::binary);
    ASSERT_TRUE(in) << GetParam().path;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        axon::fuzz::read_experiment_bytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    } catch (const axon::Error& e) {
        if (GetParam().valid) ADD_FAILURE() << "a seed is refused: " << e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not an axon::Error: " << e.what();
    }
}

// Test names from the file names ("crash-1a2b" -> "regressions_crash_1a2b").
INSTANTIATE_TEST_SUITE_P(All, FuzzInput, testing::ValuesIn(inputs()), [](const testing::TestParamInfo<Input>& info) {
    std::string name = info.param.path.parent_path().filename().string() + "_" + info.param.path.filename().string();
    std::replace_if(name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
    return name;
});

}  // namespace
