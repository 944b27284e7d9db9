// Host-side synapses of one projection in CSR order, and the builder that draws them.
// The builder is the reference for any device-side builder: for a given seed it defines
// exactly which synapses exist, in which order, with which weights and delays.
#pragma once
#include <cstdint>
#include <vector>

#include "../../kernels/views.hpp"
#include "axon/network.hpp"

namespace axon::detail {

struct SynapseMatrix {
    std::vector<uint64_t> row_start;  ///< n_pre + 1
    std::vector<uint32_t> post;       ///< ascending within each row
    std::vector<float> weight;        ///< empty when every weight is weight_const
    std::vector<uint16_t> delay;      ///< empty when every delay is delay_const (steps)
    float weight_const = 0;
    uint16_t delay_const = 1;

    uint64_t size() const { return post.size(); }
    uint16_t max_delay() const;
    CsrView view() const;
};

/// Draw the synapses of projection `id` of `net` (OpenMP over rows, thread-count independent).
SynapseMatrix build_synapses(const Network& net, ProjectionId id, int threads);

}  // namespace axon::detail
