#include "cuda_device_state.hpp"

#include <algorithm>
#include <cstddef>

#include "../device_plan.hpp"
#include "../model_registry.hpp"

namespace axon::detail {

void GpuStepCounters::allocate(cudaStream_t stream) {
    events.resize(2);
    events.zero(stream);
    overflow.resize(1);
    overflow.zero(stream);
    clock.resize(1);
    clock.zero(stream);
}

void GpuStepCounters::set_clock(Step step, uint32_t since_drain) {
    clock.upload(std::vector<cuda::DeviceClock>{cuda::DeviceClock{step, since_drain, step, since_drain}});
}

void CudaDeviceState::init_population(uint32_t p, uint32_t max_delay, cudaStream_t stream) {
    GpuPopulation& pop = pops[p];
    const PopulationSetup& s = pop.setup;
    for (const std::vector<float>& initial : s.state) pop.state.push_back(cuda::to_device(initial));
    if (s.replay) {
        pop.replay_start = cuda::to_device(s.replay->start);
        if (!s.replay->step.empty()) pop.replay_step = cuda::to_device(s.replay->step);
    }
    if (s.state.empty()) return;  // a source: no input current, no ring
    pop.i_ext = cuda::to_device(std::vector<float>(s.size, s.i_e));
    if (model_info(s.model).receptors == 0) return;
    pop.n_slots = max_delay + 1;
    pop.ring.resize(static_cast<std::size_t>(pop.n_slots) * s.n_receptors * s.size);
    pop.ring.zero(stream);
}

void CudaDeviceState::init_sources(const Network& net, bool fused, cudaStream_t stream) {
    const std::vector<uint32_t> plastic_slots = plastic_source_slots(net);
    source_of.assign(pops.size(), 0);
    for (uint32_t p = 0; p < pops.size(); ++p) {
        // Merged: a history for each plastic source. Fused: a list ring for every population,
        // one slot longer, as its update zeroes the next step's slot (fused_step.cuh).
        uint32_t slots = plastic_slots[p];
        if (fused)
            slots = slots ? slots + 1 : 2;
        else if (slots == 0)
            continue;
        source_of[p] = static_cast<uint32_t>(sources.size());
        GpuSourceHistory h;
        h.population = p;
        h.slots = slots;
        h.ids.resize(static_cast<std::size_t>(slots) * pops[p].size());
        h.counts.resize(slots);
        h.counts.zero(stream);
        sources.push_back(std::move(h));
    }
    projection_ends.clear();
    for (const ProjectionSpec& spec : net.projections())
        projection_ends.push_back({spec.pre.index, spec.post.index, static_cast<uint32_t>(spec.receptor)});
}

void CudaDeviceState::reset(const Network& net, cudaStream_t stream) {
    for (uint32_t p = 0; p < pops.size(); ++p) {
        GpuPopulation& pop = pops[p];
        const PopulationSetup setup = population_setup(net, p);
        for (std::size_t v = 0; v < pop.state.size(); ++v) pop.state[v].upload(setup.state[v]);
        if (!pop.i_ext.empty()) pop.i_ext.upload(std::vector<float>(setup.size, setup.i_e));
        if (!pop.ring.empty()) pop.ring.zero(stream);
    }
    for (GpuProjection& proj : projs)
        if (GpuLearning* l = proj.learning.get()) {
            l->x_pre.zero(stream);
            l->y_post.zero(stream);
        }
    for (GpuSourceHistory& h : sources) h.counts.zero(stream);  // no spike in flight
}

bool CudaDeviceState::restore(const BackendState& s) {
    for (std::size_t p = 0; p < pops.size(); ++p) {
        GpuPopulation& pop = pops[p];
        const PopulationState& in = s.populations[p];
        for (std::size_t v = 0; v < pop.state.size(); ++v) pop.state[v].upload(in.state[v]);
        if (!pop.i_ext.empty()) pop.i_ext.upload(in.i_ext);
        if (!pop.ring.empty()) pop.ring.upload(ring_in_slot_order(in.ring, pop.n_slots, s.step));
    }
    bool replanned = false;
    for (std::size_t k = 0; k < projs.size(); ++k) {
        GpuProjection& p = projs[k];
        const ProjectionState& in = s.projections[k];
        if (!in.weights.empty() || !p.weight.empty()) {  // else both hold the network's constant
            replanned = replanned || p.weight.empty();  // per-synapse weights now: the plan's pointer changes
            p.weight.upload(in.weights.empty() ? std::vector<float>(p.synapses, in.weight_const) : in.weights);
        }
        if (GpuLearning* l = p.learning.get()) {
            l->x_pre.upload(in.x_pre);
            l->y_post.upload(in.y_post);
        }
    }
    for (GpuSourceHistory& h : sources) restore_recent_spikes(h, s);
    return replanned;
}

void CudaDeviceState::save(Step step, BackendState& s) const {
    for (const GpuPopulation& pop : pops) {
        PopulationState& out = s.populations.emplace_back();
        for (const cuda::DeviceBuffer<float>& var : pop.state) out.state.push_back(var.download());
        if (!pop.state.empty()) out.i_ext = pop.i_ext.download();
        if (!pop.ring.empty()) {
            out.ring = ring_in_step_order(pop.ring.download(), pop.n_slots, step);
            out.ring_slots = pop.n_slots;
        }
    }
    std::vector<std::vector<std::vector<uint32_t>>> recent(sources.size());  // per source: k steps back
    for (std::size_t h = 0; h < sources.size(); ++h) recent[h] = recent_spikes(sources[h], step);
    for (uint32_t k = 0; k < projs.size(); ++k) {
        const GpuProjection& p = projs[k];
        ProjectionState& out = s.projections.emplace_back();
        out.synapses = p.synapses;
        if (!p.weight.empty()) out.weights = p.weight.download();
        out.weight_const = p.weight_const;
        if (!p.learning) continue;
        out.x_pre = p.learning->x_pre.download();
        out.y_post = p.learning->y_post.download();
        const auto& lists = recent[source_of[projection_ends[k].pre]];
        out.in_flight.assign(lists.begin(), lists.begin() + p.learning->delay);
    }
}

StateShape CudaDeviceState::shape() const {
    StateShape shape;
    for (const GpuPopulation& pop : pops)
        shape.populations.push_back({pop.size(), static_cast<uint32_t>(pop.state.size()), pop.ring.size(),
                                     pop.ring.empty() ? 0 : pop.n_slots});
    for (uint32_t k = 0; k < projs.size(); ++k) {
        const GpuProjection& p = projs[k];
        const ProjectionEnds& ends = projection_ends[k];
        shape.projections.push_back({p.synapses, pops[ends.pre].size(), pops[ends.post].size(),
                                     p.learning ? p.learning->delay : 0});
    }
    return shape;
}

// A source history's lists of the steps before the next one: [k - 1] = k steps back, each
// ascending (the fused steps append in the order their blocks got there).
std::vector<std::vector<uint32_t>> CudaDeviceState::recent_spikes(const GpuSourceHistory& h, Step step) const {
    const std::vector<uint32_t> ids = h.ids.download(), counts = h.counts.download();
    const uint64_t size = pops[h.population].size();
    std::vector<std::vector<uint32_t>> lists;
    for (uint32_t k = 1; k < h.slots; ++k) {
        const uint32_t slot = slot_before(step, k, h.slots);
        const auto from = ids.begin() + static_cast<std::ptrdiff_t>(slot * size);
        std::vector<uint32_t>& list = lists.emplace_back(from, from + counts[slot]);
        std::sort(list.begin(), list.end());
    }
    return lists;
}

// The lists of a source history from the saved spikes in flight of the plastic projections
// that leave its population (each holds its delay's steps; the longest one covers the
// rest). The slot of the next step and any older ones start empty.
void CudaDeviceState::restore_recent_spikes(GpuSourceHistory& h, const BackendState& s) {
    const uint64_t size = pops[h.population].size();
    std::vector<uint32_t> ids(h.slots * size), counts(h.slots, 0);
    for (uint32_t k = 0; k < projs.size(); ++k) {
        if (!projs[k].learning || projection_ends[k].pre != h.population) continue;
        const std::vector<std::vector<uint32_t>>& lists = s.projections[k].in_flight;
        for (uint32_t back = 1; back <= lists.size() && back < h.slots; ++back) {
            const uint32_t slot = slot_before(s.step, back, h.slots);
            const std::vector<uint32_t>& list = lists[back - 1];
            std::copy(list.begin(), list.end(), ids.begin() + static_cast<std::ptrdiff_t>(slot * size));
            counts[slot] = static_cast<uint32_t>(list.size());
        }
    }
    h.ids.upload(ids);
    h.counts.upload(counts);
}

}  // namespace axon::detail
