// The `axon` command: runs experiments, reports the build. Library exceptions become exit codes.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "../src/toml_reader.hpp"

#include "axon/errors.hpp"
#include "axon/log.hpp"
#include "axon/version.hpp"
#include "commands.hpp"
#include "launch.hpp"
#include "output_file.hpp"

int main(int argc, char** argv) {
    using namespace axon::cli;
    const Launch launched(argc, argv);  // one rank of mpirun: MPI until main returns
    if (launched.ranks() > 1) {  // rank 0 reports the run; every rank its warnings and errors
        axon::logger().set_pattern("[%H:%M:%S.%e] [%n] [rank " + std::to_string(launched.rank()) + "] [%^%l%$] %v");
        if (!launched.root()) axon::logger().set_level(spdlog::level::warn);
    }
    CLI::App app{"Axon: a spiking neural network engine (CPU reference and CUDA backends)", "axon"};
    app.set_version_flag("--version", std::string("axon ") + axon::kVersion);
    app.require_subcommand(1);
    const Action run = add_run_command(app);
    const Action validate = add_validate_command(app);
    const Action info = add_info_command(app);
    const Action models = add_models_command(app);
    // A first word that is no option and no command: say so, with the commands there are.
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> commands;
        for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
        if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
            const std::string near = axon::detail::closest_key(argv[1], commands);
            std::string list;
            for (const std::string& c : commands) list += (list.empty() ? "" : ", ") + c;
            std::cerr << "axon: unknown command '" << argv[1] << "'; allowed: " << list
                      << (near.empty() ? "" : " (did you mean '" + near + "'?)") << "\n";
            return kUsage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kOk : kUsage;
    }
    try {
        if (app.got_subcommand("run")) return run();
        if (app.got_subcommand("validate")) return validate();
        if (app.got_subcommand("info")) return info();
        if (app.got_subcommand("models")) return models();
    } catch (const OutputError& e) {  // the folder chosen cannot take the outputs
        axon::logger().error("{}", e.what());
        return kBadInput;
    } catch (const axon::ConfigError& e) {
        axon::logger().error("{}", e.what());
        return kBadInput;
    } catch (const axon::CapacityError& e) {
        axon::logger().error("{}", e.what());
        return kCapacity;
    } catch (const axon::BackendError& e) {
        axon::logger().error("{}", e.what());
        return kCapacity;
    } catch (const axon::Error& e) {
        axon::logger().error("{}", e.what());
        return kInternal;
    } catch (const std::exception& e) {
        axon::logger().error("internal error: {}", e.what());
        return kInternal;
    }
    return kUsage;
}
