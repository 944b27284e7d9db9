// The seed text's threshold unit (McCulloch & Pitts 1943): every `update_every_steps` steps the
// unit sums the weights that arrived since its last update, plus its bias and input current,
// and outputs 1 when the sum reaches the threshold, else 0. An output of 1 is a spike at that
// step, so binary units drive ordinary projections (and are recorded) like spiking neurons;
// between updates they are silent and only accumulate. Weights are dimensionless; excitatory
// and inhibitory inputs add (inhibition is a negative weight). A second input, the target
// receptor, carries a teacher's signal: summed over the same window, it is the `target` of
// the perceptron rule (Plasticity::with(PerceptronParams)) at each update. No random draws, no
// floats beyond additions: every backend gives the same outputs.
#pragma once
#include <cmath>
#include <cstdint>

#include "hd.hpp"
#include "model_fields.hpp"

namespace axon {

struct binary_model {
    static constexpr const char* name = "binary";
    static constexpr const char* summary = "threshold unit (McCulloch-Pitts): output 1 when the summed input reaches theta";
    static constexpr const char* weight_unit = "1 (dimensionless)";
    static constexpr uint32_t receptors = 2;  ///< the input, and the teacher's target
    static constexpr bool target_receptor = true;
    enum : uint32_t { theta, bias, update_every, count };
    static constexpr ParamField params[count] = {
        any_value("theta", 1.0, "threshold of the summed input"),
        any_value("bias", 0.0, "added to the sum at every update"),
        ParamField{"update_every_steps", 1.0, 1.0, 1e9, false, false, "steps between updates, rounded to an integer"},
    };
    template <class Fail>
    static void check(const double*, double, Fail&&) {}
    enum : uint32_t { y, input, target, state_count };
    static constexpr StateField state[state_count] = {
        {"y", "1", "output of the last update (0 or 1)"},
        {"input", "1", "weights arrived since the last update"},
        {"target", "1", "teacher's input summed over the update window (at an update: its target)"},
    };
    struct Constants {
        float theta, bias;
        uint32_t every;
    };
    static Constants constants(const double* p, double) {
        return Constants{static_cast<float>(p[theta]), static_cast<float>(p[bias]),
                         static_cast<uint32_t>(std::llround(p[update_every]))};
    }
    static float initial(uint32_t, const Constants&) { return 0.0f; }
    /// Updates at steps t with t mod every == 0; i_ext is added to the sum at updates, as the bias.
    /// The target sums from the step after an update (t mod every == 1 mod every) through the
    /// next update, so that it still holds the update's target when the learning phase runs.
    AXON_HD static bool step(const Constants& k, float* const* s, uint32_t i, float i_ext, const float* in,
                             const StepContext& ctx) {
        const float sum = s[input][i] + in[0];
        const bool update = ctx.step % k.every == 0;
        const bool window_start = ctx.step % k.every == 1 % k.every;
        const bool fires = sum + k.bias + i_ext >= k.theta;
        s[y][i] = update ? (fires ? 1.0f : 0.0f) : s[y][i];
        s[input][i] = update ? 0.0f : sum;
        s[target][i] = (window_start ? 0.0f : s[target][i]) + in[1];
        return update && fires;
    }
};

}  // namespace axon
