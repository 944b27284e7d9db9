// Subcommands of the `axon` command. Each registers its options on the CLI11 app and
// returns the process exit code when run.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace axon::cli {

/// Exit codes: 0 success, 1 bad input (ConfigError) or outputs that cannot be written
/// (OutputError), 2 usage, 3 capacity or backend, 4 internal error, 130/143 interrupted.
enum ExitCode { kOk = 0, kBadInput = 1, kUsage = 2, kCapacity = 3, kInternal = 4, kInterrupted = 130, kTerminated = 143 };

using Action = std::function<int()>;

Action add_run_command(CLI::App& app);
Action add_info_command(CLI::App& app);
Action add_validate_command(CLI::App& app);
Action add_models_command(CLI::App& app);

}  // namespace axon::cli
