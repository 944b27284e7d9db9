// The CPU reference's results pinned: each golden network (golden_networks.cpp) is run under
// every ISA of the CPU kernels this machine runs (kernels/cpu/isa.hpp), and the digests of
// its spikes, final state, connectivity, weights and counters must equal the committed ones
// (digests.txt) and the baseline's, so that a change of results is never silent and no
// machine's loops differ from another's. A missing or moved digest fails;
// AXON_GOLDEN_UPDATE=1 rewrites the file from the baseline's results instead (see its header).
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>

#include "axon/log.hpp"
#include "axon/simulator.hpp"
#include "golden/golden_file.hpp"
#include "golden/golden_networks.hpp"
#include "golden/network_digest.hpp"
#include "kernels/cpu/isa.hpp"

namespace axon::test {
namespace {

using cpu::Isa;

const GoldenDigests& committed() {
    static const GoldenDigests file = GoldenDigests::read(golden_file_path());
    return file;
}

// What this run computed, by network and ISA.
std::map<std::pair<std::string, Isa>, NetworkDigest>& computed() {
    static std::map<std::pair<std::string, Isa>, NetworkDigest> digests;
    return digests;
}

// Update mode: after all tests, rewrite the file with this run's baseline digests in network
// order (networks this run did not compute, e.g. under a filter, keep their entries).
class WriteUpdatedFile : public ::testing::Environment {
public:
    void TearDown() override {
        if (!golden_update_requested()) return;
        GoldenDigests file;
        int written = 0;
        for (const GoldenNetwork& n : golden_networks()) {
            const auto run = computed().find({n.name, Isa::baseline});
            written += run != computed().end();
            for (std::size_t k = 0; k < kDigestParts.size(); ++k) {
                const std::optional<uint64_t> old = committed().find(n.name, kDigestParts[k]);
                if (run != computed().end()) file.set(n.name, kDigestParts[k], run->second.parts[k]);
                else if (old) file.set(n.name, kDigestParts[k], *old);
            }
        }
        file.write(golden_file_path());
        logger().info("golden digests of {} networks written to {}", written, golden_file_path());
    }
};
[[maybe_unused]] const auto* const kWriter = ::testing::AddGlobalTestEnvironment(new WriteUpdatedFile);

// The kernels run `isa` while this lives.
class ForcedIsa {
public:
    explicit ForcedIsa(Isa isa) { cpu::force_isa(isa); }
    ~ForcedIsa() { cpu::unforce_isa(); }
    ForcedIsa(const ForcedIsa&) = delete;
    ForcedIsa& operator=(const ForcedIsa&) = delete;
};

const NetworkDigest& run_and_digest(const GoldenNetwork& n, Isa isa) {
    const auto key = std::make_pair(n.name, isa);
    if (const auto done = computed().find(key); done != computed().end()) return done->second;
    ForcedIsa forced(isa);
    Simulator sim(n.build(), SimulatorOptions{"cpu", 0});
    sim.run(n.duration_ms);
    const NetworkDigest& run = computed()[key] = digest_of(sim);
    std::ostringstream digests;
    for (std::size_t k = 0; k < kDigestParts.size(); ++k) digests << " " << kDigestParts[k] << " " << to_hex(run.parts[k]);
    logger().info("{} on {}: {};{}", n.name, cpu::to_string(isa), run.counts(), digests.str());
    return run;
}

// Every part of `run` against `expected(part)`; one failure lists every part that differs.
template <class Expected>
void expect_parts(const NetworkDigest& run, Expected expected, const std::string& what) {
    std::ostringstream moved;
    for (std::size_t k = 0; k < kDigestParts.size(); ++k) {
        const std::optional<uint64_t> want = expected(k);
        if (!want) moved << "\n  " << kDigestParts[k] << ": no entry (this run: " << to_hex(run.parts[k]) << ")";
        else if (*want != run.parts[k])
            moved << "\n  " << kDigestParts[k] << " moved: expected " << to_hex(*want) << ", this run " << to_hex(run.parts[k]);
    }
    if (!moved.str().empty()) ADD_FAILURE() << what << " (this run: " << run.counts() << ")" << moved.str();
}

std::string unavailable_reason(Isa isa) {
    return std::string(cpu::to_string(isa)) +
           (cpu::isa_built(isa) ? " loops not run: this CPU lacks their instructions"
                                : " loops not built (only GCC on x86-64 without sanitizers builds them)");
}

class Golden : public ::testing::TestWithParam<std::tuple<GoldenNetwork, Isa>> {};

TEST_P(Golden, MatchesTheCommittedDigests) {
    const auto& [n, isa] = GetParam();
    if (!cpu::isa_available(isa)) GTEST_SKIP() << unavailable_reason(isa);
    const NetworkDigest& run = run_and_digest(n, isa);
    EXPECT_GT(run.spikes, 0u) << n.name << ": a silent network pins little";
    if (isa != Isa::baseline) {
        const NetworkDigest& baseline = run_and_digest(n, Isa::baseline);
        expect_parts(run, [&](std::size_t k) { return std::optional<uint64_t>(baseline.parts[k]); },
                     n.name + ": the " + std::string(cpu::to_string(isa)) + " loops give other results than the baseline's" +
                         " (baseline: " + baseline.counts() + ")");
    }
    if (golden_update_requested()) return;  // WriteUpdatedFile writes the baseline's digests
    expect_parts(run, [&](std::size_t k) { return committed().find(n.name, kDigestParts[k]); },
                 n.name + " on " + std::string(cpu::to_string(isa)) + " does not match " + golden_file_path() +
                     "; a change of results must say so in its commit message, and AXON_GOLDEN_UPDATE=1 rewrites the "
                     "file (see its header)");
}

INSTANTIATE_TEST_SUITE_P(Networks, Golden, ::testing::Combine(::testing::ValuesIn(golden_networks()),
                                                              ::testing::ValuesIn(cpu::known_isas())),
                         [](const ::testing::TestParamInfo<std::tuple<GoldenNetwork, Isa>>& info) {
                             return std::get<0>(info.param).name + "_" +
                                    std::string(cpu::to_string(std::get<1>(info.param)));
                         });

// An entry for a network or part the test does not know would never be checked.
TEST(GoldenFile, HoldsOnlyKnownNetworksAndParts) {
    if (golden_update_requested()) GTEST_SKIP() << "update mode: the file is rewritten";
    ASSERT_FALSE(committed().entries().empty()) << "no digests in " << golden_file_path();
    for (const GoldenEntry& e : committed().entries()) {
        bool known_network = false, known_part = false;
        for (const GoldenNetwork& n : golden_networks()) known_network |= n.name == e.network;
        for (const char* part : kDigestParts) known_part |= e.part == part;
        EXPECT_TRUE(known_network && known_part) << "unknown entry '" << e.network << " " << e.part << "' in "
                                                 << golden_file_path();
    }
}

}  // namespace
}  // namespace axon::test
