// A CUDA Graph of whatever a callable enqueues on a stream (captured once, replayed with one
// launch). The step kernels read the step from the device clock, so a graph of k steps
// replays as steps t..t+k-1 for any t. Every pointer a captured kernel uses must outlive the
// graph and never move: the backend allocates everything before it captures.
#pragma once
#include <cuda_runtime.h>

#include <utility>

#include "cuda_check.hpp"

namespace axon::cuda {

class StepGraph {
public:
    StepGraph() = default;
    ~StepGraph() {
        if (exec_) cudaGraphExecDestroy(exec_);
    }
    StepGraph(const StepGraph&) = delete;
    StepGraph& operator=(const StepGraph&) = delete;
    StepGraph(StepGraph&& o) noexcept : exec_(std::exchange(o.exec_, nullptr)) {}
    StepGraph& operator=(StepGraph&& o) noexcept {
        if (this != &o) {
            if (exec_) cudaGraphExecDestroy(exec_);
            exec_ = std::exchange(o.exec_, nullptr);
        }
        return *this;
    }

    template <class Enqueue>
    static StepGraph capture(cudaStream_t stream, Enqueue enqueue) {
        AXON_CUDA_CHECK(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal));
        cudaGraph_t graph = nullptr;
        try {
            enqueue();
        } catch (...) {
            if (cudaStreamEndCapture(stream, &graph) == cudaSuccess && graph) cudaGraphDestroy(graph);
            (void)cudaGetLastError();
            throw;
        }
        AXON_CUDA_CHECK(cudaStreamEndCapture(stream, &graph));
        StepGraph g;
        const cudaError_t err = cudaGraphInstantiate(&g.exec_, graph, 0);
        cudaGraphDestroy(graph);
        AXON_CUDA_CHECK(err);
        return g;
    }

    bool empty() const { return exec_ == nullptr; }
    void launch(cudaStream_t stream) const { AXON_CUDA_CHECK(cudaGraphLaunch(exec_, stream)); }

private:
    cudaGraphExec_t exec_ = nullptr;
};

}  // namespace axon::cuda
