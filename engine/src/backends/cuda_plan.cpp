#include "cuda_plan.hpp"

#include <algorithm>

#include "../../../kernels/cuda/launch_config.hpp"
#include "../../../kernels/cuda/neuron_update.cuh"
#include "../../../kernels/cuda/propagate.cuh"
#include "../../../kernels/models/binary.hpp"
#include "../../../kernels/models/plasticity.hpp"
#include "../model_params.hpp"

namespace axon::detail {
namespace {

static_assert(kMergedGroup == cuda::kMergedBlock, "a merged kernel covers one object per thread of its block");

// A binary population's state variable for the perceptron rule (nullptr for other models,
// whose projections never take that rule: Network checks it).
const float* perceptron_state(const GpuPopulation& post, uint32_t var) {
    return post.setup.model == NeuronModel::binary ? post.state[var].data() : nullptr;
}

}  // namespace

void CudaPlan::rebuild(CudaDeviceState& state, CudaRecording& recording) {
    std::vector<cuda::InputDesc> inputs;
    input_desc_index_.assign(state.inputs.size(), 0);
    std::vector<cuda::TraceDesc> traces;
    std::vector<cuda::PopulationDesc> pops;
    update_blocks = 0;
    uint32_t recorded = 0;
    for (uint32_t p = 0; p < state.pops.size(); ++p) {
        GpuPopulation& pop = state.pops[p];
        cuda::PopulationDesc d{};
        d.model = pop.setup.model;
        d.first = pop.first;
        d.size = pop.size();
        d.own_first = pop.own.first;
        d.own_count = pop.own.count;
        d.block_begin = update_blocks;
        update_blocks += (pop.size() + cuda::kUpdateBlock - 1) / cuda::kUpdateBlock;
        d.constants = pop.setup.constants;
        d.stream = pop.setup.stream;
        d.record = pop.setup.recorded ? recorded++ : cuda::kNotRecorded;  // its index in the records table
        d.replay_start = pop.replay_start.empty() ? nullptr : pop.replay_start.data();
        d.replay_step = pop.replay_step.empty() ? nullptr : pop.replay_step.data();
        pop.state_pointers(d.state);
        d.i_ext = pop.i_ext.empty() ? nullptr : pop.i_ext.data();
        d.ring = pop.ring_view();
        d.input_begin = static_cast<uint32_t>(inputs.size());
        for (uint32_t k = 0; k < state.inputs.size(); ++k) {
            const InputSetup& in = state.inputs[k];
            if (in.target != p) continue;
            input_desc_index_[k] = static_cast<uint32_t>(inputs.size());
            const PoissonNeuronRate* rates = state.input_rates[k].empty() ? nullptr : state.input_rates[k].data();
            inputs.push_back(cuda::InputDesc{in.params, rates, in.weight, in.stream,
                                             pop.setup.receptor_lane(in.receptor), in.delay_steps});
        }
        d.input_end = static_cast<uint32_t>(inputs.size());
        d.trace_begin = static_cast<uint32_t>(traces.size());
        for (uint32_t k = 0; k < state.projs.size(); ++k) {
            GpuLearning* l = state.projs[k].learning.get();
            if (!l) continue;
            // A trace that neither decays nor resets (the perceptron's y_post) is left alone.
            const auto add = [&](float* trace, float factor, uint32_t reset) {
                if (factor != 1.0f || reset != 0) traces.push_back(cuda::TraceDesc{trace, factor, reset, pop.size()});
            };
            if (state.projection_ends[k].pre == p) add(l->x_pre.data(), l->params.decay_pre, pre_trace_reset(l->params));
            if (state.projection_ends[k].post == p) add(l->y_post.data(), l->params.decay_post, 0);
        }
        d.trace_end = static_cast<uint32_t>(traces.size());
        if (!traces_in_update) d.trace_begin = d.trace_end;  // decay_traces decays them instead
        pops.push_back(d);
    }
    pop_descs = cuda::to_device(pops);
    input_descs = cuda::to_device(inputs);
    input_host_ = std::move(inputs);
    trace_descs = cuda::to_device(traces);
    n_traces = static_cast<uint32_t>(traces.size());
    largest_trace = 0;
    for (const cuda::TraceDesc& t : traces) largest_trace = std::max(largest_trace, t.size);

    std::vector<cuda::ProjectionDesc> projections;
    std::vector<cuda::LearningDesc> learning;
    uint64_t propagate_warps = 0, learning_warps = 0;
    for (uint32_t k = 0; k < state.projs.size(); ++k) {
        GpuProjection& proj = state.projs[k];
        const ProjectionEnds& ends = state.projection_ends[k];
        GpuPopulation& pre = state.pops[ends.pre];
        GpuPopulation& post = state.pops[ends.post];
        if (proj.synapses > 0) {
            const uint32_t segments = cuda::row_segments(proj.max_row, segment_length());
            projections.push_back(cuda::ProjectionDesc{proj.view(), post.ring_view(),
                                                       post.setup.receptor_lane(static_cast<Receptor>(ends.receptor)),
                                                       ends.pre, segments});
            propagate_warps += static_cast<uint64_t>(pre.size()) * segments;
        }
        if (GpuLearning* l = proj.learning.get()) {
            learning.push_back(cuda::LearningDesc{l->params, proj.row_start.data(), proj.post.data(),
                                                  proj.weight.data(), l->column_start.data(),
                                                  l->column_synapse.data(), l->column_pre.data(), l->x_pre.data(),
                                                  l->y_post.data(), state.source_of[ends.pre], ends.post,
                                                  l->delay, perceptron_state(post, binary_model::y),
                                                  perceptron_state(post, binary_model::target), post.size()});
            learning_warps += std::max(pre.size(), post.size());
        }
    }
    proj_descs = cuda::to_device(projections);
    n_projections = static_cast<uint32_t>(projections.size());
    learn_descs = cuda::to_device(learning);
    n_learning = static_cast<uint32_t>(learning.size());
    propagate_blocks = merged_blocks(propagate_warps);
    learning_blocks = merged_blocks(learning_warps);

    std::vector<cuda::SourceHistoryDesc> sources;
    largest_source = 0;
    for (GpuSourceHistory& h : state.sources) {
        const GpuPopulation& pop = state.pops[h.population];
        sources.push_back(
            cuda::SourceHistoryDesc{h.population, pop.first, pop.size(), h.slots, h.ids.data(), h.counts.data()});
        largest_source = std::max(largest_source, pop.size());
    }
    source_descs = cuda::to_device(sources);

    std::vector<cuda::RecordDesc> records;
    largest_recorded = 0;
    for (uint32_t p = 0; p < state.pops.size(); ++p) {
        const GpuPopulation& pop = state.pops[p];
        if (!pop.setup.recorded) continue;
        GpuSpikeRecord& r = recording.spikes[p];
        records.push_back(
            cuda::RecordDesc{p, pop.first, r.ids.data(), r.ids.size(), r.fill.data(), r.step_counts.data()});
        largest_recorded = std::max(largest_recorded, pop.size());
    }
    record_descs = cuda::to_device(records);
    n_records = static_cast<uint32_t>(records.size());

    std::vector<cuda::SamplerDesc> samplers;
    largest_sample = 0;
    for (GpuSampler& s : recording.samplers) {
        const auto n_ids = static_cast<uint32_t>(s.pending.neurons.size());
        const auto n_vars = static_cast<uint32_t>(s.pending.vars.size());
        cuda::SamplerDesc d{};
        state.pops[s.pending.population.index].state_pointers(d.state);
        d.ids = s.ids.data();
        d.vars = s.vars.data();
        d.n_ids = n_ids;
        d.n_vars = n_vars;
        d.every_steps = s.pending.every_steps;
        d.buffer = s.buffer.data();
        d.filled = s.filled.data();
        samplers.push_back(d);
        largest_sample = std::max<uint64_t>(largest_sample, static_cast<uint64_t>(n_ids) * n_vars);
    }
    sampler_descs = cuda::to_device(samplers);

    n_pops = static_cast<uint32_t>(state.pops.size());
    n_sources = static_cast<uint32_t>(state.sources.size());
    n_samplers = static_cast<uint32_t>(recording.samplers.size());
    total_neurons = state.total_neurons;
    drain_steps = static_cast<uint32_t>(recording.drain_steps);
    GpuStepCounters& c = state.counters;
    fused = cuda::FusedPlan{pop_descs.data(),     n_pops,          update_blocks,       input_descs.data(),
                            trace_descs.data(),   source_descs.data(), proj_descs.data(), n_projections,
                            learn_descs.data(),   n_learning,      record_descs.data(), n_records,
                            sampler_descs.data(), n_samplers,      segment_length(),    drain_steps,
                            seed,                 c.clock.data(),  c.events.data(),     c.overflow.data()};
    launches = step_launches(variant, StepShape{n_projections, n_learning, n_sources, n_records, n_samplers});
    kernels_per_step = kernels_of(launches);
}

cuda::InputDesc& CudaPlan::input_entry(uint32_t input) { return input_host_.at(input_desc_index_.at(input)); }

void CudaPlan::upload_inputs() { input_descs.upload(input_host_); }

uint32_t CudaPlan::merged_blocks(uint64_t warps) const {
    const uint64_t blocks = (warps * 32 + cuda::kMergedBlock - 1) / cuda::kMergedBlock;
    return static_cast<uint32_t>(std::clamp<uint64_t>(blocks, 1, max_blocks));
}

}  // namespace axon::detail
