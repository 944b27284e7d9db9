#include "run_report.hpp"

#include <sys/resource.h>

#include "axon/memory.hpp"

namespace axon::cli {

uint64_t peak_host_memory() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

void print_summary(const Simulator& sim, std::FILE* out) {
    const Network& net = sim.network();
    const double t_ms = sim.time_ms();
    std::fprintf(out, "\n%-12s %10s %12s %12s %10s\n", "population", "neurons", "spikes", "rate (Hz)", "CV ISI");
    for (uint32_t p = 0; p < net.populations().size(); ++p) {
        const PopulationSpec& pop = net.populations()[p];
        if (!net.recorded()[p]) {
            std::fprintf(out, "%-12s %10u %12s %12s %10s\n", pop.name.c_str(), pop.size, "-", "-", "-");
            continue;
        }
        const ActivityStats a = activity(sim.spikes(PopulationId{p}), pop.size, net.dt_ms(), 0.0, t_ms);
        std::fprintf(out, "%-12s %10u %12llu %12.3f %10.3f\n", pop.name.c_str(), pop.size,
                     static_cast<unsigned long long>(a.spikes), a.mean_rate_Hz, a.mean_cv_isi);
    }
    const RunStats s = sim.stats();
    std::fprintf(out, "\nbackend %s | %llu neurons | %llu synapses | %.1f ms simulated (dt %.3g ms)\n",
                 sim.backend_name().c_str(), static_cast<unsigned long long>(net.neuron_count()),
                 static_cast<unsigned long long>(s.synapses), t_ms, net.dt_ms());
    std::fprintf(out, "construction %.3f s | simulation %.3f s | real-time factor %.3f\n", s.construction_s,
                 s.simulation_s, s.real_time_factor(net.dt_ms()));
    std::fprintf(out, "synaptic events %.3e (%.3e /s) | peak host memory %s\n", static_cast<double>(s.synaptic_events),
                 s.simulation_s > 0 ? static_cast<double>(s.synaptic_events) / s.simulation_s : 0.0,
                 format_bytes(peak_host_memory()).c_str());
}

}  // namespace axon::cli
