#include "cuda_recording.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>

#include "../../../kernels/cuda/cuda_check.hpp"
#include "../../../kernels/models/record.hpp"
#include "axon/errors.hpp"

namespace axon::detail {

void CudaRecording::add_population(const PopulationSetup& setup, cudaStream_t stream) {
    GpuSpikeRecord& r = spikes.emplace_back();
    r.recorded = setup.recorded;
    if (!setup.recorded) return;
    r.ids.resize(drain_steps * setup.size);
    r.step_counts.resize(drain_steps);
    r.fill.resize(1);
    r.fill.zero(stream);
}

void CudaRecording::add_sampler(const Network& net, const SamplerSpec& spec, cudaStream_t stream) {
    GpuSampler s;
    s.pending.population = spec.population;
    s.pending.neurons = spec.neurons;
    s.pending.vars = spec.vars;
    s.pending.every_steps = spec.every_steps;
    s.ids = cuda::to_device(std::vector<uint32_t>(spec.neurons.begin(), spec.neurons.end()));
    s.vars = cuda::to_device(sampler_state_indices(net, spec));
    s.filled.resize(1);
    s.filled.zero(stream);
    const uint64_t capacity = drain_steps / spec.every_steps + 1;
    s.buffer.resize(capacity * spec.vars.size() * spec.neurons.size());
    samplers.push_back(std::move(s));
}

void CudaRecording::add_weight_recorder(const WeightRecorderSpec& spec, uint64_t synapses) {
    WeightSeries series;
    series.projection = spec.projection;
    series.every_steps = spec.every_steps;
    series.synapses = synapses;
    weight_series.push_back(std::move(series));
}

// Snapshots are rare: a synchronous copy keeps them simple.
void CudaRecording::take_weight_snapshots(Step step, const std::vector<GpuProjection>& projs,
                                          const CudaStream& stream) {
    for (WeightSeries& w : weight_series) {
        if (!record_due(step - 1, w.every_steps)) continue;
        const GpuProjection& p = projs[w.projection.index];
        stream.sync();
        const std::vector<float> values =
            p.weight.empty() ? std::vector<float>(p.synapses, p.weight_const) : p.weight.download();
        w.steps.push_back(step - 1);
        w.values.insert(w.values.end(), values.begin(), values.end());
    }
}

// Two batches of asynchronous copies into pinned memory, two waits, whatever the number of
// recorded populations and samplers.
void CudaRecording::collect(Step step, GpuStepCounters& counters, const CudaStream& stream) {
    if (steps_since_drain == 0) return;
    using cuda::PinnedStaging;
    const cudaStream_t queue = stream.stream;
    const auto steps = static_cast<std::size_t>(steps_since_drain);
    // Batch 1, one wait: the flags, the clock and every count. Read and check everything
    // before anything changes.
    std::size_t bytes = PinnedStaging::bytes_for<uint32_t>(1) + PinnedStaging::bytes_for<cuda::DeviceClock>(1);
    for (const GpuSpikeRecord& r : spikes)
        if (r.recorded)
            bytes += PinnedStaging::bytes_for<unsigned long long>(1) + PinnedStaging::bytes_for<uint32_t>(steps);
    bytes += samplers.size() * PinnedStaging::bytes_for<uint32_t>(1);
    staging.begin(bytes);
    const uint32_t* overflow = staging.copy(counters.overflow.data(), 1, queue);
    const cuda::DeviceClock* clock = staging.copy(counters.clock.data(), 1, queue);
    std::vector<const unsigned long long*> fills(spikes.size(), nullptr);
    std::vector<const uint32_t*> step_counts(spikes.size(), nullptr);
    for (std::size_t p = 0; p < spikes.size(); ++p) {
        if (!spikes[p].recorded) continue;
        fills[p] = staging.copy(spikes[p].fill.data(), 1, queue);
        step_counts[p] = staging.copy(spikes[p].step_counts.data(), steps, queue);
    }
    std::vector<const uint32_t*> taken(samplers.size());
    for (std::size_t k = 0; k < samplers.size(); ++k) taken[k] = staging.copy(samplers[k].filled.data(), 1, queue);
    stream.sync();
    if (*overflow != 0)
        throw CapacityError("a device spike recording buffer overflowed (this is a bug: buffers are sized for the "
                            "worst case)");
    if (clock->step != step || clock->since_drain != steps_since_drain)
        throw BackendError("cuda: the device clock is at step " + std::to_string(clock->step) + " (" +
                           std::to_string(clock->since_drain) + " since the drain) where the host counted " +
                           std::to_string(step) + " (" + std::to_string(steps_since_drain) + ") (internal error)");
    const Step first = step - steps_since_drain;
    std::vector<std::vector<uint32_t>> counts(spikes.size());
    std::vector<uint64_t> fill(spikes.size(), 0);
    for (std::size_t p = 0; p < spikes.size(); ++p) {
        if (!fills[p]) continue;
        fill[p] = *fills[p];
        counts[p].assign(step_counts[p], step_counts[p] + steps);
        if (fill[p] > spikes[p].ids.size() ||
            std::accumulate(counts[p].begin(), counts[p].end(), uint64_t{0}) != fill[p])
            throw BackendError("cuda: the recorded spikes of population #" + std::to_string(p) +
                               " do not add up (internal error)");
    }
    std::vector<std::vector<Step>> due(samplers.size());
    for (std::size_t k = 0; k < samplers.size(); ++k) {
        for (Step t = first; t < step; ++t)
            if (record_due(t, samplers[k].pending.every_steps)) due[k].push_back(t);
        if (*taken[k] != due[k].size())
            throw BackendError("cuda: a sampler took " + std::to_string(*taken[k]) + " samples where " +
                               std::to_string(due[k].size()) + " were due (internal error)");
    }

    // Batch 2, one wait: the recorded ids and the samples, now that their sizes are known.
    auto sample_values = [&](std::size_t k) {
        const SampleSeries& s = samplers[k].pending;
        return due[k].size() * s.vars.size() * s.neurons.size();
    };
    bytes = 0;
    for (std::size_t p = 0; p < spikes.size(); ++p) bytes += PinnedStaging::bytes_for<uint32_t>(fill[p]);
    for (std::size_t k = 0; k < samplers.size(); ++k) bytes += PinnedStaging::bytes_for<float>(sample_values(k));
    staging.begin(bytes);
    std::vector<const uint32_t*> ids(spikes.size(), nullptr);
    for (std::size_t p = 0; p < spikes.size(); ++p)
        if (spikes[p].recorded) ids[p] = staging.copy(spikes[p].ids.data(), fill[p], queue);
    std::vector<const float*> values(samplers.size());
    for (std::size_t k = 0; k < samplers.size(); ++k)
        values[k] = staging.copy(samplers[k].buffer.data(), sample_values(k), queue);
    stream.sync();

    for (std::size_t p = 0; p < spikes.size(); ++p) {
        GpuSpikeRecord& r = spikes[p];
        if (!r.recorded) continue;
        // The fused steps append a step's spikes in the order their blocks got there: neuron
        // order here, as every backend records.
        const std::size_t old_size = r.pending.neurons.size();
        r.pending.neurons.insert(r.pending.neurons.end(), ids[p], ids[p] + fill[p]);
        auto from = r.pending.neurons.begin() + static_cast<std::ptrdiff_t>(old_size);
        for (uint64_t k = 0; k < steps; ++k) {
            const auto to = from + counts[p][k];
            if (!std::is_sorted(from, to)) std::sort(from, to);
            from = to;
            r.pending.steps.insert(r.pending.steps.end(), counts[p][k], first + k);
        }
        r.fill.zero(queue);
    }
    for (std::size_t k = 0; k < samplers.size(); ++k) {
        GpuSampler& s = samplers[k];
        s.pending.values.insert(s.pending.values.end(), values[k], values[k] + sample_values(k));
        s.pending.steps.insert(s.pending.steps.end(), due[k].begin(), due[k].end());
        s.filled.zero(queue);
    }
    char* clock_bytes = reinterpret_cast<char*>(counters.clock.data());
    AXON_CUDA_CHECK(
        cudaMemsetAsync(clock_bytes + offsetof(cuda::DeviceClock, since_drain), 0, sizeof(unsigned int), queue));
    steps_since_drain = 0;
}

void CudaRecording::move_into(Recording& into) {
    into.spikes.resize(spikes.size());
    into.samples.resize(samplers.size());
    into.weights.resize(weight_series.size());
    for (std::size_t p = 0; p < spikes.size(); ++p) move_pending(spikes[p].pending, into.spikes[p]);
    for (std::size_t s = 0; s < samplers.size(); ++s) move_pending(samplers[s].pending, into.samples[s]);
    for (std::size_t w = 0; w < weight_series.size(); ++w) move_pending(weight_series[w], into.weights[w]);
}

}  // namespace axon::detail
