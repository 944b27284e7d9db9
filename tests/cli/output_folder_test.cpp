// `axon run` output folders are all or nothing (docs/file-format.md, "Output folder"): a run
// replaces the previous result as a whole, a failure or a kill leaves the previous result
// untouched, a second run cannot write into a folder a live run holds, and a folder with files
// that no run wrote is never replaced.
#include <gtest/gtest.h>

#include <csignal>
#include <map>

#include "support/cli_runner.hpp"

namespace {

using namespace axon::test;

// Every file of a folder with its content.
std::map<std::string, std::string> contents(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& f : fs::directory_iterator(dir)) files[f.path().filename().string()] = read_text(f.path());
    return files;
}

// Names in the folder that holds `out`, other than `out` itself and its lock file.
std::vector<std::string> leftovers_beside(const fs::path& out) {
    std::vector<std::string> names;
    for (const auto& f : fs::directory_iterator(out.parent_path())) {
        const std::string name = f.path().filename().string();
        if (name != out.filename().string() && name != "." + out.filename().string() + ".lock") names.push_back(name);
    }
    return names;
}

std::string cuba(const std::string& extra) { return "run " + kExamples + "/cuba.toml --quiet " + extra; }

TEST(OutputFolder, ARunReplacesThePreviousResultWhole) {
    const fs::path out = scratch("replace") / "out";
    ASSERT_EQ(axon_cli(cuba("--duration 100 --csv --out " + out.string())).exit_code, 0);
    EXPECT_TRUE(fs::exists(out / "E_spikes.csv"));
    const Result second = axon_cli(cuba("--duration 50 --seed 7 --out " + out.string()));
    ASSERT_EQ(second.exit_code, 0) << second.output;
    const nlohmann::json summary = read_json(out / "summary.json");
    EXPECT_EQ(summary["seed"].get<uint64_t>(), 7u);
    EXPECT_FALSE(fs::exists(out / "E_spikes.csv")) << "a file of the previous run is not mixed in";
    EXPECT_EQ(contents(out).size(), summary["files"].size());
    EXPECT_TRUE(leftovers_beside(out).empty());
}

TEST(OutputFolder, AFolderWithOtherFilesIsNeverReplaced) {
    const fs::path out = scratch("foreign");
    write_file(out, "notes.txt", "mine");
    const Result r = axon_cli(cuba("--duration 10 --out " + out.string()));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("holds 'notes.txt', which no axon run wrote there"), std::string::npos) << r.output;
    EXPECT_EQ(read_text(out / "notes.txt"), "mine");
    const fs::path file = write_file(scratch("a_file"), "result", "x");
    const Result on_file = axon_cli(cuba("--duration 10 --out " + file.string()));
    EXPECT_EQ(on_file.exit_code, 1);
    EXPECT_NE(on_file.output.find("exists and is not a folder"), std::string::npos) << on_file.output;
}

// A full disk, modelled by a file size limit with SIGXFSZ ignored (writes then fail with EFBIG):
// the run says which file it could not write, exits 1, and the previous result stays as it was.
TEST(OutputFolder, AWriteFailureLeavesThePreviousResult) {
    const fs::path out = scratch("write_failure") / "out";
    ASSERT_EQ(axon_cli(cuba("--duration 100 --out " + out.string())).exit_code, 0);
    const auto before = contents(out);
    const std::string limited = "trap '' XFSZ; ulimit -f 100; exec " + env_or("AXON_CLI", AXON_CLI_PATH) + " " +
                                cuba("--duration 1000 --seed 3 --out " + out.string());
    FILE* pipe = popen(("sh -c \"" + limited + "\" 2>&1").c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = pclose(pipe);
    ASSERT_TRUE(WIFEXITED(status)) << output;
    EXPECT_EQ(WEXITSTATUS(status), 1) << output;
    EXPECT_NE(output.find("cannot write"), std::string::npos) << output;
    EXPECT_EQ(contents(out), before);
    EXPECT_TRUE(leftovers_beside(out).empty()) << "the failed run removes its staging folder";
}

TEST(OutputFolder, AKilledRunLeavesThePreviousResultAndTheNextRunClearsUp) {
    const fs::path out = scratch("killed") / "out", log = scratch("killed_log") / "stderr.txt";
    ASSERT_EQ(axon_cli(cuba("--duration 100 --out " + out.string())).exit_code, 0);
    const auto before = contents(out);
    const BackgroundRun run = start_axon("run " + kExamples + "/cuba.toml --duration 10000000 --out " + out.string(), log);
    ASSERT_TRUE(run.wait_for("simulating")) << read_text(log);
    ASSERT_EQ(kill(run.pid, SIGKILL), 0);
    EXPECT_EQ(run.wait(), -SIGKILL);
    EXPECT_EQ(contents(out), before);
    EXPECT_FALSE(leftovers_beside(out).empty()) << "a killed run cannot clear its staging folder";
    ASSERT_EQ(axon_cli(cuba("--duration 20 --out " + out.string())).exit_code, 0);
    EXPECT_TRUE(leftovers_beside(out).empty());
}

TEST(OutputFolder, ASecondRunIntoAFolderALiveRunHoldsIsRefused) {
    const fs::path out = scratch("locked") / "out", log = scratch("locked_log") / "stderr.txt";
    const BackgroundRun run = start_axon("run " + kExamples + "/cuba.toml --duration 10000000 --out " + out.string(), log);
    ASSERT_TRUE(run.wait_for("simulating")) << read_text(log);
    const Result second = axon_cli(cuba("--duration 10 --out " + out.string()));
    EXPECT_EQ(second.exit_code, 1) << second.output;
    EXPECT_NE(second.output.find("is being written by another axon run (pid " + std::to_string(run.pid) + ")"),
              std::string::npos)
        << second.output;
    ASSERT_EQ(kill(run.pid, SIGINT), 0);
    EXPECT_EQ(run.wait(), 130);
    const nlohmann::json summary = read_json(out / "summary.json");
    EXPECT_FALSE(summary["complete"].get<bool>()) << "the first run's result, not a mix";
    EXPECT_EQ(summary["seed"].get<uint64_t>(), 1u);
}

// Nothing recorded spiked: no empty raster.svg, and summary.json says which files there are.
TEST(OutputFolder, NoRasterWithoutSpikes) {
    const fs::path out = scratch("no_spikes") / "out";
    const fs::path file = write_file(scratch("no_spikes_in"), "quiet.toml", R"(
[[population]]
name = "E"
model = "lif_exp"
size = 10
)");
    const Result r = axon_cli("run " + file.string() + " --duration 20 --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(fs::exists(out / "raster.svg"));
    const auto files = read_json(out / "summary.json")["files"].get<std::vector<std::string>>();
    EXPECT_EQ(files, (std::vector<std::string>{"E_spikes.npy", "summary.json"}));
}

}  // namespace

namespace {

// Spikes go to their files as the run goes: a run ten times longer holds no more of them. A
// Poisson population makes many spikes for little simulation; ASan's quarantine (which keeps
// freed memory) is switched off so that its peak memory means the same as without it.
TEST(OutputFolder, LongRunsDoNotHoldTheirSpikes) {
    const fs::path file = write_file(scratch("spiky"), "spiky.toml", R"(
[[population]]
name = "P"
model = "poisson"
size = 1000
rate_Hz = 500.0
)");
    const fs::path short_out = scratch("short") / "out", long_out = scratch("long") / "out";
    const std::string run = "run " + file.string() + " --quiet --duration ";
    ASSERT_EQ(axon_cli(run + "1000 --out " + short_out.string(), "ASAN_OPTIONS=quarantine_size_mb=0").exit_code, 0);
    ASSERT_EQ(axon_cli(run + "10000 --out " + long_out.string(), "ASAN_OPTIONS=quarantine_size_mb=0").exit_code, 0);
    const auto peak = [](const fs::path& out) { return read_json(out / "summary.json")["peak_host_memory_bytes"].get<double>(); };
    const double more_spike_bytes = static_cast<double>(fs::file_size(long_out / "P_spikes.npy")) -
                                    static_cast<double>(fs::file_size(short_out / "P_spikes.npy"));
    ASSERT_GT(more_spike_bytes, 4e7);
    EXPECT_LT(peak(long_out) - peak(short_out), 0.25 * more_spike_bytes)
        << "the long run held its spikes: peaks " << peak(short_out) << " and " << peak(long_out) << " bytes";
}

}  // namespace
