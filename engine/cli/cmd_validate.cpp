// `axon validate FILE`: checks an experiment file without running it and prints the network's
// size, its memory estimate per backend and what recording will keep; `--brief` keeps it to one
// screen for large files (totals only); `--ranks N` plans one rank of a distributed run.
#include <cstdio>
#include <memory>
#include <string>

#include "axon/backend.hpp"
#include "axon/experiment.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "commands.hpp"
#include "input_check.hpp"

namespace axon::cli {
namespace {

struct ValidateArgs {
    std::string file;
    bool brief = false;
    int ranks = 1;
};

void print_parts(const MemoryPlan& plan) {
    for (const MemoryPart& part : plan.parts)
        std::printf("  %-48s %12s\n", part.name.c_str(), format_bytes(part.bytes).c_str());
}

int validate(const ValidateArgs& args) {
    const Experiment e = load_experiment(args.file);
    const Network& net = e.network;
    std::printf("%s: valid\n", args.file.c_str());
    std::printf("%zu populations, %llu neurons, %zu projections, %zu Poisson inputs, %zu samplers, %zu weight recorders\n",
                net.populations().size(), static_cast<unsigned long long>(net.neuron_count()), net.projections().size(),
                net.poisson_inputs().size(), net.samplers().size(), net.weight_recorders().size());
    const auto steps = static_cast<Step>(e.duration_ms / net.dt_ms() + 0.5);
    std::printf("simulation: %.6g ms at dt %.6g ms (%llu steps), seed %llu, backend %s\n", e.duration_ms, net.dt_ms(),
                static_cast<unsigned long long>(steps), static_cast<unsigned long long>(net.seed()), e.backend.c_str());
    for (const std::string& backend : compiled_backends()) {
        if (args.ranks > 1 && !backend_runs_distributed(backend)) continue;
        const MemoryPlan plan = estimate_memory(net, backend, args.ranks);
        const std::string room = backend_memory_here(backend);
        const std::string per_rank = args.ranks > 1 ? " on each of " + std::to_string(args.ranks) + " ranks" : "";
        std::printf("backend %s: about %llu synapses, %s%s (%s)\n", backend.c_str(),
                    static_cast<unsigned long long>(plan.expected_synapses), format_bytes(plan.total_bytes()).c_str(),
                    per_rank.c_str(), room.c_str());
        if (!args.brief) print_parts(plan);
    }
    const MemoryPlan recording = estimate_recording(net, steps);
    std::printf("recording over the run: %s of samples and weight snapshots in memory; spikes go to their files as "
                "the run goes\n",
                format_bytes(recording.total_bytes()).c_str());
    if (!args.brief) print_parts(recording);
    if (const auto warning = no_input_warning(net)) logger().warn("{}: {}", args.file, *warning);
    return kOk;
}

}  // namespace

Action add_validate_command(CLI::App& app) {
    auto args = std::make_shared<ValidateArgs>();
    CLI::App* cmd = app.add_subcommand("validate", "Check an experiment file and estimate its size, without running it");
    cmd->add_option("FILE", args->file, "Experiment file (TOML)")->required();
    cmd->add_flag("--brief", args->brief, "Totals only: one screen, whatever the network's size");
    cmd->add_option("--ranks", args->ranks, "Plan one rank's share of a distributed run over N ranks (docs/scaling.md)")
        ->check(CLI::Range(1, 1000000));
    return [args] { return validate(*args); };
}

}  // namespace axon::cli
