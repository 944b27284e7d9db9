#include "cuda_projection.hpp"

#include <algorithm>

#include "../../../kernels/cuda/connectivity.cuh"
#include "../../../kernels/models/random.hpp"
#include "../connectivity_setup.hpp"
#include "../draw_params.hpp"
#include "../model_params.hpp"
#include "../device_plan.hpp"
#include "axon/errors.hpp"
#include "axon/memory.hpp"

namespace axon::detail {
namespace {

using cuda::DeviceBuffer;

GpuProjection build_on_device(const Network& net, ProjectionId id, cudaStream_t stream) {
    const ProjectionSpec& spec = net.projections()[id.index];
    cuda::DeviceCsr csr = cuda::build_structure_on_device(connectivity_params(net, id), stream);
    GpuProjection p;
    p.synapses = csr.size;
    p.row_start = std::move(csr.row_start);
    p.post = std::move(csr.post);
    const auto dt = static_cast<float>(net.dt_ms());
    if (spec.weight.is_constant()) {
        p.weight_const = static_cast<float>(spec.weight.value);
    } else {
        p.weight.resize(p.synapses);
        cuda::draw_weights_on_device(draw_params(spec.weight), net.seed(), rng_stream(RngPurpose::weight, id.index),
                                     p.weight.data(), p.synapses, stream);
    }
    const Distribution& delay = *spec.delay_ms;
    if (delay.is_constant()) {
        p.delay_const = delay_steps_from_ms(static_cast<float>(delay.value), dt);
        p.max_delay = p.delay_const;
    } else {
        p.delay.resize(p.synapses);
        cuda::draw_delays_on_device(draw_params(delay), net.seed(), rng_stream(RngPurpose::delay, id.index), dt,
                                    p.delay.data(), p.synapses, stream);
        p.max_delay = cuda::max_delay_on_device(p.delay.data(), p.synapses, stream);
    }
    p.max_row = cuda::max_row_length_on_device(p.row_start.data(), net.population(spec.pre).size, stream);
    return p;
}

GpuProjection upload(const cpu::SynapseMatrix& m) {
    GpuProjection p;
    p.synapses = m.size();
    p.weight_const = m.weight_const;
    p.delay_const = m.delay_const;
    p.max_delay = m.max_delay();
    for (std::size_t i = 0; i + 1 < m.row_start.size(); ++i)
        p.max_row = std::max(p.max_row, m.row_start[i + 1] - m.row_start[i]);
    p.row_start = cuda::to_device(m.row_start);
    p.post = cuda::to_device(m.post);
    if (!m.weight.empty()) p.weight = cuda::to_device(m.weight);
    if (!m.delay.empty()) p.delay = cuda::to_device(m.delay);
    return p;
}

// Per-synapse weights (plastic weights differ), zero traces, the transposed index.
void add_learning(const Network& net, const ProjectionSpec& spec, GpuProjection& p, cudaStream_t stream) {
    if (p.synapses > UINT32_MAX) throw CapacityError("a plastic projection holds at most 4294967295 synapses");
    const uint32_t n_pre = net.population(spec.pre).size, n_post = net.population(spec.post).size;
    if (p.weight.empty()) {
        p.weight.resize(p.synapses);
        cuda::fill_on_device(p.weight.data(), p.synapses, p.weight_const, stream);
    }
    auto l = std::make_unique<GpuLearning>();
    l->params = plasticity_step_params(net, spec);
    l->delay = p.delay_const;  // plastic projections have one delay (checked by Network)
    l->x_pre.resize(n_pre);
    l->x_pre.zero(stream);
    l->y_post.resize(n_post);
    l->y_post.zero(stream);
    cuda::DeviceTranspose t = cuda::transpose_on_device(p.row_start.data(), p.post.data(), n_pre, n_post, p.synapses, stream);
    l->column_start = std::move(t.column_start);
    l->column_synapse = std::move(t.synapse);
    l->column_pre = std::move(t.pre);
    p.learning = std::move(l);
}

}  // namespace

CsrView GpuProjection::view() const {
    return CsrView{row_start.data(), post.data(), weight.empty() ? nullptr : weight.data(),
                   delay.empty() ? nullptr : delay.data(), weight_const, delay_const,
                   static_cast<uint32_t>(row_start.size() - 1)};
}

GpuProjection make_gpu_projection(const Network& net, ProjectionId id, int host_threads, cudaStream_t stream) {
    const ProjectionSpec& spec = net.projections()[id.index];
    GpuProjection p = builds_on_device(net, spec) ? build_on_device(net, id, stream)
                                                  : upload(build_synapses(net, id, host_threads));
    if (spec.plasticity.plastic()) add_learning(net, spec, p, stream);
    return p;
}

GpuProjection make_gpu_projection_shard(const Network& net, ProjectionId id, const Shard& shard, int host_threads,
                                        cudaStream_t stream, ShardPlacement& placement) {
    const ProjectionSpec& spec = net.projections()[id.index];
    SynapseShard built = build_synapse_shard(net, id, shard, host_threads);
    const uint32_t own_first = shard.block(net.population(spec.post).size).first;
    for (uint32_t& j : built.synapses.post) j += own_first;  // the device numbers posts over the population
    GpuProjection p = upload(built.synapses);
    placement.min_delay = built.synapses.min_delay();
    placement.row_start = std::move(built.synapses.row_start);
    placement.global_first = std::move(built.global_first);
    placement.global_synapses = built.global_synapses;
    if (spec.plasticity.plastic()) add_learning(net, spec, p, stream);
    return p;
}

}  // namespace axon::detail
