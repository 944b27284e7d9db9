#include "golden/golden_file.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "golden/network_digest.hpp"

namespace axon::test {
namespace {

constexpr const char* kHeader =
    "# Golden digests of the CPU reference backend, checked by axon_golden_test\n"
    "# (tests/golden/golden_test.cpp) under every CPU ISA this machine runs (baseline, AVX-512).\n"
    "# Line: network part digest, the digest a 64-bit FNV-1a (tests/golden/digest.hpp) of one part of\n"
    "# the run of a network of tests/golden/golden_networks.cpp:\n"
    "#   spikes        per population: spike steps and neuron ids\n"
    "#   state         per LIF population, final: bits of v, theta, i_exc, i_inh, refractory\n"
    "#   connectivity  per projection: row_start, post, delay_steps\n"
    "#   weights       per projection, final: bits of the weights\n"
    "#   counters      steps, synaptic_events, input_events\n"
    "#\n"
    "# A change that moves a digest is a change of results: its commit message must say so and why.\n"
    "# Regenerate (from the baseline ISA's results; then review the diff and commit it with the change):\n"
    "#   AXON_GOLDEN_UPDATE=1 build/cpu-only/bin/axon_golden_test\n";

}  // namespace

GoldenDigests GoldenDigests::read(const std::string& path) {
    GoldenDigests out;
    std::ifstream in(path);
    if (!in) return out;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string network, part, hex, extra;
        const bool complete = static_cast<bool>(fields >> network >> part >> hex) && !(fields >> extra);
        std::size_t used = 0;
        uint64_t digest = 0;
        try {
            if (complete) digest = std::stoull(hex, &used, 16);
        } catch (const std::exception&) {
            used = 0;
        }
        if (!complete || hex.size() != 16 || used != hex.size())
            throw std::runtime_error(path + ":" + std::to_string(number) + ": expected 'network part <16 hex digits>', got '" +
                                     line + "'");
        if (out.find(network, part))
            throw std::runtime_error(path + ":" + std::to_string(number) + ": " + network + " " + part + " given twice");
        out.entries_.push_back({network, part, digest});
    }
    return out;
}

std::optional<uint64_t> GoldenDigests::find(const std::string& network, const std::string& part) const {
    for (const GoldenEntry& e : entries_)
        if (e.network == network && e.part == part) return e.digest;
    return std::nullopt;
}

void GoldenDigests::set(const std::string& network, const std::string& part, uint64_t digest) {
    for (GoldenEntry& e : entries_)
        if (e.network == network && e.part == part) {
            e.digest = digest;
            return;
        }
    entries_.push_back({network, part, digest});
}

void GoldenDigests::write(const std::string& path) const {
    std::ostringstream text;
    text << kHeader;
    std::string previous;
    for (const GoldenEntry& e : entries_) {
        if (e.network != previous) text << "\n";  // a blank line between networks
        previous = e.network;
        text << e.network << " " << e.part << " " << to_hex(e.digest) << "\n";
    }
    std::ofstream out(path, std::ios::trunc);
    out << text.str();
    if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

std::string golden_file_path() {
    const char* path = std::getenv("AXON_GOLDEN_DIGESTS");
    return path && *path ? path : AXON_GOLDEN_DIGESTS_FILE;
}

bool golden_update_requested() {
    const char* update = std::getenv("AXON_GOLDEN_UPDATE");
    return update && std::string(update) == "1";
}

}  // namespace axon::test
