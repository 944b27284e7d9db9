// `axon validate FILE`: checks an experiment file without running it and prints the network's
// size and its memory estimate per backend.
#include <cstdio>
#include <memory>
#include <string>

#include "axon/backend.hpp"
#include "axon/experiment.hpp"
#include "axon/memory.hpp"
#include "commands.hpp"

namespace axon::cli {

Action add_validate_command(CLI::App& app) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("validate", "Check an experiment file and estimate its size, without running it");
    cmd->add_option("FILE", *file, "Experiment file (TOML)")->required();
    return [file] {
        const Experiment e = load_experiment(*file);
        const Network& net = e.network;
        std::printf("%s: valid\n", file->c_str());
        std::printf("%zu populations, %llu neurons, %zu projections, %zu Poisson inputs, %zu samplers\n",
                    net.populations().size(), static_cast<unsigned long long>(net.neuron_count()),
                    net.projections().size(), net.poisson_inputs().size(), net.samplers().size());
        std::printf("simulation: %.6g ms at dt %.6g ms (%llu steps), seed %llu, backend %s\n", e.duration_ms,
                    net.dt_ms(), static_cast<unsigned long long>(e.duration_ms / net.dt_ms() + 0.5),
                    static_cast<unsigned long long>(net.seed()), e.backend.c_str());
        const std::vector<DeviceDescription> devices = cuda_devices();
        for (const std::string& backend : compiled_backends()) {
            const MemoryPlan plan = estimate_memory(net, backend);
            // The cpu plan is host memory; the cuda plan is device memory (of device 0).
            const std::string room = backend != "cuda"    ? format_bytes(available_host_memory()) + " of host memory available here"
                                     : devices.empty()    ? std::string("no CUDA device here")
                                                          : format_bytes(devices.front().memory_bytes) + " on " + devices.front().name;
            std::printf("backend %s: about %llu synapses, %s (%s)\n", backend.c_str(),
                        static_cast<unsigned long long>(plan.expected_synapses), format_bytes(plan.total_bytes()).c_str(),
                        room.c_str());
            for (const MemoryPart& part : plan.parts)
                std::printf("  %-48s %12s\n", part.name.c_str(), format_bytes(part.bytes).c_str());
        }
        return kOk;
    };
}

}  // namespace axon::cli
