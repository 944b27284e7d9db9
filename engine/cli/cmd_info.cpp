// `axon info`: version, build options, backends compiled in and devices found.
#include <cstdio>

#include "axon/backend.hpp"
#include "axon/memory.hpp"
#include "axon/version.hpp"
#include "commands.hpp"

namespace axon::cli {

Action add_info_command(CLI::App& app) {
    app.add_subcommand("info", "Print version, build options, backends and devices");
    return [] {
        std::printf("axon %s (%s build, %s)\n", kVersion, kBuildType, kCompiler);
        std::printf("CUDA option: AXON_CUDA=%s, architectures: %s%s\n", kCudaOption,
                    kCudaArchitectures[0] ? kCudaArchitectures : "none",
                    "");
        std::printf("MPI option: AXON_MPI=%s, distributed runs: %s\n", kMpiOption,
                    kHasMpi ? "yes (mpirun -np N axon run)" : "no");
        std::printf("backends compiled in:");
        for (const auto& name : compiled_backends())
            std::printf(" %s (%s)", name.c_str(), backend_available(name) ? "available" : "not available here");
        std::printf("\n");
        const auto devices = cuda_devices();
        if (devices.empty()) std::printf("CUDA devices: none found\n");
        for (const auto& d : devices)
            std::printf("CUDA device %d: %s, %s, compute capability %d.%d, %d multiprocessors, %.0f GB/s peak\n",
                        d.index, d.name.c_str(), format_bytes(d.memory_bytes).c_str(), d.cc_major, d.cc_minor,
                        d.multiprocessors, d.memory_bandwidth_GBps);
        return kOk;
    };
}

}  // namespace axon::cli
