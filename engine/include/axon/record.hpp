/// @file record.hpp
/// Recorded spikes and sampled state.
#pragma once
#include "axon/export.hpp"
#include <cstddef>
#include <vector>

#include "axon/types.hpp"

namespace axon AXON_API {

/// Spikes of one population in time order (and neuron order within a step).
/// A spike in step t is emitted at the end of the step: time (t + 1) * dt.
struct SpikeTrain {
    std::vector<Step> steps;
    std::vector<NeuronId> neurons;

    std::size_t size() const { return steps.size(); }
    bool empty() const { return steps.empty(); }
    double time_ms(std::size_t i, double dt_ms) const { return static_cast<double>(steps[i] + 1) * dt_ms; }
};

/// State of chosen neurons sampled every `every_steps` steps, after the step:
/// sample k was taken at the end of step steps[k], time (steps[k] + 1) * dt.
struct SampleSeries {
    PopulationId population;
    std::vector<NeuronId> neurons;
    std::vector<StateVar> vars;
    uint32_t every_steps = 1;
    std::vector<Step> steps;
    std::vector<float> values;  ///< [sample][var][neuron], row-major

    float value(std::size_t sample, std::size_t var, std::size_t neuron) const {
        return values[(sample * vars.size() + var) * neurons.size() + neuron];
    }
};

/// Snapshots of one projection's weights (CSR order) taken after steps steps[k].
struct WeightSeries {
    ProjectionId projection;
    uint32_t every_steps = 1;
    uint64_t synapses = 0;
    std::vector<Step> steps;
    std::vector<float> values;  ///< [snapshot][synapse]
};

/// Everything recorded in a run: spikes per population (empty trains for populations not
/// recorded), one series per sampler and one per weight recorder.
struct Recording {
    std::vector<SpikeTrain> spikes;
    std::vector<SampleSeries> samples;
    std::vector<WeightSeries> weights;
};

/// Activity statistics of one population over a time window.
struct ActivityStats {
    uint64_t spikes = 0;
    double mean_rate_Hz = 0;  ///< spikes / (neurons * window)
    double mean_cv_isi = 0;   ///< mean CV of inter-spike intervals over neurons with >= 3 spikes
    uint32_t neurons_with_cv = 0;
};

/// Rates and ISI CV of a spike train of a population of `n_neurons` over (t_start, t_end] ms:
/// spikes happen at the ends of steps, so a run of T ms has its spikes in (0, T].
ActivityStats activity(const SpikeTrain& train, uint32_t n_neurons, double dt_ms, double t_start_ms,
                       double t_end_ms);

/// activity() over spikes handed over in pieces, in time order (Simulator::on_spikes): the same
/// figures, bit for bit, as activity() over the whole train, in memory that does not grow with
/// the run (32 bytes per neuron).
class ActivityAccumulator {
public:
    /// Spikes in (t_start_ms, t_end_ms] count; others are ignored.
    ActivityAccumulator(uint32_t n_neurons, double dt_ms, double t_start_ms, double t_end_ms);
    void add(const SpikeTrain& piece);
    /// The figures over (t_start_ms, min(t_end_ms, until_ms)]: a run that stopped early passes
    /// the time it reached.
    ActivityStats stats(double until_ms) const;

private:
    struct Neuron {
        uint64_t spikes = 0;
        double last_ms = 0, isi_sum = 0, isi_sum2 = 0;
    };
    std::vector<Neuron> neurons_;
    double dt_ms_, t_start_ms_, t_end_ms_;
    uint64_t spikes_ = 0;
};

}  // namespace axon
