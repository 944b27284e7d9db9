#include "outputs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "atomic_file.hpp"
#include "axon/errors.hpp"
#include "npy.hpp"

namespace axon::cli {
namespace {

namespace fs = std::filesystem;

template <class T>
void put(std::ostream& out, T value) {
    out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

void write_spikes_npy(const SpikeTrain& s, double dt, const std::string& path) {
    AtomicFile file(path);
    write_npy_header(file.stream(), "[('time_ms', '<f8'), ('neuron', '<u4')]", {s.size()});
    for (std::size_t k = 0; k < s.size(); ++k) {
        put(file.stream(), s.time_ms(k, dt));
        put(file.stream(), static_cast<uint32_t>(s.neurons[k]));
    }
    file.commit();
}

void write_spikes_csv(const SpikeTrain& s, double dt, const std::string& path) {
    AtomicFile file(path);
    file.stream() << "time_ms,neuron\n";
    char line[64];
    for (std::size_t k = 0; k < s.size(); ++k) {
        std::snprintf(line, sizeof line, "%.10g,%u\n", s.time_ms(k, dt), s.neurons[k]);
        file.stream() << line;
    }
    file.commit();
}

void write_samples(const SampleSeries& s, double dt, const std::string& values_path, const std::string& times_path) {
    AtomicFile values(values_path);
    write_npy_header(values.stream(), "'<f4'", {s.steps.size(), s.vars.size(), s.neurons.size()});
    values.stream().write(reinterpret_cast<const char*>(s.values.data()),
                          static_cast<std::streamsize>(s.values.size() * sizeof(float)));
    values.commit();
    AtomicFile times(times_path);
    write_npy_header(times.stream(), "'<f8'", {s.steps.size()});
    for (Step step : s.steps) put(times.stream(), static_cast<double>(step + 1) * dt);
    times.commit();
}

template <class T>
void write_vector_npy(const std::vector<T>& values, const std::string& descr, const std::string& path) {
    AtomicFile file(path);
    write_npy_header(file.stream(), descr, {values.size()});
    file.stream().write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
    file.commit();
}

/// Weight snapshots [snapshot][synapse], their times, the final weights and each synapse's
/// pre and post neuron (CSR order), as weights<k>*.npy.
nlohmann::json write_weights(const Simulator& sim, uint32_t k, const std::string& dir, std::vector<std::string>& files) {
    const WeightSeries& w = sim.weight_snapshots(k);
    const Connections c = sim.connections(w.projection);
    const std::string stem = "weights" + std::to_string(k);
    auto path = [&](const std::string& suffix) { return (fs::path(dir) / (stem + suffix)).string(); };
    {
        AtomicFile values(path(".npy"));
        write_npy_header(values.stream(), "'<f4'", {w.steps.size(), w.synapses});
        values.stream().write(reinterpret_cast<const char*>(w.values.data()),
                              static_cast<std::streamsize>(w.values.size() * sizeof(float)));
        values.commit();
    }
    std::vector<double> times;
    for (Step s : w.steps) times.push_back(static_cast<double>(s + 1) * sim.network().dt_ms());
    write_vector_npy(times, "'<f8'", path("_time_ms.npy"));
    write_vector_npy(c.weight, "'<f4'", path("_final.npy"));
    std::vector<uint32_t> pre(c.post.size());
    for (uint32_t i = 0; i + 1 < c.row_start.size(); ++i)
        std::fill(pre.begin() + static_cast<std::ptrdiff_t>(c.row_start[i]),
                  pre.begin() + static_cast<std::ptrdiff_t>(c.row_start[i + 1]), i);
    write_vector_npy(pre, "'<u4'", path("_pre.npy"));
    write_vector_npy(c.post, "'<u4'", path("_post.npy"));
    for (const char* suffix : {".npy", "_time_ms.npy", "_final.npy", "_pre.npy", "_post.npy"}) files.push_back(stem + suffix);
    return {{"projection", sim.network().projections()[w.projection.index].name},
            {"file", stem + ".npy"},
            {"time_file", stem + "_time_ms.npy"},
            {"final_file", stem + "_final.npy"},
            {"pre_file", stem + "_pre.npy"},
            {"post_file", stem + "_post.npy"},
            {"every_steps", w.every_steps},
            {"shape", {w.steps.size(), w.synapses}}};
}

/// A population name made safe as a file name.
std::string file_stem(const std::string& name) {
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
    return out;
}

}  // namespace

void prepare_output_folder(const std::string& dir, const std::string& role) {
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

std::vector<std::string> write_outputs(const Simulator& sim, const Experiment& experiment, const RunSummary& summary,
                                       const std::string& dir) {
    const Network& net = sim.network();
    const double dt = net.dt_ms();
    std::vector<std::string> files;
    nlohmann::json json = to_json(summary);
    std::vector<std::string> stems;
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        if (!net.recorded()[p]) continue;
        std::string stem = file_stem(net.populations()[p].name) + "_spikes";
        if (std::find(stems.begin(), stems.end(), stem) != stems.end()) stem += "_" + std::to_string(p);  // "E 1" vs "E_1"
        stems.push_back(stem);
        write_spikes_npy(sim.spikes(PopulationId{p}), dt, (fs::path(dir) / (stem + ".npy")).string());
        files.push_back(stem + ".npy");
        json["populations"][p]["spikes_file"] = stem + ".npy";
        if (experiment.write_csv) {
            write_spikes_csv(sim.spikes(PopulationId{p}), dt, (fs::path(dir) / (stem + ".csv")).string());
            files.push_back(stem + ".csv");
        }
    }
    json["samples"] = nlohmann::json::array();
    for (uint32_t k = 0; k < net.samplers().size(); ++k) {
        const SampleSeries& s = sim.samples(SamplerId{k});
        const std::string stem = "sample" + std::to_string(k);
        write_samples(s, dt, (fs::path(dir) / (stem + ".npy")).string(),
                      (fs::path(dir) / (stem + "_time_ms.npy")).string());
        nlohmann::json vars = nlohmann::json::array();
        for (StateVar v : s.vars) vars.push_back(to_string(v));
        json["samples"].push_back({{"file", stem + ".npy"},
                                   {"time_file", stem + "_time_ms.npy"},
                                   {"population", net.population(s.population).name},
                                   {"neurons", s.neurons},
                                   {"vars", vars},
                                   {"every_steps", s.every_steps},
                                   {"shape", {s.steps.size(), s.vars.size(), s.neurons.size()}}});
        files.push_back(stem + ".npy");
        files.push_back(stem + "_time_ms.npy");
    }
    json["weights"] = nlohmann::json::array();
    for (uint32_t k = 0; k < net.weight_recorders().size(); ++k) json["weights"].push_back(write_weights(sim, k, dir, files));
    {
        AtomicFile svg((fs::path(dir) / "raster.svg").string());
        svg.stream() << raster_svg(sim, summary.experiment);
        svg.commit();
        files.push_back("raster.svg");
    }
    files.push_back("summary.json");
    json["files"] = files;
    AtomicFile summary_file((fs::path(dir) / "summary.json").string());
    summary_file.stream() << json.dump(2) << '\n';
    summary_file.commit();
    return files;
}

}  // namespace axon::cli
