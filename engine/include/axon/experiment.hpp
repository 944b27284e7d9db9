/// @file experiment.hpp
/// Experiment files: one TOML file describes a whole run (network, duration, backend,
/// recording). The format is documented field by field in docs/file-format.md.
#pragma once
#include "axon/export.hpp"
#include <cstdint>
#include <optional>
#include <string>

#include "axon/network.hpp"

namespace axon AXON_API {

/// A network plus how to run it.
struct Experiment {
    Network network;
    std::string name;           ///< the file's stem ("default" for the embedded network)
    double duration_ms = 1000;  ///< [simulation] duration_ms
    std::string backend = "cpu";
    int threads = 0;
    bool write_csv = false;  ///< [recording] csv: also write spikes as CSV
};

/// Values given on the command line, which take precedence over the file's.
struct ExperimentOverrides {
    std::optional<uint64_t> seed;
};

/// Read and validate an experiment file.
/// @throws ConfigError "FILE:LINE:COLUMN: message" for malformed TOML, unknown keys (with a
/// suggestion), wrong types, missing fields, values out of range and undefined populations;
/// the message names the field and what is allowed.
Experiment load_experiment(const std::string& path, const ExperimentOverrides& overrides = {});

/// The same, from TOML text; `source` names it in messages.
Experiment parse_experiment(const std::string& toml_text, const std::string& source,
                            const ExperimentOverrides& overrides = {});

/// The embedded default: Brunel 2000 model A at 12,500 neurons for 1 s, every spike recorded.
Experiment default_experiment(const ExperimentOverrides& overrides = {});

}  // namespace axon
