#include "neuron_update.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "../models/all_models.hpp"
#include "../models/random.hpp"
#include "multiversion.hpp"
#include "small_fixed_to_float.hpp"

namespace axon::cpu {
namespace {

// How a step reads each neuron's input. With AVX-512 the ring's int64 converts to float in SIMD
// (vcvtqq2ps), and the step reads and clears its ring lanes itself, in one pass (RingInput).
// Before AVX-512 the plain conversion stays scalar; small_fixed_to_float's exact detour through
// double vectorises, but only for values within its range. Where the backend knows that no slot
// of a population can leave that range (UpdateShortcuts::small_input) the step reads the lanes
// through the detour in one pass too (SmallRingInput: CUBA's update 1.35-1.4x as fast as two
// passes with AVX2). Elsewhere take_input reads and clears the lanes of a block of kInputBlock
// neurons first, falling back to the plain conversion for a block with a value beyond the range,
// into floats the step then reads (TakenInput) while they are still in the L1 cache.
constexpr uint32_t kInputBlock = 1024;
struct RingInput {
    using Lane = Fixed;
    [[gnu::always_inline]] static float read(Fixed* lane, uint32_t i, uint32_t /*first*/) {
        const float x = from_fixed(lane[i]);
        lane[i] = 0;
        return x;
    }
};
struct SmallRingInput {  // every value within small_fixed_to_float's range
    using Lane = Fixed;
    [[gnu::always_inline]] static float read(Fixed* lane, uint32_t i, uint32_t /*first*/) {
        const float x = small_fixed_to_float(lane[i]);
        lane[i] = 0;
        return x;
    }
};
struct TakenInput {  // the lane holds the floats of neurons first, first + 1, ...
    using Lane = float;
    [[gnu::always_inline]] static float read(const float* lane, uint32_t i, uint32_t first) { return lane[i - first]; }
};

// out[i - begin] = neuron i's input, for i in [begin, end); the lane cleared.
AXON_CPU_MULTIVERSIONED(take_input, void, (Fixed* __restrict lane, float* __restrict out, uint32_t begin, uint32_t end), {
    uint64_t beyond = 0;
    for (uint32_t i = begin; i < end; ++i) {
        out[i - begin] = small_fixed_to_float(lane[i]);
        beyond |= beyond_small_fixed(lane[i]);
    }
    if (beyond)
        for (uint32_t i = begin; i < end; ++i) out[i - begin] = from_fixed(lane[i]);
    if (end > begin) std::memset(lane + begin, 0, sizeof(Fixed) * (end - begin));  // an empty block's lane is null
})

// Whether a model's step takes its substep count as an argument (step_substeps).
template <class Model, class = void>
struct has_substeps : std::false_type {};
template <class Model>
struct has_substeps<Model, std::void_t<decltype(&Model::template step_substeps<uint32_t>)>> : std::true_type {};

// The loop over neurons [begin, end): each neuron's input (Input: from its ring lanes, which it
// clears, or from floats taken before), then `step(state, i, i_ext, input)`. Written once for every
// model: the state arrays come from a table, so the compiler cannot prove them independent by
// itself; the model steps touch neuron i only, which `ivdep` asserts, and the branch-free steps
// then vectorise.
template <class Model, class Input, class Step>
[[gnu::always_inline]] inline void neuron_loop(const PopulationArrays& arrays, typename Input::Lane* const* in,
                                               uint8_t* __restrict fired, uint32_t begin, uint32_t end, Step step) {
    float* state[kMaxStateVars];
    for (uint32_t v = 0; v < kMaxStateVars; ++v) state[v] = arrays.state[v];
    const float* i_ext = arrays.i_ext;
    typename Input::Lane* lanes[kMaxReceptors] = {in[0], in[1]};
#if !defined(__clang__)  // clang (the fuzz preset) does not know the pragma; it runs no steps there
#pragma GCC ivdep
#endif
    for (uint32_t i = begin; i < end; ++i) {
        float input[kMaxReceptors];
        for (uint32_t r = 0; r < Model::receptors; ++r) input[r] = Input::read(lanes[r], i, begin);
        fired[i] = step(state, i, i_ext[i], input);
    }
}

// A neuron's step, as neuron_loop calls it: the model's own, or its substepped form with the
// count `n` (a compile-time Substeps<N>, or the runtime count).
template <class Model>
struct ModelStep {
    const typename Model::Constants& k;
    StepContext ctx;
    [[gnu::always_inline]] bool operator()(float* const* s, uint32_t i, float i_e, const float* x) const {
        return Model::step(k, s, i, i_e, x, ctx);
    }
};
template <class Model, class Count>
struct SubstepStep {
    const typename Model::Constants& k;
    Count n;
    [[gnu::always_inline]] bool operator()(float* const* s, uint32_t i, float i_e, const float* x) const {
        return Model::step_substeps(k, s, i, i_e, x, n);
    }
};

// One model's step over [begin, end). Models with substeps get their count as a constant where
// it is a common one (a loop of unknown length inside keeps the neuron loop scalar). Inlined
// into each ISA's version below.
template <class Model, class Input>
[[gnu::always_inline]] inline void step_range(const ModelConstants& constants, const PopulationArrays& arrays,
                                              typename Input::Lane* const* in, uint8_t* __restrict fired, const StepContext& ctx,
                                              uint32_t begin, uint32_t end) {
    const typename Model::Constants k = constants.as<Model>();
    if constexpr (has_substeps<Model>::value) {
        switch (k.sub.n) {
            case 1: return neuron_loop<Model, Input>(arrays, in, fired, begin, end, SubstepStep<Model, Substeps<1>>{k, {}});
            case 2: return neuron_loop<Model, Input>(arrays, in, fired, begin, end, SubstepStep<Model, Substeps<2>>{k, {}});
            case 4: return neuron_loop<Model, Input>(arrays, in, fired, begin, end, SubstepStep<Model, Substeps<4>>{k, {}});
            default:
                return neuron_loop<Model, Input>(arrays, in, fired, begin, end, SubstepStep<Model, uint32_t>{k, k.sub.n});
        }
    } else {
        neuron_loop<Model, Input>(arrays, in, fired, begin, end, ModelStep<Model>{k, ctx});
    }
}

// LIF populations whose thresholds stay put (fixed_threshold_holds): every theta equals
// theta_0, which a step leaves as it is, so the step neither reads nor writes the theta array
// (8 of the 72 bytes a CUBA neuron moves per step) and computes what the model's step does.
// kLean: also without the external current and the lower bound on V, where lean_step_holds
// (a load and four operations of about twenty per neuron: CUBA's update 1.08x as fast with AVX2).
template <bool kLean>
struct lif_exp_fixed_threshold_step : lif_exp_model {
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        auto refr = static_cast<int32_t>(s[refractory][i]);
        float theta_i = k.theta_0;
        const bool spike =
            lif_exp_step<kLean>(k, s[v][i], s[i_exc][i], s[i_inh][i], theta_i, refr, i_ext, in[0], in[1]);
        s[refractory][i] = static_cast<float>(refr);
        return spike;
    }
};
template <bool kLean>
struct lif_delta_fixed_threshold_step : lif_delta_model {
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext&) {
        auto refr = static_cast<int32_t>(s[refractory][i]);
        float theta_i = k.theta_0;
        const bool spike = lif_delta_step<kLean>(k, s[v][i], theta_i, refr, i_ext, in[0]);
        s[refractory][i] = static_cast<float>(refr);
        return spike;
    }
};
using lif_exp_fixed_threshold_model = lif_exp_fixed_threshold_step<false>;
using lif_exp_fixed_threshold_lean_model = lif_exp_fixed_threshold_step<true>;
using lif_delta_fixed_threshold_model = lif_delta_fixed_threshold_step<false>;
using lif_delta_fixed_threshold_lean_model = lif_delta_fixed_threshold_step<true>;
static_assert(uint32_t{lif_exp_model::theta} == uint32_t{lif_delta_model::theta}, "fixed_threshold_holds reads one theta index");

// Two multiversioned range functions per model (kernels/cpu/multiversion.hpp): reading the ring
// (`small`: through the detour, see SmallRingInput) and reading taken floats.
#define AXON_MODEL_STEP_RANGE(name)                                                                                  \
    AXON_CPU_MULTIVERSIONED(step_range_fused_##name, void,                                                          \
                            (const ModelConstants& constants, const PopulationArrays& arrays, Fixed* const* in,     \
                             uint8_t* __restrict fired, const StepContext& ctx, uint32_t begin, uint32_t end,       \
                             bool small),                                                                           \
                            {                                                                                       \
                                if (small)                                                                          \
                                    step_range<name##_model, SmallRingInput>(constants, arrays, in, fired, ctx, begin, end); \
                                else                                                                                \
                                    step_range<name##_model, RingInput>(constants, arrays, in, fired, ctx, begin, end); \
                            })                                                                                      \
    AXON_CPU_MULTIVERSIONED(step_range_##name, void,                                                                \
                            (const ModelConstants& constants, const PopulationArrays& arrays, float* const* in,     \
                             uint8_t* __restrict fired, const StepContext& ctx, uint32_t begin, uint32_t end),      \
                            { step_range<name##_model, TakenInput>(constants, arrays, in, fired, ctx, begin, end); })
AXON_NEURON_MODELS(AXON_MODEL_STEP_RANGE)
AXON_MODEL_STEP_RANGE(lif_exp_fixed_threshold)
AXON_MODEL_STEP_RANGE(lif_exp_fixed_threshold_lean)
AXON_MODEL_STEP_RANGE(lif_delta_fixed_threshold)
AXON_MODEL_STEP_RANGE(lif_delta_fixed_threshold_lean)
#undef AXON_MODEL_STEP_RANGE

bool same_bits(float a, float b) {
    uint32_t x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    return x == y;
}

// Spikes are rare: skip 64 silent neurons at a time (eight loads ORed, one test), then eight.
void collect_spikes(const uint8_t* fired, uint32_t begin, uint32_t end, std::vector<uint32_t>& out) {
    const auto word = [fired](uint32_t i) {
        uint64_t w;
        std::memcpy(&w, fired + i, sizeof w);
        return w;
    };
    uint32_t i = begin;
    for (; i + 64 <= end; i += 64) {
        uint64_t any = 0;
        for (uint32_t k = 0; k < 64; k += 8) any |= word(i + k);
        if (any == 0) continue;
        for (uint32_t k = 0; k < 64; k += 8)
            if (word(i + k) != 0)
                for (uint32_t j = i + k; j < i + k + 8; ++j)
                    if (fired[j]) out.push_back(j);
    }
    for (; i < end; ++i)
        if (fired[i]) out.push_back(i);
}

}  // namespace

namespace {

// Poisson populations draw four neurons' uniforms per Philox block (the words grid_uniform
// gives each of them): the same spikes as poisson_model::step, a quarter of the draws. `first`
// (the population index of neuron 0) is a multiple of 4, as every block boundary.
void update_poisson(float p_spike, uint64_t seed, uint32_t stream, uint64_t step, uint32_t first, uint32_t size,
                    UpdateScratch& scratch, std::vector<uint32_t>& spikes, int threads) {
    scratch.reset(chunk_count(size, threads));
    for_chunks(size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        std::vector<uint32_t>& out = scratch.chunk(chunk);
        for (uint32_t i = begin; i < end; i += 4) {
            const RandomBlock block = step_block(seed, stream, step, first + i);
            for (uint32_t k = 0; k < 4 && i + k < end; ++k)
                if (uniform_closed_open(block.v[k]) < p_spike) out.push_back(i + k);
        }
    });
    scratch.gather(spikes);
}

}  // namespace

bool fixed_threshold_holds(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays) {
    if (model != NeuronModel::lif_exp && model != NeuronModel::lif_delta) return false;
    const LifStepParams& k = constants.as<lif_exp_model>();
    // theta_0 must come out of a step as it went in, with a spike and without (bit for bit:
    // adaptation, or theta_0 = -0, which a step turns into +0, rule it out).
    for (const float v_now : {-kInf, kInf}) {
        float v = static_cast<float>(v_now), theta = k.theta_0;
        int32_t refractory = 0;
        lif_fire(k, v, theta, refractory);
        if (!same_bits(theta, k.theta_0)) return false;
    }
    const float* theta = arrays.state[lif_exp_model::theta];
    uint32_t differ = 0;
    for (uint32_t i = 0; i < arrays.size; ++i) differ |= !same_bits(theta[i], k.theta_0);
    return differ == 0;
}

bool lean_step_holds(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays) {
    if (model != NeuronModel::lif_exp && model != NeuronModel::lif_delta) return false;
    const LifStepParams& k = constants.as<lif_exp_model>();
    // No bound (v < -inf never holds); a zero current's term is a zero (p_v_iext finite), and
    // adding it changes only the sign of a zero sum, which e_l + v_rel keeps only where e_l is a zero.
    if (k.v_min != -std::numeric_limits<float>::infinity() || k.e_l == 0.0f || !std::isfinite(k.p_v_iext)) return false;
    uint32_t nonzero = 0;
    for (uint32_t i = 0; i < arrays.size; ++i) nonzero |= arrays.i_ext[i] != 0.0f;
    return nonzero == 0;
}

void update_population(NeuronModel model, const ModelConstants& constants, const PopulationArrays& arrays,
                       const RingView& ring, uint32_t slot, const StepContext& ctx, UpdateScratch& scratch,
                       std::vector<uint32_t>& spikes, int threads, UpdateShortcuts shortcuts) {
    if (model == NeuronModel::poisson) {
        update_poisson(constants.as<poisson_model>().p_spike, ctx.seed, ctx.stream, ctx.step, ctx.first, arrays.size, scratch,
                       spikes, threads);
        return;
    }
    const Isa isa = active_isa();
    decltype(&step_range_fused_lif_exp_baseline) fused = nullptr;
    decltype(&step_range_lif_exp_baseline) taken = nullptr;
    uint32_t receptors = 0;
    switch (model) {
#define AXON_MODEL_CASE(name)                                 \
    case NeuronModel::name:                                   \
        fused = step_range_fused_##name##_for(isa);           \
        taken = step_range_##name##_for(isa);                 \
        receptors = name##_model::receptors;                  \
        break;
        AXON_NEURON_MODELS(AXON_MODEL_CASE)
#undef AXON_MODEL_CASE
    }
    const bool lean = shortcuts.lean;
    if (shortcuts.fixed_threshold && model == NeuronModel::lif_exp) {
        fused = lean ? step_range_fused_lif_exp_fixed_threshold_lean_for(isa) : step_range_fused_lif_exp_fixed_threshold_for(isa);
        taken = lean ? step_range_lif_exp_fixed_threshold_lean_for(isa) : step_range_lif_exp_fixed_threshold_for(isa);
    } else if (shortcuts.fixed_threshold && model == NeuronModel::lif_delta) {
        fused = lean ? step_range_fused_lif_delta_fixed_threshold_lean_for(isa) : step_range_fused_lif_delta_fixed_threshold_for(isa);
        taken = lean ? step_range_lif_delta_fixed_threshold_lean_for(isa) : step_range_lif_delta_fixed_threshold_for(isa);
    }
    const bool native = isa == Isa::avx512, fuse = native || shortcuts.small_input;  // see RingInput
    Fixed* lanes[kMaxReceptors] = {};
    for (uint32_t r = 0; r < receptors; ++r) lanes[r] = ring.lane(slot, r);
    uint8_t* fired = scratch.fired(arrays.size);
    scratch.reset(chunk_count(arrays.size, threads));
    const auto take = take_input_for(isa);
    for_chunks(arrays.size, threads, [&](uint32_t begin, uint32_t end, int chunk) {
        if (fuse) {
            fused(constants, arrays, lanes, fired, ctx, begin, end, !native);
        } else {
            alignas(kCacheLine) float taken_input[kMaxReceptors][kInputBlock];
            float* in[kMaxReceptors];
            for (uint32_t r = 0; r < kMaxReceptors; ++r) in[r] = taken_input[r];
            for (uint32_t first = begin; first < end; first += kInputBlock) {
                const uint32_t last = end - first < kInputBlock ? end : first + kInputBlock;
                for (uint32_t r = 0; r < receptors; ++r) take(lanes[r], in[r], first, last);
                taken(constants, arrays, in, fired, ctx, first, last);
            }
        }
        collect_spikes(fired, begin, end, scratch.chunk(chunk));
    });
    scratch.gather(spikes);
}

}  // namespace axon::cpu
