#include "checkpoint.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <type_traits>

#include "atomic_write.hpp"
#include "axon/errors.hpp"
#include "axon/version.hpp"
#include "check.hpp"
#include "fnv1a.hpp"
#include "network_fingerprint.hpp"

namespace axon::detail {
namespace {

// Numbers are stored as the host holds them: checkpoints are little-endian by definition.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "checkpoints are written on little-endian hosts");

constexpr std::size_t kSizeAt = 12;      // after the magic and the format version
constexpr std::size_t kHeaderBytes = 20;  // magic, format version, file size
constexpr std::size_t kChecksumBytes = 8;

class Writer {
public:
    template <class T>
    void put(T value) {
        static_assert(std::is_arithmetic_v<T>);
        bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    template <class T>
    void put(const std::vector<T>& values) {
        put<uint64_t>(values.size());
        if (!values.empty()) bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
    void put(const std::string& text) {
        put<uint32_t>(static_cast<uint32_t>(text.size()));
        bytes_ += text;
    }
    /// A section: its tag, its length (filled in by end_section), its body.
    void begin_section(const char (&tag)[5]) {
        bytes_.append(tag, 4);
        section_at_ = bytes_.size();
        put<uint64_t>(0);
    }
    void end_section() {
        const uint64_t length = bytes_.size() - section_at_ - sizeof(uint64_t);
        std::memcpy(&bytes_[section_at_], &length, sizeof length);
    }
    std::string& bytes() { return bytes_; }

private:
    std::string bytes_;
    std::size_t section_at_ = 0;
};

// Reads [at, end) of a file's bytes; anything that runs past its end is a malformed file
// (the checksum matched: a writer's bug or a file made by hand).
class Reader {
public:
    Reader(const std::string& bytes, std::size_t at, std::size_t end, const std::string& path)
        : bytes_(bytes), at_(at), end_(end), path_(path) {}

    template <class T>
    T get() {
        static_assert(std::is_arithmetic_v<T>);
        need(sizeof(T));
        T value;
        std::memcpy(&value, bytes_.data() + at_, sizeof value);
        at_ += sizeof value;
        return value;
    }
    template <class T>
    std::vector<T> get_array() {
        const auto n = get<uint64_t>();
        if (n > (end_ - at_) / sizeof(T)) malformed("an array runs past the end of its section");
        std::vector<T> values(n);
        if (n) std::memcpy(values.data(), bytes_.data() + at_, n * sizeof(T));
        at_ += n * sizeof(T);
        return values;
    }
    std::string get_string() {
        const auto n = get<uint32_t>();
        need(n);
        std::string text = bytes_.substr(at_, n);
        at_ += n;
        return text;
    }
    /// The next section, which must be `tag`; this reader moves past it.
    Reader section(const char (&tag)[5]) {
        need(4);
        if (bytes_.compare(at_, 4, tag, 4) != 0) malformed(std::string("section ") + tag + " is missing");
        at_ += 4;
        const auto length = get<uint64_t>();
        if (length > end_ - at_) malformed(std::string("section ") + tag + " runs past the end of the file");
        Reader body(bytes_, at_, at_ + length, path_);
        at_ += length;
        return body;
    }
    void expect_end(const char* what) {
        if (at_ != end_) malformed(std::string(what) + " has " + std::to_string(end_ - at_) + " bytes left over");
    }
    [[noreturn]] void malformed(const std::string& why) const { throw ConfigError(path_ + ": malformed checkpoint: " + why); }

private:
    void need(std::size_t n) const {
        if (n > end_ - at_) malformed("a value runs past the end of its section");
    }
    const std::string& bytes_;
    std::size_t at_, end_;
    const std::string& path_;
};

void put_state(Writer& w, const BackendState& s) {
    w.begin_section("POPS");
    w.put<uint32_t>(static_cast<uint32_t>(s.populations.size()));
    for (const PopulationState& p : s.populations) {
        w.put<uint32_t>(static_cast<uint32_t>(p.state.size()));
        for (const std::vector<float>& var : p.state) w.put(var);
        w.put(p.i_ext);
        w.put<uint32_t>(p.ring_slots);
        w.put(p.ring);
    }
    w.end_section();
    w.begin_section("PROJ");
    w.put<uint32_t>(static_cast<uint32_t>(s.projections.size()));
    for (const ProjectionState& p : s.projections) {
        w.put<uint64_t>(p.synapses);
        w.put<float>(p.weight_const);
        w.put(p.weights);
        w.put(p.x_pre);
        w.put(p.y_post);
        w.put<uint32_t>(static_cast<uint32_t>(p.in_flight.size()));
        for (const std::vector<uint32_t>& list : p.in_flight) w.put(list);
    }
    w.end_section();
}

void get_state(Reader& r, BackendState& s) {
    Reader pops = r.section("POPS");
    s.populations.resize(pops.get<uint32_t>());
    for (PopulationState& p : s.populations) {
        p.state.resize(pops.get<uint32_t>());
        for (std::vector<float>& var : p.state) var = pops.get_array<float>();
        p.i_ext = pops.get_array<float>();
        p.ring_slots = pops.get<uint32_t>();
        p.ring = pops.get_array<int64_t>();
    }
    pops.expect_end("section POPS");
    Reader projs = r.section("PROJ");
    s.projections.resize(projs.get<uint32_t>());
    for (ProjectionState& p : s.projections) {
        p.synapses = projs.get<uint64_t>();
        p.weight_const = projs.get<float>();
        p.weights = projs.get_array<float>();
        p.x_pre = projs.get_array<float>();
        p.y_post = projs.get_array<float>();
        p.in_flight.resize(projs.get<uint32_t>());
        for (std::vector<uint32_t>& list : p.in_flight) list = projs.get_array<uint32_t>();
    }
    projs.expect_end("section PROJ");
}

std::string read_bytes(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw ConfigError(path + ": is a directory; a checkpoint file is expected");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot read the checkpoint (" + std::string(std::strerror(errno)) + ")");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The frame: magic, format version, length, checksum, in the order that names the most
// telling problem first.
void check_frame(const std::string& bytes, const std::string& path) {
    if (bytes.size() < sizeof kCheckpointMagic || bytes.compare(0, 8, kCheckpointMagic, 8) != 0)
        throw ConfigError(path + ": not an Axon checkpoint (it does not begin with \"AXONCKPT\")");
    if (bytes.size() < kHeaderBytes)
        throw ConfigError(path + ": truncated checkpoint: " + std::to_string(bytes.size()) +
                          " bytes, fewer than its header's " + std::to_string(kHeaderBytes));
    uint32_t format = 0;
    uint64_t size = 0;
    std::memcpy(&format, bytes.data() + 8, sizeof format);
    std::memcpy(&size, bytes.data() + kSizeAt, sizeof size);
    if (format != kCheckpointFormat)
        throw ConfigError(path + ": checkpoint format version " + std::to_string(format) + "; this Axon (" + kVersion +
                          ") reads version " + std::to_string(kCheckpointFormat) + " only");
    if (size != bytes.size())
        throw ConfigError(path + ": " + (bytes.size() < size ? "truncated" : "damaged") + " checkpoint: " +
                          std::to_string(bytes.size()) + " bytes where its header says " + std::to_string(size));
    uint64_t checksum = 0;
    std::memcpy(&checksum, bytes.data() + size - kChecksumBytes, sizeof checksum);
    if (size < kHeaderBytes + kChecksumBytes || checksum != fnv1a(bytes.data(), size - kChecksumBytes))
        throw ConfigError(path + ": corrupt checkpoint: its checksum does not match its content");
}

}  // namespace

std::string encode_checkpoint(const Network& net, const CheckpointContent& content) {
    Writer w;
    w.bytes().append(kCheckpointMagic, sizeof kCheckpointMagic);
    w.put<uint32_t>(kCheckpointFormat);
    w.put<uint64_t>(0);  // the file's size, known at the end
    w.put(std::string(kVersion));
    w.begin_section("NETW");
    const Fingerprint fingerprint = network_fingerprint(net);
    w.put<uint32_t>(static_cast<uint32_t>(fingerprint.size()));
    for (const FingerprintPart& part : fingerprint) {
        w.put(part.label);
        w.put<uint64_t>(part.hash);
    }
    w.end_section();
    w.begin_section("SIMU");
    w.put<uint64_t>(content.backend.step);
    w.put<uint32_t>(static_cast<uint32_t>(content.poisson_rates.size()));
    for (const std::vector<double>& rates : content.poisson_rates) w.put(rates);
    w.put(content.current_steps_applied);
    w.end_section();
    put_state(w, content.backend);
    std::string& bytes = w.bytes();
    const uint64_t size = bytes.size() + kChecksumBytes;
    std::memcpy(&bytes[kSizeAt], &size, sizeof size);
    w.put<uint64_t>(fnv1a(bytes.data(), bytes.size()));
    return std::move(bytes);
}

void write_checkpoint(const std::string& path, const Network& net, const CheckpointContent& content) {
    write_file_atomically(path, encode_checkpoint(net, content));
}

CheckpointContent read_checkpoint(const std::string& path, const Network& net) {
    const std::string bytes = read_bytes(path);
    check_frame(bytes, path);
    Reader r(bytes, kHeaderBytes, bytes.size() - kChecksumBytes, path);
    const std::string version = r.get_string();
    if (version != kVersion)
        throw ConfigError(path + ": checkpoint of Axon " + version + "; this is Axon " + kVersion +
                          ", which restores its own checkpoints only (the same results need the same step functions)");

    Reader network = r.section("NETW");
    Fingerprint saved(network.get<uint32_t>());
    for (FingerprintPart& part : saved) {
        part.label = network.get_string();
        part.hash = network.get<uint64_t>();
    }
    network.expect_end("section NETW");
    const std::string difference = fingerprint_difference(saved, network_fingerprint(net));
    if (!difference.empty()) throw ConfigError(path + ": checkpoint of another network: " + difference);

    CheckpointContent c;
    Reader sim = r.section("SIMU");
    c.backend.step = sim.get<uint64_t>();
    c.poisson_rates.resize(sim.get<uint32_t>());
    for (std::vector<double>& rates : c.poisson_rates) rates = sim.get_array<double>();
    c.current_steps_applied = sim.get_array<Step>();
    sim.expect_end("section SIMU");
    get_state(r, c.backend);
    r.expect_end("the checkpoint");

    if (c.poisson_rates.size() != net.poisson_inputs().size() || c.current_steps_applied.size() != net.current_steps().size())
        r.malformed("its Poisson rates or current schedules do not match its network's");
    for (std::size_t k = 0; k < c.poisson_rates.size(); ++k) {
        const PoissonInputSpec& in = net.poisson_inputs()[k];
        const std::vector<double>& rates = c.poisson_rates[k];
        if (rates.size() != 1 && rates.size() != net.population(in.target).size)
            r.malformed("Poisson input '" + in.name + "' has " + std::to_string(rates.size()) +
                        " rates, neither one nor one per neuron of its target");
        for (const double rate : rates)
            if (!poisson_rate_allowed(rate, net.dt_ms()))
                require_range(path + ": Poisson input '" + in.name + "'", "rate_Hz", rate, 0.0,
                              max_poisson_rate_Hz(net.dt_ms()));
    }
    return c;
}

}  // namespace axon::detail
