#include "read_experiment_bytes.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <toml++/toml.h>

#include "axon/experiment.hpp"
#include "axon/memory.hpp"

namespace axon::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFileMarker = "\n#file\n";

/// This process's folder for the files an input carries, removed at exit (libFuzzer exits
/// normally at the end of its time; after a crash it stays, under scripts/fuzz.sh's TMPDIR).
class Scratch {
public:
    Scratch() {
        std::string name = (fs::temp_directory_path() / "axon-fuzz-XXXXXX").string();
        if (!mkdtemp(name.data())) throw std::runtime_error("cannot create a folder like " + name);
        dir_ = name;
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    /// The folder holding `files` as 1.npy, 2.npy, ... and nothing else: no file of an earlier
    /// input can be read by this one.
    const fs::path& holding(const std::vector<std::string_view>& files) {
        // Files are overwritten in place: creating a file anew costs far more (ext4).
        for (; written_ > files.size(); --written_) fs::remove(name(written_));
        for (std::size_t k = 0; k < files.size(); ++k) std::ofstream(name(k + 1), std::ios::binary) << files[k];
        written_ = files.size();
        return dir_;
    }

private:
    fs::path name(std::size_t k) const { return dir_ / (std::to_string(k) + ".npy"); }

    fs::path dir_;
    std::size_t written_ = 0;
};

/// Spike sources and projections from arrays take 8 to 24 B per neuron of their populations as
/// soon as they are read (offsets by neuron, by design; the library refuses sizes the host
/// cannot hold), so with large populations they would only reach libFuzzer's memory limit.
constexpr int64_t kMaxNeuronsWithOffsets = int64_t{1} << 24;

/// What decides whether the target skips an input, gathered from every table and value.
struct Scan {
    bool slash = false;    // a string with a '/'
    bool large = false;    // a size above kMaxNeuronsWithOffsets
    bool offsets = false;  // a spike source or a projection from arrays

    void visit(const toml::node& node) {
        if (const toml::value<std::string>* s = node.as_string()) slash = slash || s->get().find('/') != std::string::npos;
        if (const toml::table* t = node.as_table()) {
            large = large || (*t)["size"].value_or(int64_t{0}) > kMaxNeuronsWithOffsets;
            offsets = offsets || (*t)["model"].value_or(std::string()) == "spike_source" ||
                      (*t)["rule"].value_or(std::string()) == "from_arrays";
            for (const auto& [key, value] : *t) visit(value);
        }
        if (const toml::array* a = node.as_array())
            for (const toml::node& value : *a) visit(value);
    }
};

/// Whether the target skips an input: for a string with a '/' (it could name a file outside
/// the scratch folder, and then a run would depend on the machine), or for offsets by neuron
/// of a large population. Malformed TOML is read: the reader refuses it before any file.
bool skipped(const std::string& toml_text) {
    Scan scan;
    try {
        scan.visit(toml::parse(toml_text));
    } catch (const toml::parse_error&) {
        return false;
    }
    return scan.slash || (scan.large && scan.offsets);
}

}  // namespace

void read_experiment_bytes(const uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // The TOML text up to the first marker, then the files.
    std::vector<std::string_view> files;
    std::size_t at = input.find(kFileMarker);
    const std::string toml_text(input.substr(0, at));
    while (at != std::string_view::npos) {
        const std::size_t from = at + kFileMarker.size();
        at = input.find(kFileMarker, from);
        files.push_back(input.substr(from, at == std::string_view::npos ? at : at - from));
    }
    if (skipped(toml_text)) return;

    static Scratch scratch;
    const fs::path& dir = scratch.holding(files);
    const Experiment e = parse_experiment(toml_text, (dir / "experiment.toml").string());

    // What `axon validate` computes from it (engine/cli/cmd_validate.cpp), for both backends'
    // plans whichever are compiled.
    const Network& net = e.network;
    std::string report = std::to_string(net.neuron_count()) + std::to_string(net.populations().size()) +
                         std::to_string(net.projections().size()) + std::to_string(net.poisson_inputs().size()) +
                         std::to_string(net.samplers().size()) +
                         std::to_string(static_cast<unsigned long long>(e.duration_ms / net.dt_ms() + 0.5));
    for (const char* backend : {"cpu", "cuda"}) {
        const MemoryPlan plan = estimate_memory(net, backend);
        report += std::to_string(plan.expected_synapses) + format_bytes(plan.total_bytes());
        for (const MemoryPart& part : plan.parts) report += part.name + format_bytes(part.bytes);
    }
}

}  // namespace axon::fuzz
