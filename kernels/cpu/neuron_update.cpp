#include "neuron_update.hpp"

#include <cstring>

#include "../models/random.hpp"
#include "multiversion.hpp"
#if defined(AXON_CPU_MULTIVERSION)
#include <immintrin.h>
#endif

namespace axon::cpu {
namespace {

// Read one ring lane as floats and clear it. int64 -> float has a SIMD form only in
// AVX-512, where the plain loop vectorises; on older x86 the scalar conversion is written
// from a zeroed register, since cvtsi2ss merges into its destination and compilers let that
// false dependency chain one iteration to the next. Every version rounds to nearest, so all
// give from_fixed's value. (The versions beyond the baseline are the plain loop: an ISA added
// without vcvtqq2ps, such as AVX2, would want the baseline's form.)
#if defined(AXON_CPU_MULTIVERSION)
__attribute__((noinline)) void take_input_baseline(Fixed* __restrict lane, float* __restrict out, uint32_t begin,
                                                   uint32_t end) {
    for (uint32_t i = begin; i < end; ++i)
        out[i] = _mm_cvtss_f32(_mm_cvtsi64_ss(_mm_setzero_ps(), lane[i])) * kFixedInvScale;
    std::memset(lane + begin, 0, sizeof(Fixed) * (end - begin));
}
#else
__attribute__((noinline)) void take_input_baseline(Fixed* __restrict lane, float* __restrict out, uint32_t begin,
                                                   uint32_t end) {
    for (uint32_t i = begin; i < end; ++i) out[i] = from_fixed(lane[i]);
    std::memset(lane + begin, 0, sizeof(Fixed) * (end - begin));
}
#endif
AXON_CPU_EXTRA_VERSIONS(take_input, void, (Fixed* __restrict lane, float* __restrict out, uint32_t begin, uint32_t end), {
    for (uint32_t i = begin; i < end; ++i) out[i] = from_fixed(lane[i]);
    std::memset(lane + begin, 0, sizeof(Fixed) * (end - begin));
})

// The hot loops take plain restrict pointers (no lambda captures), so the compiler can
// prove the arrays independent and vectorise the branch-free model step. Kept out of line:
// inlined into the OpenMP lambda, the restrict guarantees would be lost.
AXON_CPU_MULTIVERSIONED(step_exp_range, void,
                        (const LifStepParams p, float* __restrict v, float* __restrict theta, float* __restrict i_exc,
                         float* __restrict i_inh, int32_t* __restrict refractory, const float* __restrict i_ext,
                         const float* __restrict exc, const float* __restrict inh, uint8_t* __restrict fired,
                         uint32_t begin, uint32_t end),
                        {
                            for (uint32_t i = begin; i < end; ++i)
                                fired[i] = lif_exp_step(p, v[i], i_exc[i], i_inh[i], theta[i], refractory[i], i_ext[i],
                                                        exc[i], inh[i]);
                        })

AXON_CPU_MULTIVERSIONED(step_delta_range, void,
                        (const LifStepParams p, float* __restrict v, float* __restrict theta,
                         int32_t* __restrict refractory, const float* __restrict i_ext, const float* __restrict in,
                         uint8_t* __restrict fired, uint32_t begin, uint32_t end),
                        {
                            for (uint32_t i = begin; i < end; ++i)
                                fired[i] = lif_delta_step(p, v[i], theta[i], refractory[i], i_ext[i], in[i]);
                        })

// Spikes are rare: skip eight silent neurons per load.
void collect_spikes(const uint8_t* fired, uint32_t begin, uint32_t end, std::vector<uint32_t>& out) {
    uint32_t i = begin;
    for (; i + 8 <= end; i += 8) {
        uint64_t word;
        std::memcpy(&word, fired + i, sizeof word);
        if (word == 0) continue;
        for (uint32_t k = 0; k < 8; ++k)
            if (fired[i + k]) out.push_back(i + k);
    }
    for (; i < end; ++i)
        if (fired[i]) out.push_back(i);
}

}  // namespace

void update_lif_exp(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                    UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads) {
    float* exc = scratch.input(0, state.size);
    float* inh = scratch.input(1, state.size);
    uint8_t* fired = scratch.fired(state.size);
    scratch.reset(chunk_count(state.size, threads));
    const Isa isa = active_isa();
    const auto take_input = take_input_for(isa);
    const auto step_exp_range = step_exp_range_for(isa);
    for_chunks(state.size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        take_input(ring.lane(slot, 0), exc, begin, end);
        take_input(ring.lane(slot, 1), inh, begin, end);
        step_exp_range(params, state.v, state.theta, state.i_exc, state.i_inh, state.refractory, state.i_ext, exc, inh,
                       fired, begin, end);
        collect_spikes(fired, begin, end, scratch.chunk(chunk));
    });
    scratch.gather(spikes);
}

void update_lif_delta(const LifStepParams& params, const LifStateView& state, const RingView& ring, uint32_t slot,
                      UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads) {
    float* in = scratch.input(0, state.size);
    uint8_t* fired = scratch.fired(state.size);
    scratch.reset(chunk_count(state.size, threads));
    const Isa isa = active_isa();
    const auto take_input = take_input_for(isa);
    const auto step_delta_range = step_delta_range_for(isa);
    for_chunks(state.size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        take_input(ring.lane(slot, 0), in, begin, end);
        step_delta_range(params, state.v, state.theta, state.refractory, state.i_ext, in, fired, begin, end);
        collect_spikes(fired, begin, end, scratch.chunk(chunk));
    });
    scratch.gather(spikes);
}

void update_poisson_population(float p_spike, uint64_t seed, uint32_t stream, uint64_t step, uint32_t size,
                               UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads) {
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
