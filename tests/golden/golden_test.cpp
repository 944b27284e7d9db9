// The CPU reference's results pinned: each golden network (golden_networks.cpp) is run and
// the digests of its spikes, final state, connectivity, weights and counters must equal the
// committed ones (digests.txt), so that a change of results is never silent. A missing or
// moved digest fails; AXON_GOLDEN_UPDATE=1 rewrites the file instead (see its header).
#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <sstream>
#include <string>

#include "axon/log.hpp"
#include "axon/simulator.hpp"
#include "golden/golden_file.hpp"
#include "golden/golden_networks.hpp"
#include "golden/network_digest.hpp"

namespace axon::test {
namespace {

const GoldenDigests& committed() {
    static const GoldenDigests file = GoldenDigests::read(golden_file_path());
    return file;
}

// What this run computed, by network: written to the file in update mode.
std::map<std::string, NetworkDigest>& computed() {
    static std::map<std::string, NetworkDigest> digests;
    return digests;
}

// Update mode: after all tests, rewrite the file with this run's digests in network order
// (networks this run did not compute, e.g. under a filter, keep their entries).
class WriteUpdatedFile : public ::testing::Environment {
public:
    void TearDown() override {
        if (!golden_update_requested()) return;
        GoldenDigests file;
        for (const GoldenNetwork& n : golden_networks())
            for (std::size_t k = 0; k < kDigestParts.size(); ++k) {
                const auto run = computed().find(n.name);
                const std::optional<uint64_t> old = committed().find(n.name, kDigestParts[k]);
                if (run != computed().end()) file.set(n.name, kDigestParts[k], run->second.parts[k]);
                else if (old) file.set(n.name, kDigestParts[k], *old);
            }
        file.write(golden_file_path());
        logger().info("golden digests of {} networks written to {}", computed().size(), golden_file_path());
    }
};
[[maybe_unused]] const auto* const kWriter = ::testing::AddGlobalTestEnvironment(new WriteUpdatedFile);

NetworkDigest run_and_digest(const GoldenNetwork& n) {
    Simulator sim(n.build(), SimulatorOptions{"cpu", 0});
    sim.run(n.duration_ms);
    return digest_of(sim);
}

// Every part against the file; one failure lists every part that moved or is missing.
void expect_matches_file(const std::string& network, const NetworkDigest& run) {
    std::ostringstream moved;
    for (std::size_t k = 0; k < kDigestParts.size(); ++k) {
        const std::optional<uint64_t> expected = committed().find(network, kDigestParts[k]);
        if (!expected)
            moved << "\n  " << kDigestParts[k] << ": no entry in the file (this run: " << to_hex(run.parts[k]) << ")";
        else if (*expected != run.parts[k])
            moved << "\n  " << kDigestParts[k] << " moved: file " << to_hex(*expected) << ", this run "
                  << to_hex(run.parts[k]);
    }
    if (moved.str().empty()) return;
    ADD_FAILURE() << network << " does not match " << golden_file_path() << " (this run: " << run.counts() << ")"
                  << moved.str()
                  << "\nA change of results must say so in its commit message; regenerate with AXON_GOLDEN_UPDATE=1 "
                     "(see the file's header).";
}

class Golden : public ::testing::TestWithParam<GoldenNetwork> {};

TEST_P(Golden, MatchesTheCommittedDigests) {
    const GoldenNetwork& n = GetParam();
    const NetworkDigest run = run_and_digest(n);
    EXPECT_GT(run.spikes, 0u) << n.name << ": a silent network pins little";
    computed()[n.name] = run;
    if (golden_update_requested()) return;  // written by WriteUpdatedFile
    expect_matches_file(n.name, run);
}

INSTANTIATE_TEST_SUITE_P(Networks, Golden, ::testing::ValuesIn(golden_networks()),
                         [](const ::testing::TestParamInfo<GoldenNetwork>& info) { return info.param.name; });

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
