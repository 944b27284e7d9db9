// Distributed: one network over the processes of `mpirun`, the same spikes as one process.
//     mpirun -np 4 build/release/bin/distributed [duration_ms]
// Every rank builds the same network and makes the same calls; each simulates its share of
// every population, and every answer (here the spikes) is the whole network's on every rank.
#include <cstdio>
#include <cstdlib>

#include <mpi.h>

#include "axon/axon.hpp"
#include "axon/mpi.hpp"

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    const double duration_ms = argc > 1 ? std::atof(argv[1]) : 500.0;
    const axon::Network net = axon::models::brunel_a(axon::models::BrunelOptions{12500});
    bool identical = true;
    {
        axon::SimulatorOptions options;
        options.threads = 1;  // one core per rank
        options.communicator = axon::mpi_communicator(MPI_COMM_WORLD);
        axon::Simulator sim(net, options);
        sim.run(duration_ms);
        const axon::RunStats mine = sim.stats();  // this rank's figures
        std::printf("rank %d of %d: built in %.2f s, simulated in %.2f s, %.2f s of it exchanging spikes\n",
                    options.communicator->rank(), options.communicator->size(), mine.construction_s, mine.simulation_s,
                    mine.communication_s);
        if (options.communicator->rank() == 0) {
            const axon::SpikeTrain& e = sim.spikes(axon::PopulationId{0});
            std::printf("E: %zu spikes, %.1f Hz\n", e.size(), e.size() / (10000 * duration_ms * 1e-3));
            axon::Simulator alone(net, axon::SimulatorOptions{"cpu", 1});  // rank 0 checks: one process
            alone.run(duration_ms);
            for (uint32_t p = 0; p < net.populations().size(); ++p)
                identical = identical && alone.spikes(axon::PopulationId{p}).neurons == sim.spikes(axon::PopulationId{p}).neurons &&
                            alone.spikes(axon::PopulationId{p}).steps == sim.spikes(axon::PopulationId{p}).steps;
            std::printf("identical to a one-process run: %s\n", identical ? "yes" : "NO");
        }
    }  // the Simulator and its communicator go before MPI does
    MPI_Finalize();
    return identical ? 0 : 1;
}
