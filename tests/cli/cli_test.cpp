// The `axon` command end to end: every example file runs and writes outputs that parse and
// agree with summary.json; each kind of bad input ends with a non-zero exit code and one
// clear message naming file:line, the field and what is allowed.
#include <gtest/gtest.h>

#include "support/cli_runner.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

#include "axon/backend.hpp"
#include "axon/version.hpp"

namespace {

using namespace axon::test;

// Runs an example for a short time and checks every output against summary.json.
void check_example_run(const std::string& file, const std::string& extra = "") {
    const fs::path out = scratch(fs::path(file).stem().string());
    const Result r = axon_cli("run " + std::string(axon::test::kExamples) + "/" + file + " --duration 50 --csv --out " +
                          out.string() + " " + extra);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("real-time factor"), std::string::npos) << r.output;
    const nlohmann::json summary = read_json(out / "summary.json");
    EXPECT_DOUBLE_EQ(summary["simulated_ms"].get<double>(), 50.0);
    uint64_t total = 0;
    for (const auto& pop : summary["populations"]) {
        if (!pop["recorded"].get<bool>()) continue;
        const Npy spikes = read_npy(out / pop["spikes_file"].get<std::string>());
        EXPECT_EQ(spikes.descr, "[('time_ms', '<f8'), ('neuron', '<u4')]");
        ASSERT_EQ(spikes.shape.size(), 1u);
        EXPECT_EQ(spikes.shape[0], pop["spikes"].get<uint64_t>()) << pop["name"];
        ASSERT_EQ(spikes.data.size(), spikes.shape[0] * 12);
        for (uint64_t k = 0; k < spikes.shape[0]; ++k) {
            double t;
            uint32_t id;
            std::memcpy(&t, spikes.data.data() + 12 * k, 8);
            std::memcpy(&id, spikes.data.data() + 12 * k + 8, 4);
            ASSERT_GT(t, 0.0);
            ASSERT_LE(t, 50.0 + 1e-9);
            ASSERT_LT(id, pop["neurons"].get<uint32_t>());
        }
        const double rate = static_cast<double>(spikes.shape[0]) / (pop["neurons"].get<double>() * 0.05);
        EXPECT_NEAR(pop["mean_rate_Hz"].get<double>(), rate, 1e-9);
        std::ifstream csv(out / (pop["name"].get<std::string>() + "_spikes.csv"));
        std::string line;
        uint64_t lines = 0;
        while (std::getline(csv, line)) ++lines;
        EXPECT_EQ(lines, spikes.shape[0] + 1) << "CSV: header plus one line per spike";
        total += spikes.shape[0];
    }
    for (const auto& sample : summary["samples"]) {
        const Npy values = read_npy(out / sample["file"].get<std::string>());
        EXPECT_EQ(values.descr, "'<f4'");
        EXPECT_EQ(values.shape, sample["shape"].get<std::vector<uint64_t>>());
        const Npy times = read_npy(out / sample["time_file"].get<std::string>());
        EXPECT_EQ(times.shape[0], values.shape[0]);
    }
    std::ifstream svg(out / "raster.svg");
    const std::string text((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.rfind("<svg", 0), 0u);
    EXPECT_NE(text.find("</svg>"), std::string::npos);
    // The folder holds exactly the files summary.json lists.
    std::vector<std::string> present, listed = summary["files"].get<std::vector<std::string>>();
    for (const auto& f : fs::directory_iterator(out)) present.push_back(f.path().filename().string());
    std::sort(present.begin(), present.end());
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(present, listed);
    EXPECT_GT(total, 0u);
}

TEST(Cli, CubaExampleRunsAndOutputsAgree) { check_example_run("cuba.toml"); }
TEST(Cli, BrunelExampleRunsAndOutputsAgree) { check_example_run("brunel_a.toml"); }
TEST(Cli, SmallMicrocircuitExampleRunsAndOutputsAgree) { check_example_run("microcircuit_small.toml"); }
TEST(Cli, IzhikevichExampleRunsAndOutputsAgree) { check_example_run("izhikevich.toml"); }
TEST(Cli, CobaExampleRunsAndOutputsAgree) { check_example_run("coba.toml"); }
TEST(Cli, PerceptronExampleRunsAndOutputsAgree) { check_example_run("perceptron.toml"); }

// docs/models.md embeds `axon models --markdown` between two markers: the tables there are the
// field tables of the model headers, or this fails.
TEST(Cli, ModelTablesInTheDocsAreCurrent) {
    const Result r = axon_cli("models --markdown");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream file(std::string(AXON_DOCS_DIR) + "/models.md");
    const std::string docs((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const std::string begin = "<!-- axon models --markdown: begin -->\n", end = "<!-- axon models --markdown: end -->";
    const std::size_t from = docs.find(begin), to = docs.find(end);
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    EXPECT_EQ(docs.substr(from + begin.size(), to - from - begin.size()), r.output)
        << "regenerate with: build/release/bin/axon models --markdown";
    EXPECT_NE(r.output.find("### `izhikevich`"), std::string::npos);
}

// Ctrl-C during a run: it stops at a step boundary, writes what ran (summary.json says
// "complete": false and how far) and a checkpoint there, and exits 130; --resume continues it.
TEST(Cli, InterruptedRunWritesItsPartAndExits130) {
    const fs::path out = scratch("interrupted"), log = scratch("interrupted_log") / "stderr.txt", ck = scratch("interrupted_ck");
    const std::string file = kExamples + "/cuba.toml";
    const BackgroundRun run = start_axon("run " + file + " --duration 10000000 --out " + out.string() + " --checkpoint " + ck.string(), log);
    ASSERT_GT(run.pid, 0);
    ASSERT_TRUE(run.wait_for("simulating")) << read_text(log);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    ASSERT_EQ(kill(run.pid, SIGINT), 0);
    EXPECT_EQ(run.wait(), 130) << "must stop and exit 130, not die by the signal";
    const nlohmann::json summary = read_json(out / "summary.json");
    EXPECT_FALSE(summary["complete"].get<bool>());
    const double simulated = summary["simulated_ms"].get<double>();
    EXPECT_GT(simulated, 0.0);
    EXPECT_LT(simulated, 10000000.0);
    const Npy spikes = read_npy(out / summary["populations"][0]["spikes_file"].get<std::string>());
    EXPECT_EQ(spikes.shape[0], summary["populations"][0]["spikes"].get<uint64_t>());
    const fs::path rest = scratch("interrupted_rest");
    const Result resumed = axon_cli("run " + file + " --quiet --duration " + std::to_string(simulated + 5.0) + " --resume " +
                                ck.string() + " --out " + rest.string());
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    EXPECT_DOUBLE_EQ(read_json(rest / "summary.json")["resumed_from_ms"].get<double>(), simulated);
}

TEST(Cli, StdpExampleRunsAndWritesWeights) {
    check_example_run("stdp_cuba.toml");
    const fs::path out = scratch("stdp");
    const Result r = axon_cli(std::string("run ") + axon::test::kExamples + "/stdp_cuba.toml --duration 200 --quiet --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const nlohmann::json summary = read_json(out / "summary.json");
    ASSERT_EQ(summary["weights"].size(), 1u);
    const auto& w = summary["weights"][0];
    EXPECT_EQ(w["projection"], "EE");
    const Npy snapshots = read_npy(out / w["file"].get<std::string>());
    const Npy final = read_npy(out / w["final_file"].get<std::string>());
    const Npy pre = read_npy(out / w["pre_file"].get<std::string>());
    const Npy post = read_npy(out / w["post_file"].get<std::string>());
    ASSERT_EQ(snapshots.shape.size(), 2u);
    EXPECT_EQ(snapshots.shape[0], 2u);  // every 100 ms over 200 ms
    const uint64_t n = snapshots.shape[1];
    EXPECT_GT(n, 150000u);
    EXPECT_EQ(final.shape, std::vector<uint64_t>{n});
    EXPECT_EQ(pre.shape, std::vector<uint64_t>{n});
    EXPECT_EQ(post.descr, "'<u4'");
    // The last snapshot is taken after the last step: it equals the final weights.
    EXPECT_EQ(snapshots.data.substr(n * 4, n * 4), final.data);
    EXPECT_NE(snapshots.data.substr(0, n * 4), final.data);  // and the weights changed
    std::vector<float> weights(n);
    std::memcpy(weights.data(), final.data.data(), n * 4);
    for (float x : weights) ASSERT_TRUE(x >= 0.0f && x <= 3.24f);
}

// Spike records of a run's spikes file from time `after_ms` on (exclusive), as raw bytes.
std::string spikes_after(const fs::path& file, double after_ms) {
    const Npy spikes = read_npy(file);
    std::string out;
    for (std::size_t k = 0; k < spikes.data.size(); k += 12) {
        double t;
        std::memcpy(&t, spikes.data.data() + k, 8);
        if (t > after_ms + 1e-9) out += spikes.data.substr(k, 12);
    }
    return out;
}

// A run stopped at 40 ms with --checkpoint and resumed with --resume (on another thread count)
// writes the spikes and final weights of the uninterrupted run from there on, bit for bit.
TEST(Cli, CheckpointAndResumeGiveTheUninterruptedRun) {
    const std::string run = std::string("run ") + axon::test::kExamples + "/stdp_cuba.toml --quiet";
    const fs::path whole = scratch("ck-whole"), first = scratch("ck-first"), rest = scratch("ck-rest"), ck = scratch("ck");
    ASSERT_EQ(axon_cli(run + " --duration 100 --threads 2 --out " + whole.string()).exit_code, 0);
    const Result r1 = axon_cli(run + " --duration 40 --threads 1 --checkpoint " + ck.string() + " --out " + first.string());
    ASSERT_EQ(r1.exit_code, 0) << r1.output;
    EXPECT_NE(r1.output.find("checkpoint at 40.0 ms in " + (ck / "checkpoint.axc").string() + " (continue with --resume"),
              std::string::npos)
        << r1.output;
    EXPECT_TRUE(read_json(first / "summary.json")["resumed_from_ms"].is_null());
    const Result r2 = axon_cli(run + " --duration 100 --threads 2 --resume " + ck.string() + " --out " + rest.string());
    ASSERT_EQ(r2.exit_code, 0) << r2.output;
    EXPECT_NE(r2.output.find("resumed from 40.0 ms"), std::string::npos) << r2.output;
    const nlohmann::json summary = read_json(rest / "summary.json");
    EXPECT_DOUBLE_EQ(summary["resumed_from_ms"].get<double>(), 40.0);
    EXPECT_DOUBLE_EQ(summary["simulated_ms"].get<double>(), 100.0);
    for (const char* pop : {"E", "I"}) {
        const std::string name = std::string(pop) + "_spikes.npy";
        const std::string expected = spikes_after(whole / name, 40.0);
        EXPECT_FALSE(expected.empty());
        EXPECT_EQ(read_npy(rest / name).data, expected) << pop;
        EXPECT_EQ(read_npy(first / name).data + expected, read_npy(whole / name).data) << pop;
        // The rate is over what ran: (40, 100] ms.
        const double neurons = summary["populations"][pop == std::string("E") ? 0 : 1]["neurons"].get<double>();
        EXPECT_NEAR(summary["populations"][pop == std::string("E") ? 0 : 1]["mean_rate_Hz"].get<double>(),
                    static_cast<double>(expected.size() / 12) / (neurons * 0.06), 1e-9);
    }
    EXPECT_EQ(read_npy(rest / "weights0_final.npy").data, read_npy(whole / "weights0_final.npy").data);
}

// --checkpoint-every writes the checkpoint at every multiple of its interval and at the end.
TEST(Cli, CheckpointEveryInterval) {
    const fs::path ck = scratch("ck-every");
    const Result r = axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 70 --checkpoint-every 30 " +
                          "--checkpoint " + ck.string() + " --out " + scratch("ck-every-out").string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("checkpoint at 30 ms written"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("checkpoint at 60 ms written"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("checkpoint at 70.0 ms in"), std::string::npos) << r.output;
    std::vector<std::string> names;
    for (const auto& f : fs::directory_iterator(ck)) names.push_back(f.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"checkpoint.axc"});
    // Resuming at the end runs nothing and writes empty spike files.
    const fs::path out = scratch("ck-every-end");
    const Result end = axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 70 --quiet --resume " +
                            ck.string() + " --out " + out.string());
    ASSERT_EQ(end.exit_code, 0) << end.output;
    EXPECT_EQ(read_npy(out / "E_spikes.npy").shape, std::vector<uint64_t>{0});
}

TEST(Cli, FullMicrocircuitValidates) {
    // Building 0.3 billion synapses takes minutes on a CI machine: validated here, run by
    // `axon run examples/experiments/microcircuit.toml`.
    const Result r = axon_cli(std::string("validate ") + axon::test::kExamples + "/microcircuit.toml");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("77169 neurons"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("about 298880968 synapses"), std::string::npos) << r.output;
}

TEST(Cli, DefaultRunNeedsNoFile) {
    const fs::path out = scratch("default");
    const Result r = axon_cli("run --duration 20 --quiet --out " + out.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find("progress"), std::string::npos) << "quiet prints no progress";
    const nlohmann::json summary = read_json(out / "summary.json");
    EXPECT_EQ(summary["neurons"].get<uint64_t>(), 12500u);
    EXPECT_EQ(summary["synapses"].get<uint64_t>(), 15625000u);
    EXPECT_TRUE(fs::exists(out / "E_spikes.npy"));
}

TEST(Cli, ProfileReportsTimePerPhase) {
    const fs::path out = scratch("profile");
    const Result r = axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 50 --quiet --profile --out " +
                          out.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("time per phase: update"), std::string::npos) << r.output;
    const nlohmann::json phases = read_json(out / "summary.json")["phases_s"];
    ASSERT_EQ(phases.size(), 5u);
    for (const char* phase : {"update", "inputs", "propagate", "learn", "record"})
        EXPECT_GE(phases.at(phase).get<double>(), 0.0) << phase;
    EXPECT_GT(phases.at("propagate").get<double>(), 0.0);
    // Without --profile the object is there and empty.
    const fs::path plain = scratch("no-profile");
    ASSERT_EQ(axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 20 --quiet --out " + plain.string())
                  .exit_code,
              0);
    EXPECT_TRUE(read_json(plain / "summary.json")["phases_s"].empty());
}

TEST(Cli, ProgressLinesWhenNotATerminal) {
    const Result r = axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 100 --out " +
                          scratch("progress").string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("progress:  50% (50 / 100 ms simulated"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("progress: 100%"), std::string::npos) << r.output;
}

TEST(Cli, SeedOverrideChangesSpikesAndRepeatsExactly) {
    const std::string run = std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 50 --quiet";
    const fs::path a = scratch("s5a"), b = scratch("s5b"), c = scratch("s6");
    ASSERT_EQ(axon_cli(run + " --seed 5 --out " + a.string()).exit_code, 0);
    ASSERT_EQ(axon_cli(run + " --seed 5 --out " + b.string()).exit_code, 0);
    ASSERT_EQ(axon_cli(run + " --seed 6 --out " + c.string()).exit_code, 0);
    const std::string spikes_a = read_npy(a / "E_spikes.npy").data;
    EXPECT_FALSE(spikes_a.empty());
    EXPECT_EQ(spikes_a, read_npy(b / "E_spikes.npy").data);
    EXPECT_NE(spikes_a, read_npy(c / "E_spikes.npy").data);
}

TEST(Cli, ValidateAndInfoAndHelp) {
    const Result v = axon_cli(std::string("validate ") + axon::test::kExamples + "/brunel_a.toml");
    ASSERT_EQ(v.exit_code, 0) << v.output;
    EXPECT_NE(v.output.find("12500 neurons"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("about 15625000 synapses"), std::string::npos) << v.output;
    const Result i = axon_cli("info");
    ASSERT_EQ(i.exit_code, 0) << i.output;
    EXPECT_NE(i.output.find("backends compiled in: cpu (available)"), std::string::npos) << i.output;
    EXPECT_NE(i.output.find(std::string("distributed runs: ") + (axon::kHasMpi ? "yes" : "no")), std::string::npos) << i.output;
    EXPECT_EQ(axon_cli("--help").exit_code, 0);
    EXPECT_EQ(axon_cli("run --help").exit_code, 0);
    EXPECT_EQ(axon_cli("frobnicate").exit_code, 2);
}

// The README shows what the code does: its TOML block is examples/experiments/tour.toml, where
// every population spikes; its error example is what a typo in that file gives; every line of its
// C++ block is in examples/quickstart.cpp, which runs in the tests.
// A run replaces its output folder as a whole: checkpoints cannot live there.
TEST(Cli, CheckpointFolderCannotBeTheOutputFolder) {
    const fs::path out = scratch("ck_is_out");
    const Result r = axon_cli("run " + kExamples + "/cuba.toml --duration 10 --out " + out.string() + " --checkpoint " +
                              out.string() + "/");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("is the output folder"), std::string::npos) << r.output;
}

TEST(Cli, ReadmeSnippetsAreTrue) {
    const std::string readme = read_text(fs::path(AXON_DOCS_DIR) / ".." / "README.md");
    const std::string tour = read_text(kExamples + "/tour.toml");
    EXPECT_NE(readme.find("```toml\n" + tour + "```"), std::string::npos) << "README's TOML block differs from tour.toml";
    const fs::path out = scratch("tour");
    const Result run = axon_cli("run " + kExamples + "/tour.toml --duration 200 --quiet --out " + out.string());
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const nlohmann::json summary = read_json(out / "summary.json");  // alive through the loop
    for (const auto& pop : summary["populations"])
        EXPECT_GT(pop["spikes"].get<uint64_t>(), 100u) << pop["name"] << " is silent";

    const std::string typo = "size = 800\n";
    std::string bad = tour;
    bad.insert(bad.find(typo) + typo.size(), "tau_m_sm = 20.0\n");
    const fs::path file = write_file(scratch("readme_typo"), "tour.toml", bad);
    const Result error = axon_cli("validate " + file.string());
    EXPECT_EQ(error.exit_code, 1);
    const std::size_t quote = readme.find("`tour.toml:");
    ASSERT_NE(quote, std::string::npos);
    const std::string shown = readme.substr(quote + 1, readme.find(", …`", quote) - quote - 1);
    EXPECT_NE(error.output.find(file.parent_path().string() + "/" + shown), std::string::npos)
        << "README: " << shown << "\nactual: " << error.output;

    const std::string quickstart = read_text(fs::path(kExamples) / ".." / "quickstart.cpp");
    const std::size_t from = readme.find("```cpp\n#include \"axon/axon.hpp\"");
    ASSERT_NE(from, std::string::npos);
    std::istringstream block(readme.substr(from + 7, readme.find("```", from + 7) - from - 7));
    for (std::string line; std::getline(block, line);) {
        const std::string code = line.substr(0, line.find("//"));
        const auto first = code.find_first_not_of(' '), last = code.find_last_not_of(' ');
        if (first == std::string::npos) continue;
        EXPECT_NE(quickstart.find(code.substr(first, last - first + 1)), std::string::npos)
            << "README C++ line not in examples/quickstart.cpp: " << line;
    }
}

// --brief: the totals only, one screen even for the full microcircuit; the full form lists the
// parts, recording included.
TEST(Cli, ValidateBriefFitsOneScreen) {
    const std::string file = kExamples + "/microcircuit.toml";
    const Result full = axon_cli("validate " + file), brief = axon_cli("validate --brief " + file);
    ASSERT_EQ(brief.exit_code, 0) << brief.output;
    EXPECT_LE(std::count(brief.output.begin(), brief.output.end(), '\n'), 10) << brief.output;
    EXPECT_GT(std::count(full.output.begin(), full.output.end(), '\n'), 40) << full.output;
    EXPECT_NE(brief.output.find("recording over the run"), std::string::npos) << brief.output;
    const Result stdp = axon_cli("validate " + kExamples + "/stdp_cuba.toml");
    EXPECT_NE(stdp.output.find("weight recorder 0 ('EE')"), std::string::npos) << stdp.output;
}

// --ranks N: one rank's plan, for the backends that run distributed.
TEST(Cli, ValidatePlansOneRank) {
    const std::string file = kExamples + "/brunel_a.toml";
    const Result ranks = axon_cli("validate --brief --ranks 4 " + file);
    ASSERT_EQ(ranks.exit_code, 0) << ranks.output;
    EXPECT_NE(ranks.output.find("backend cpu: about 15625000 synapses"), std::string::npos) << ranks.output;
    EXPECT_NE(ranks.output.find("on each of 4 ranks"), std::string::npos) << ranks.output;
    // The cuda plan where this build runs cuda (a build without CUDA cannot run it distributed).
    EXPECT_EQ(ranks.output.find("backend cuda: about 15625000 synapses") != std::string::npos,
              axon::backend_runs_distributed("cuda"))
        << ranks.output;
    EXPECT_EQ(axon_cli("validate --ranks 0 " + file).exit_code, 2);
}

TEST(Cli, ANetworkWithoutInputGetsAWarning) {
    const fs::path file = write_file(scratch("no_input"), "still.toml", "[[population]]\nname = \"E\"\nmodel = \"lif_exp\"\nsize = 10\n");
    const Result r = axon_cli("validate " + file.string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("[warning] " + file.string() + ": the network has no input"), std::string::npos) << r.output;
    for (const char* example : {"cuba.toml", "coba.toml", "perceptron.toml"})
        EXPECT_EQ(axon_cli("validate " + kExamples + "/" + example).output.find("no input"), std::string::npos) << example;
}

// ---- bad input: one test per kind, each naming file:line, the field and what is allowed ----

const char* kGood = R"([simulation]
duration_ms = 10

[[population]]
name = "E"
model = "lif_exp"
size = 10
)";

Result validate_text(const std::string& name, const std::string& text) {
    const fs::path file = write_file(scratch("bad"), name, text);
    return axon_cli("validate " + file.string());
}

void expect_error(const Result& r, int code, std::initializer_list<const char*> fragments) {
    EXPECT_EQ(r.exit_code, code) << r.output;
    for (const char* f : fragments) EXPECT_NE(r.output.find(f), std::string::npos) << "'" << f << "' not in: " << r.output;
}

TEST(CliErrors, MalformedToml) {
    expect_error(validate_text("malformed.toml", "[simulation]\ndt_ms = = 0.1\n"), 1,
                 {"malformed.toml:2:", "malformed TOML"});
}

TEST(CliErrors, UnknownKeyWithSuggestion) {
    expect_error(validate_text("unknown.toml", std::string(kGood) + "tau_m_sm = 10.0\n"), 1,
                 {"unknown.toml:8:", "population 'E'", "unknown key 'tau_m_sm'", "did you mean 'tau_m_ms'?"});
    // Each model's keys come from its field table: a LIF key is unknown to an Izhikevich population.
    expect_error(validate_text("izh.toml", "[[population]]\nname = \"N\"\nmodel = \"izhikevich\"\nsize = 5\ntau_m_ms = 10.0\n"),
                 1, {"izh.toml:5:", "population 'N'", "unknown key 'tau_m_ms'", "a, b, c_mV, d, v_th_mV"});
    expect_error(validate_text("model.toml", "[[population]]\nname = \"N\"\nmodel = \"hodgkin\"\nsize = 5\n"), 1,
                 {"model.toml:3:", "\"lif_exp\", \"lif_delta\", \"poisson\", \"izhikevich\""});
    expect_error(validate_text("unknown_top.toml", std::string(kGood) + "[recordings]\n"), 1,
                 {"unknown key 'recordings'", "did you mean 'recording'?"});
}

TEST(CliErrors, UnknownPlasticityKey) {
    expect_error(validate_text("plastic.toml", std::string(kGood) + R"([[projection]]
pre = "E"
post = "E"
rule = "all_to_all"
weight = 0.5
plasticity = { rule = "stdp", tau_plus = 20.0 }
)"),
                 1, {"plastic.toml:13:", "projection 'E->E': plasticity", "unknown key 'tau_plus'",
                     "did you mean 'tau_plus_ms'?"});
}

TEST(CliErrors, BadCurrentSteps) {
    const std::string steps = std::string(kGood) + "\n[[current_steps]]\npopulation = \"E\"\n";
    expect_error(validate_text("steps_every.toml", steps + "values = [1.0]\n"), 1,
                 {"steps_every.toml:9:", "[[current_steps]]", "missing field 'every_ms'"});
    expect_error(validate_text("steps_row.toml", steps + "every_ms = 1.0\nvalues = [[1.0, 2.0]]\n"), 1,
                 {"steps_row.toml:9:", "values[0] = 2 values is invalid; allowed: 1 value (for every neuron) or size = 10"});
    expect_error(validate_text("steps_type.toml", steps + "every_ms = 1.0\nvalues = [\"a\"]\n"), 1,
                 {"steps_type.toml:12:", "values must hold numbers or arrays of numbers only; got a string"});
}

TEST(CliErrors, StrictCommandLineValues) {
    // Exit 2 (usage), the option, the value and what is allowed; nothing wraps or reads as hex.
    expect_error(axon_cli("run --seed -1"), 2, {"--seed: '-1' is not a decimal integer in [0, 18446744073709551615]"});
    expect_error(axon_cli("run --seed 18446744073709551616"), 2, {"'18446744073709551616' is not a decimal integer"});
    expect_error(axon_cli("run --seed 0x10"), 2, {"'0x10' is not a decimal integer"});
    expect_error(axon_cli("run --duration nan"), 2, {"--duration: 'nan' is not a finite number in [0, 1e+12]"});
    expect_error(axon_cli("run --duration inf"), 2, {"'inf' is not a finite number"});
    expect_error(axon_cli("run --threads 1e3"), 2, {"--threads: '1e3' is not a decimal integer in [0, 4096]"});
    expect_error(axon_cli("rn"), 2, {"unknown command 'rn'; allowed: run, validate, info, models (did you mean 'run'?)"});
}

TEST(CliErrors, InputThatWasAcceptedSilently) {
    expect_error(axon_cli("validate " + scratch("a_directory").string()), 1, {"is a directory; an experiment file (TOML) is expected"});
    expect_error(validate_text("empty_v.toml", std::string(kGood) + "initial_v_values_mV = []\n"), 1,
                 {"empty_v.toml:8:", "initial_v_values_mV = [] is invalid; allowed: exactly size = 10 values"});
    expect_error(validate_text("tiny_dt.toml", "[simulation]\ndt_ms = 1e-50\n[[population]]\nname = \"E\"\nmodel = \"lif_exp\"\nsize = 10\n"),
                 1, {"dt_ms = 1e-50 is invalid; allowed: [0.0001, 1000]"});
    expect_error(validate_text("long_name.toml", "[[population]]\nname = \"" + std::string(300, 'x') + "\"\nmodel = \"lif_exp\"\nsize = 10\n"),
                 1, {"name = 300 bytes is invalid; allowed: at most 200 bytes"});
    expect_error(validate_text("huge.toml", std::string(kGood) + "[[projection]]\npre = \"E\"\npost = \"E\"\n"
                                                               "rule = \"fixed_indegree\"\nindegree = 4611686018427387904\nweight = 1.0\n"),
                 1, {"indegree = 4611686018427387904 is invalid; allowed: a rule making at most 2^56 synapses per projection"});
}

TEST(CliErrors, WrongType) {
    expect_error(validate_text("type.toml", std::string(kGood) + "tau_m_ms = \"ten\"\n"), 1,
                 {"type.toml:8:", "tau_m_ms must be a number; got a string"});
}

TEST(CliErrors, MissingField) {
    expect_error(validate_text("missing.toml", "[[population]]\nname = \"E\"\nmodel = \"lif_exp\"\n"), 1,
                 {"missing.toml:1:", "population 'E'", "missing field 'size'"});
    expect_error(validate_text("missing_rule.toml", std::string(kGood) +
                                                         "[[projection]]\npre = \"E\"\npost = \"E\"\nweight = 1.0\n"),
                 1, {"missing_rule.toml:8:", "projection 'E->E'", "missing field 'rule'"});
}

TEST(CliErrors, ValueOutOfRange) {
    expect_error(validate_text("range.toml", std::string(kGood) + "tau_m_ms = -5.0\n"), 1,
                 {"range.toml:4:", "population 'E': tau_m_ms = -5 is invalid; allowed: (0, inf)"});
    expect_error(validate_text("range_p.toml", std::string(kGood) + "[[projection]]\npre = \"E\"\npost = \"E\"\n"
                                                                    "rule = \"fixed_probability\"\np = 1.5\nweight = 1.0\n"),
                 1, {"range_p.toml:8:", "projection 'E->E': p = 1.5 is invalid; allowed: [0, 1]"});
    expect_error(validate_text("range_choice.toml", std::string(kGood) + "[[projection]]\npre = \"E\"\npost = \"E\"\n"
                                                                         "rule = \"fixed_prob\"\nweight = 1.0\n"),
                 1, {"rule = \"fixed_prob\" is invalid; allowed:", "\"fixed_probability\""});
}

TEST(CliErrors, UndefinedPopulation) {
    expect_error(validate_text("undefined.toml", std::string(kGood) + "[[projection]]\npre = \"E\"\npost = \"X\"\n"
                                                                      "rule = \"all_to_all\"\nweight = 1.0\n"),
                 1, {"undefined.toml:10:", "post", "unknown population 'X'; defined: 'E'"});
}

TEST(CliErrors, ReservedPopulationName) {
    expect_error(validate_text("reserved.toml", "[[population]]\nname = \"all\"\nmodel = \"lif_exp\"\nsize = 3\n"), 1,
                 {"reserved.toml:2:", "name", "\"all\" is reserved", "any other name"});
}

TEST(CliErrors, OutputFolderNotWritable) {
    const fs::path dir = scratch("blocked");
    write_file(dir, "a_file", "not a folder");
    const Result r = axon_cli(std::string("run ") + axon::test::kExamples + "/cuba.toml --duration 1 --out " +
                          (dir / "a_file" / "sub").string());
    expect_error(r, 1, {"output folder", "a_file/sub", "cannot be created"});
}

TEST(CliErrors, NetworkTooLargeForTheBackend) {
    // 2e6 x 2e6 all-to-all: 1.6e13 bytes, refused by the memory plan before anything is built.
    const Result r = axon_cli("run " + write_file(scratch("large"), "large.toml", R"([[population]]
name = "A"
model = "lif_delta"
size = 2000000

[[projection]]
pre = "A"
post = "A"
rule = "all_to_all"
weight = 0.1
)").string() + " --out " + scratch("large-out").string());
    expect_error(r, 3, {"network needs about", "on backend 'cpu' but only", "of host memory is available"});
}

TEST(CliErrors, BadCheckpointOptions) {
    const std::string run = std::string("run ") + axon::test::kExamples + "/cuba.toml --quiet --out " + scratch("ck-bad").string();
    expect_error(axon_cli(run + " --checkpoint-every 10"), 2, {"--checkpoint-every requires --checkpoint"});
    expect_error(axon_cli(run + " --checkpoint-every 0 --checkpoint x"), 2,
                 {"--checkpoint-every: '0' is not a finite number in (0, 1e+12]"});
    expect_error(axon_cli(run + " --checkpoint-every nan --checkpoint x"), 2, {"'nan' is not a finite number"});
    expect_error(axon_cli(run + " --checkpoint-every 0.01 --checkpoint " + scratch("ck-bad-dir").string()), 1,
                 {"--checkpoint-every 0.01 ms is shorter than one step (dt 0.1 ms)"});
    const fs::path none = scratch("ck-none");
    const std::string missing = (none / "checkpoint.axc").string() + ": cannot read the checkpoint";
    expect_error(axon_cli(run + " --resume " + none.string()), 1, {missing.c_str()});
    // A checkpoint of another seed, and one past the duration.
    const fs::path ck = scratch("ck-seed");
    ASSERT_EQ(axon_cli(run + " --duration 20 --checkpoint " + ck.string()).exit_code, 0);
    expect_error(axon_cli(run + " --duration 30 --seed 9 --resume " + ck.string()), 1,
                 {"checkpoint of another network: its time step 0.1 ms and seed 1 is this network's time step 0.1 ms and "
                  "seed 9"});
    expect_error(axon_cli(run + " --duration 10 --resume " + ck.string()), 1,
                 {"the checkpoint is at 20 ms, past the run's duration of 10 ms"});
    write_file(ck, "checkpoint.axc", "not one");
    expect_error(axon_cli(run + " --duration 30 --resume " + ck.string()), 1, {"not an Axon checkpoint"});
}

}  // namespace
