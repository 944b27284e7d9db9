// `axon run`: runs the embedded default network (Brunel 2000 model A, 12,500 neurons).
#include <memory>
#include <string>

#include "axon/log.hpp"
#include "axon/simulator.hpp"
#include "axon/standard_models.hpp"
#include "commands.hpp"
#include "run_report.hpp"

namespace axon::cli {
namespace {

struct RunArgs {
    double duration_ms = 1000.0;
    std::string backend = "cpu";
    uint64_t seed = 1;
    int threads = 0;
    bool quiet = false;
};

}  // namespace

Action add_run_command(CLI::App& app) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* run = app.add_subcommand("run", "Run the embedded default network (Brunel 2000 model A, 12,500 neurons)");
    run->add_option("--duration", args->duration_ms, "Simulated time in ms")->check(CLI::NonNegativeNumber)->capture_default_str();
    run->add_option("--backend", args->backend, "Backend")->check(CLI::IsMember({"cpu", "cuda", "auto"}))->capture_default_str();
    run->add_option("--seed", args->seed, "Seed of every random draw")->capture_default_str();
    run->add_option("--threads", args->threads, "CPU threads (0 = all)")->check(CLI::NonNegativeNumber)->capture_default_str();
    run->add_flag("--quiet", args->quiet, "Print only the summary");
    return [args] {
        models::BrunelOptions options;
        options.seed = args->seed;
        if (!args->quiet) logger().info("building Brunel model A, {} neurons (seed {})", options.neurons, options.seed);
        Simulator sim(models::brunel_a(options), SimulatorOptions{args->backend, args->threads});
        if (!args->quiet)
            logger().info("built in {:.2f} s; simulating {} ms on '{}'", sim.stats().construction_s, args->duration_ms,
                          sim.backend_name());
        sim.run(args->duration_ms);
        print_summary(sim, stdout);
        return kOk;
    };
}

}  // namespace axon::cli
