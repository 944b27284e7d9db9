#include "neuron_update.hpp"

#include "../models/random.hpp"

namespace axon::cpu {

void update_lif_exp(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                    SpikeCollector& scratch, std::vector<uint32_t>& spikes, int threads) {
    Fixed* in_exc = ring.lane(slot, 0);
    Fixed* in_inh = ring.lane(slot, 1);
    scratch.reset(chunk_count(state.size, threads));
    for_chunks(state.size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        std::vector<uint32_t>& out = scratch.chunk(chunk);
        for (uint32_t i = begin; i < end; ++i) {
            const float exc = from_fixed(in_exc[i]);
            const float inh = from_fixed(in_inh[i]);
            in_exc[i] = 0;
            in_inh[i] = 0;
            if (lif_exp_step(params, state.v[i], state.i_exc[i], state.i_inh[i], state.theta[i], state.refractory[i],
                             state.i_ext[i], exc, inh))
                out.push_back(i);
        }
    });
    scratch.gather(spikes);
}

void update_lif_delta(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                      SpikeCollector& scratch, std::vector<uint32_t>& spikes, int threads) {
    Fixed* in = ring.lane(slot, 0);
    scratch.reset(chunk_count(state.size, threads));
    for_chunks(state.size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        std::vector<uint32_t>& out = scratch.chunk(chunk);
        for (uint32_t i = begin; i < end; ++i) {
            const float in_mV = from_fixed(in[i]);
            in[i] = 0;
            if (lif_delta_step(params, state.v[i], state.theta[i], state.refractory[i], state.i_ext[i], in_mV))
                out.push_back(i);
        }
    });
    scratch.gather(spikes);
}

void update_poisson_population(float p_spike, uint64_t seed, uint32_t stream, uint64_t step, uint32_t size,
                               SpikeCollector& scratch, std::vector<uint32_t>& spikes, int threads) {
    scratch.reset(chunk_count(size, threads));
    for_chunks(size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        std::vector<uint32_t>& out = scratch.chunk(chunk);
        for (uint32_t i = begin; i < end; i += 4) {
            const RandomBlock block = step_block(seed, stream, step, i);
            for (uint32_t k = 0; k < 4 && i + k < end; ++k)
                if (uniform_closed_open(block.v[k]) < p_spike) out.push_back(i + k);
        }
    });
    scratch.gather(spikes);
}

}  // namespace axon::cpu
