// `axon run [FILE]`: runs an experiment file, or the embedded default network (Brunel 2000
// model A, 12,500 neurons, 1 s), with progress, a summary and output files.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "axon/errors.hpp"
#include "axon/experiment.hpp"
#include "axon/log.hpp"
#include "axon/memory.hpp"
#include "commands.hpp"
#include "input_check.hpp"
#include "launch.hpp"
#include "strict_values.hpp"
#include "output_file.hpp"
#include "outputs.hpp"
#include "progress.hpp"
#include "run_report.hpp"

namespace axon::cli {
namespace {

// The simulator a signal stops, and the signal that did; a second signal ends the process at
// once (the default action). Only lock-free atomics are touched in the handler.
std::atomic<Simulator*> g_stoppable{nullptr};
std::atomic<int> g_stop_signal{0};

extern "C" void on_stop_signal(int sig) {
    if (g_stop_signal.exchange(sig) != 0) {  // the second one: stop now
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    if (Simulator* sim = g_stoppable.load()) sim->request_stop();
}

int last_stop_signal() { return g_stop_signal.load(); }

/// SIGINT and SIGTERM stop `sim` while this lives.
class StopOnSignals {
public:
    explicit StopOnSignals(Simulator& sim) {
        g_stop_signal = 0;
        g_stoppable = &sim;
        previous_int_ = std::signal(SIGINT, on_stop_signal);
        previous_term_ = std::signal(SIGTERM, on_stop_signal);
    }
    ~StopOnSignals() {
        std::signal(SIGINT, previous_int_);
        std::signal(SIGTERM, previous_term_);
        g_stoppable = nullptr;
    }
    StopOnSignals(const StopOnSignals&) = delete;
    StopOnSignals& operator=(const StopOnSignals&) = delete;

private:
    void (*previous_int_)(int) = SIG_DFL;
    void (*previous_term_)(int) = SIG_DFL;
};

/// The longest stretch of steps whose spikes a run holds before they go to their files.
constexpr Step kSpikeDrainSteps = 1000;

struct RunArgs {
    std::string file;
    std::optional<double> duration_ms;
    std::optional<std::string> backend;
    std::optional<uint64_t> seed;
    std::optional<int> threads;
    std::string out;
    bool csv = false;
    bool quiet = false;
    bool profile = false;
    std::string checkpoint_dir, resume_dir;
    std::optional<double> checkpoint_every_ms;
};

std::string checkpoint_file(const std::string& dir) { return (std::filesystem::path(dir) / "checkpoint.axc").string(); }

// Steps between periodic checkpoints (0: none). @throws ConfigError below one step.
uint64_t checkpoint_every_steps(const RunArgs& args, double dt) {
    if (!args.checkpoint_every_ms) return 0;
    const auto steps = static_cast<uint64_t>(std::llround(*args.checkpoint_every_ms / dt));
    if (steps == 0)
        throw ConfigError("--checkpoint-every " + CLI::detail::to_string(*args.checkpoint_every_ms) +
                          " ms is shorter than one step (dt " + CLI::detail::to_string(dt) + " ms)");
    return steps;
}

int simulate(const RunArgs& args, Experiment& experiment, const std::string& source, const std::string& out_dir);

// Rank 0 writes the outputs; whether it could is agreed, and a failure ends every rank with exit
// code 1, as it does rank 0 (the others learn of it as a plain Error).
void agree_on_outputs(const Launch& ranks, const std::function<void()>& write) {
    try {
        agree(ranks.communicator().get(), write);
    } catch (const OutputError&) {
        throw;
    } catch (const Error& e) {
        if (ranks.root()) throw;
        throw OutputError(e.what());
    }
}

int run(const RunArgs& args) {
    Experiment experiment;
    // Under mpirun every rank reads the file: one that cannot stops them all.
    agree(launch().communicator().get(), [&] {
        experiment = args.file.empty() ? default_experiment(ExperimentOverrides{args.seed})
                                       : load_experiment(args.file, ExperimentOverrides{args.seed});
    });
    if (args.duration_ms) experiment.duration_ms = *args.duration_ms;
    if (args.backend) experiment.backend = *args.backend;
    if (args.threads) experiment.threads = *args.threads;
    experiment.write_csv = experiment.write_csv || args.csv;
    const std::string source = args.file.empty() ? "embedded default (Brunel 2000 model A)" : args.file;
    const std::string out_dir = args.out.empty() ? (std::filesystem::path("axon-out") / experiment.name).string() : args.out;
    for (const std::string& dir : {args.checkpoint_dir, args.resume_dir})
        if (!dir.empty() && std::filesystem::weakly_canonical(dir) == std::filesystem::weakly_canonical(out_dir))
            throw ConfigError("checkpoint folder '" + dir + "' is the output folder; a run replaces its output folder "
                              "as a whole, so keep checkpoints in another folder");
    try {
        return simulate(args, experiment, source, out_dir);
    } catch (const OutputError& e) {
        throw OutputError(std::string(e.what()) + "; nothing in '" + out_dir + "' was changed");
    }
}

/// Runs the experiment with its outputs going to `out_dir`. @throws OutputError when they cannot.
int simulate(const RunArgs& args, Experiment& experiment, const std::string& source, const std::string& out_dir) {
    const double dt = experiment.network.dt_ms();
    const auto total_steps = static_cast<uint64_t>(std::llround(experiment.duration_ms / dt));
    const Launch& ranks = launch();
    // Rank 0 writes the outputs and the checkpoints (every rank holds the whole recording).
    std::optional<RunOutputs> outputs;
    agree_on_outputs(ranks, [&] {
        if (!ranks.root()) return;
        outputs.emplace(out_dir, experiment.network, experiment.write_csv, static_cast<double>(total_steps) * dt);
        if (!args.checkpoint_dir.empty()) prepare_folder(args.checkpoint_dir, "checkpoint folder");
    });
    const uint64_t every_steps = checkpoint_every_steps(args, dt);
    const bool quiet = args.quiet || !ranks.root();

    const Network& net = experiment.network;
    if (const auto warning = no_input_warning(net); warning && ranks.root()) logger().warn("{}: {}", source, *warning);
    if (!quiet)
        logger().info("{}: {} neurons, about {} synapses; building on '{}'{}", source, net.neuron_count(),
                      estimate_memory(net, experiment.backend).expected_synapses, experiment.backend,
                      ranks.ranks() > 1 ? " over " + std::to_string(ranks.ranks()) + " ranks" : "");
    SimulatorOptions options;
    options.backend = experiment.backend;
    options.threads = experiment.threads;
    options.profile = args.profile;
    options.communicator = ranks.communicator();
    Simulator sim(std::move(experiment.network), options);
    std::optional<double> resumed_from;
    if (!args.resume_dir.empty()) {
        sim.restore(checkpoint_file(args.resume_dir));
        resumed_from = sim.time_ms();
        if (sim.current_step() > total_steps)
            throw ConfigError("--resume " + args.resume_dir + ": the checkpoint is at " + CLI::detail::to_string(*resumed_from) +
                              " ms, past the run's duration of " + CLI::detail::to_string(experiment.duration_ms) + " ms");
        if (outputs) outputs->start_at(*resumed_from);
    }
    if (!quiet)
        logger().info("built in {:.2f} s; simulating {} ms{}", sim.stats().construction_s, experiment.duration_ms,
                      resumed_from ? " from " + CLI::detail::to_string(*resumed_from) + " ms on" : "");

    // Spikes go to their files as the run goes: the run holds at most kSpikeDrainSteps steps of them.
    // Every rank hands them on at the same steps (the ranks' runs must stop alike); rank 0 keeps
    // them. A file that cannot take them stops the run on every rank, then fails it.
    std::exception_ptr spike_file_failure;
    sim.on_spikes(
        [&](PopulationId p, const SpikeTrain& piece) {
            if (!outputs || spike_file_failure) return;
            try {
                outputs->add_spikes(p, piece);
            } catch (const OutputError&) {
                spike_file_failure = std::current_exception();
                sim.request_stop();
            }
        },
        kSpikeDrainSteps);
    // Whole steps, in about 100 chunks for the progress display, cut at the checkpoints.
    const uint64_t chunk = std::max<uint64_t>(1, total_steps / 100);
    Progress progress(static_cast<double>(total_steps) * dt, quiet);
    bool stopped = false;  // agreed by every rank: a signal may reach one only
    {
        const StopOnSignals stop(sim);  // Ctrl-C / SIGTERM: stop at a step boundary, keep what ran
        for (uint64_t done = sim.current_step(); done < total_steps;) {
            uint64_t steps = std::min(chunk, total_steps - done);
            if (every_steps) steps = std::min(steps, every_steps - done % every_steps);
            sim.run(static_cast<double>(steps) * dt);
            done = sim.current_step();
            stopped = any_rank(ranks.communicator().get(), sim.stop_requested());
            if (stopped) break;
            if (every_steps && done % every_steps == 0 && done < total_steps) {
                // A failed checkpoint on the way costs a later resume point, not the run.
                try {
                    sim.save_checkpoint(checkpoint_file(args.checkpoint_dir));
                    if (!quiet) logger().info("checkpoint at {:.10g} ms written", sim.time_ms());
                } catch (const Error& e) {
                    logger().warn("checkpoint at {:.10g} ms not written: {}", sim.time_ms(), e.what());
                }
            }
            progress.update(static_cast<double>(done) * dt);
        }
    }
    agree_on_outputs(ranks, [&] {
        if (spike_file_failure) std::rethrow_exception(spike_file_failure);
    });
    progress.finish();

    // Collective: every rank takes part, rank 0 writes (an output error stops every rank).
    std::vector<RankFigures> rank_figures = gather_rank_figures(sim, ranks.communicator().get());
    const std::vector<Connections> connections = recorded_connections(sim);
    agree_on_outputs(ranks, [&] {
        if (!outputs) return;
        RunSummary summary = summarize(sim, experiment, source, outputs->activity(sim.time_ms()), resumed_from,
                                       std::move(rank_figures));
        summary.complete = !stopped;
        print_summary(summary, stdout);
        const auto files = outputs->finish(sim, summary, connections);
        std::printf("wrote %zu files to %s\n", files.size(), out_dir.c_str());
    });
    // Where the run ended or was stopped, after the outputs are safe: a later --resume continues it.
    if (!args.checkpoint_dir.empty()) {
        try {
            sim.save_checkpoint(checkpoint_file(args.checkpoint_dir));
        } catch (const Error& e) {  // exit 1 like any output that cannot be written; the outputs stand
            logger().error("{} (the outputs in '{}' are complete)", e.what(), out_dir);
            return kBadInput;
        }
        if (ranks.root())
            std::printf("checkpoint at %.1f ms in %s (continue with --resume %s)\n", sim.time_ms(),
                        checkpoint_file(args.checkpoint_dir).c_str(), args.checkpoint_dir.c_str());
    }
    if (!stopped) return kOk;
    // The signal that stopped the run, as every rank saw it (a signal may reach one rank only).
    uint64_t sig = static_cast<uint64_t>(last_stop_signal());
    if (ranks.communicator()) ranks.communicator()->all_reduce(&sig, 1, Communicator::Reduction::max);
    if (!ranks.root()) return sig == SIGTERM ? kTerminated : kInterrupted;
    std::printf("interrupted by %s at %.1f ms of %.1f ms: the files hold the run up to there (summary.json: \"complete\": false)\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT", sim.time_ms(), static_cast<double>(total_steps) * dt);
    return sig == SIGTERM ? kTerminated : kInterrupted;
}

}  // namespace

Action add_run_command(CLI::App& app) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* cmd = app.add_subcommand("run", "Run an experiment file, or the embedded default network "
                                              "(Brunel 2000 model A, 12,500 neurons, 1 s)");
    cmd->add_option("FILE", args->file, "Experiment file (TOML, docs/file-format.md)");
    cmd->add_option("--duration", args->duration_ms, "Simulated time in ms (overrides the file)")->check(finite_number(0.0, 1e12));
    cmd->add_option("--backend", args->backend, "Backend (overrides the file)")->check(CLI::IsMember({"cpu", "cuda", "auto"}));
    cmd->add_option("--seed", args->seed, "Seed of every random draw (overrides the file)")
        ->check(decimal_integer(0, UINT64_MAX));
    cmd->add_option("--threads", args->threads, "CPU threads, 0 = all (overrides the file)")->check(decimal_integer(0, 4096));
    cmd->add_option("--out", args->out, "Output folder (default: axon-out/<file stem>)");
    cmd->add_flag("--csv", args->csv, "Also write spikes as CSV");
    cmd->add_flag("--quiet", args->quiet, "No progress or log lines; only the summary");
    cmd->add_flag("--profile", args->profile,
                  "Time each phase of the step pipeline (cuda: launches one by one, slower)");
    CLI::Option* checkpoint = cmd->add_option(
        "--checkpoint", args->checkpoint_dir,
        "Write the run's whole state to DIR/checkpoint.axc where it ends or is stopped (and with --checkpoint-every, "
        "while it runs), for --resume");
    cmd->add_option("--checkpoint-every", args->checkpoint_every_ms,
                    "Also write the checkpoint every MS of simulated time (rounded to whole steps)")
        ->check(finite_number(0.0, 1e12, true))
        ->needs(checkpoint);
    cmd->add_option("--resume", args->resume_dir,
                    "Continue the run of the same experiment from DIR/checkpoint.axc up to the duration; the outputs "
                    "hold what runs from there");
    return [args] { return run(*args); };
}

}  // namespace axon::cli
