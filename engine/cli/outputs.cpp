#include "outputs.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <fstream>
#include <optional>

#include "axon/errors.hpp"
#include "npy.hpp"
#include "output_file.hpp"

namespace axon::cli {

namespace {

namespace fs = std::filesystem;

const std::string kSpikeDescr = "[('time_ms', '<f8'), ('neuron', '<u4')]";

template <class T>
void write_npy(OutputFile& file, const std::string& descr, const std::vector<uint64_t>& shape, const std::vector<T>& values) {
    file.write(npy_header(descr, shape));
    file.write(values.data(), values.size() * sizeof(T));
    file.close();
}

/// A population name made safe as a file name.
std::string file_stem(const std::string& name) {
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
    return out;
}

}  // namespace

/// One recorded population's spike files, written piece by piece: the .npy header reserves room
/// for any count and is rewritten with the real one at the end.
class SpikeFiles {
public:
    SpikeFiles(const OutputFolder& folder, std::string stem, bool csv, uint32_t neurons, double dt_ms)
        : stem(std::move(stem)), npy_(folder.staged(this->stem + ".npy")), activity_(neurons, dt_ms, 0.0, kNoEnd),
          neurons_(neurons), dt_ms_(dt_ms) {
        npy_.write(npy_header(kSpikeDescr, {0}, npy_header_capacity(kSpikeDescr)));
        if (csv) {
            csv_.emplace(folder.staged(this->stem + ".csv"));
            csv_->write("time_ms,neuron\n");
        }
    }

    void add(const SpikeTrain& piece) {
        std::vector<char> records(piece.size() * 12);
        std::string text;
        char line[64];
        for (std::size_t k = 0; k < piece.size(); ++k) {
            const double t = piece.time_ms(k, dt_ms_);
            const uint32_t neuron = piece.neurons[k];
            std::memcpy(&records[k * 12], &t, 8);
            std::memcpy(&records[k * 12 + 8], &neuron, 4);
            if (csv_) text.append(line, static_cast<std::size_t>(std::snprintf(line, sizeof line, "%.10g,%u\n", t, neuron)));
        }
        npy_.write(records.data(), records.size());
        if (csv_) csv_->write(text);
        activity_.add(piece);
        count_ += piece.size();
    }

    void close() {
        npy_.write_at(0, npy_header(kSpikeDescr, {count_}, npy_header_capacity(kSpikeDescr)));
        npy_.close();
        if (csv_) csv_->close();
    }

    std::vector<std::string> files() const {
        if (csv_) return {stem + ".npy", stem + ".csv"};
        return {stem + ".npy"};
    }
    ActivityStats activity(double until_ms) const { return activity_.stats(until_ms); }
    void start_at(double start_ms) { activity_ = ActivityAccumulator(neurons_, dt_ms_, start_ms, kNoEnd); }
    const std::string stem;

private:
    OutputFile npy_;
    std::optional<OutputFile> csv_;
    static constexpr double kNoEnd = std::numeric_limits<double>::infinity();
    ActivityAccumulator activity_;
    uint32_t neurons_;
    double dt_ms_;
    uint64_t count_ = 0;
};

namespace {

nlohmann::json write_samples(const OutputFolder& folder, const SampleSeries& s, uint32_t k, const Network& net,
                             std::vector<std::string>& files) {
    const std::string stem = "sample" + std::to_string(k);
    OutputFile values(folder.staged(stem + ".npy"));
    write_npy(values, "'<f4'", {s.steps.size(), s.vars.size(), s.neurons.size()}, s.values);
    std::vector<double> times;
    for (Step step : s.steps) times.push_back(static_cast<double>(step + 1) * net.dt_ms());
    OutputFile time_file(folder.staged(stem + "_time_ms.npy"));
    write_npy(time_file, "'<f8'", {times.size()}, times);
    files.push_back(stem + ".npy");
    files.push_back(stem + "_time_ms.npy");
    nlohmann::json vars = nlohmann::json::array();
    for (StateVar v : s.vars) vars.push_back(to_string(v));
    return {{"file", stem + ".npy"},
            {"time_file", stem + "_time_ms.npy"},
            {"population", net.population(s.population).name},
            {"neurons", s.neurons},
            {"vars", vars},
            {"every_steps", s.every_steps},
            {"shape", {s.steps.size(), s.vars.size(), s.neurons.size()}}};
}

/// Weight snapshots [snapshot][synapse], their times, the final weights and each synapse's
/// pre and post neuron (CSR order), as weights<k>*.npy.
nlohmann::json write_weights(const OutputFolder& folder, const Simulator& sim, uint32_t k, const Connections& c,
                             std::vector<std::string>& files) {
    const WeightSeries& w = sim.weight_snapshots(k);
    const std::string stem = "weights" + std::to_string(k);
    auto write = [&](const std::string& suffix, const std::string& descr, const std::vector<uint64_t>& shape,
                     const auto& values) {
        OutputFile file(folder.staged(stem + suffix));
        write_npy(file, descr, shape, values);
        files.push_back(stem + suffix);
    };
    write(".npy", "'<f4'", {w.steps.size(), w.synapses}, w.values);
    std::vector<double> times;
    for (Step s : w.steps) times.push_back(static_cast<double>(s + 1) * sim.network().dt_ms());
    write("_time_ms.npy", "'<f8'", {times.size()}, times);
    write("_final.npy", "'<f4'", {c.weight.size()}, c.weight);
    std::vector<uint32_t> pre(c.post.size());
    for (uint32_t i = 0; i + 1 < c.row_start.size(); ++i)
        std::fill(pre.begin() + static_cast<std::ptrdiff_t>(c.row_start[i]),
                  pre.begin() + static_cast<std::ptrdiff_t>(c.row_start[i + 1]), i);
    write("_pre.npy", "'<u4'", {pre.size()}, pre);
    write("_post.npy", "'<u4'", {c.post.size()}, c.post);
    return {{"projection", sim.network().projections()[w.projection.index].name},
            {"file", stem + ".npy"},
            {"time_file", stem + "_time_ms.npy"},
            {"final_file", stem + "_final.npy"},
            {"pre_file", stem + "_pre.npy"},
            {"post_file", stem + "_post.npy"},
            {"every_steps", w.every_steps},
            {"shape", {w.steps.size(), w.synapses}}};
}

}  // namespace

void prepare_folder(const std::string& dir, const std::string& role) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw ConfigError(role + " '" + dir + "' cannot be created: " + ec.message());
    const std::string probe = (fs::path(dir) / ".axon-write-test").string();
    {
        std::ofstream out(probe);
        if (!out) throw ConfigError(role + " '" + dir + "' cannot be written: " + std::strerror(errno));
    }
    fs::remove(probe, ec);
}

RunOutputs::RunOutputs(const std::string& dir, const Network& net, bool csv, double planned_ms)
    : folder_(dir), raster_(net, planned_ms) {
    std::vector<std::string> stems;
    spikes_.resize(net.populations().size());
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        if (!net.recorded()[p]) continue;
        std::string stem = file_stem(net.populations()[p].name) + "_spikes";
        if (std::find(stems.begin(), stems.end(), stem) != stems.end()) stem += "_" + std::to_string(p);  // "E 1" vs "E_1"
        stems.push_back(stem);
        spikes_[p] = std::make_unique<SpikeFiles>(folder_, stem, csv, net.populations()[p].size, net.dt_ms());
    }
}

RunOutputs::~RunOutputs() = default;

void RunOutputs::start_at(double start_ms) {
    for (auto& files : spikes_)
        if (files) files->start_at(start_ms);
    raster_.start_at(start_ms);
}

void RunOutputs::add_spikes(PopulationId population, const SpikeTrain& piece) {
    if (!spikes_.at(population.index)) return;
    spikes_[population.index]->add(piece);
    raster_.add(population, piece);
}

std::vector<ActivityStats> RunOutputs::activity(double until_ms) const {
    std::vector<ActivityStats> stats(spikes_.size());
    for (std::size_t p = 0; p < spikes_.size(); ++p)
        if (spikes_[p]) stats[p] = spikes_[p]->activity(until_ms);
    return stats;
}

std::vector<Connections> recorded_connections(const Simulator& sim) {
    std::vector<Connections> out;
    for (const WeightRecorderSpec& w : sim.network().weight_recorders()) out.push_back(sim.connections(w.projection));
    return out;
}

std::vector<std::string> RunOutputs::finish(const Simulator& sim, const RunSummary& summary,
                                            const std::vector<Connections>& connections) {
    const Network& net = sim.network();
    std::vector<std::string> files;
    nlohmann::json json = to_json(summary);
    for (std::size_t p = 0; p < spikes_.size(); ++p) {
        if (!spikes_[p]) continue;
        spikes_[p]->close();
        for (const std::string& f : spikes_[p]->files()) files.push_back(f);
        json["populations"][p]["spikes_file"] = spikes_[p]->stem + ".npy";
    }
    json["samples"] = nlohmann::json::array();
    for (uint32_t k = 0; k < net.samplers().size(); ++k)
        json["samples"].push_back(write_samples(folder_, sim.samples(SamplerId{k}), k, net, files));
    json["weights"] = nlohmann::json::array();
    for (uint32_t k = 0; k < net.weight_recorders().size(); ++k)
        json["weights"].push_back(write_weights(folder_, sim, k, connections.at(k), files));
    if (!raster_.empty()) {
        OutputFile svg(folder_.staged("raster.svg"));
        svg.write(raster_.svg(summary.experiment, sim.time_ms()));
        svg.close();
        files.push_back("raster.svg");
    }
    files.push_back("summary.json");
    json["files"] = files;
    OutputFile summary_file(folder_.staged("summary.json"));
    summary_file.write(json.dump(2) + "\n");
    summary_file.close();
    folder_.commit();
    return files;
}

}  // namespace axon::cli
