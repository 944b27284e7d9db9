#include "poisson_input.hpp"

#include "../models/random.hpp"
#include "parallel.hpp"

namespace axon::cpu {

uint64_t poisson_input(const PoissonCountParams& params, Fixed weight, uint64_t seed, uint32_t stream, uint64_t step,
                       Fixed* lane, uint32_t size, int threads) {
    const int chunks = chunk_count(size, threads);
    uint64_t kicks = 0;
#pragma omp parallel for num_threads(chunks) schedule(static, 1) reduction(+ : kicks) if (chunks > 1)
    for (int p = 0; p < chunks; ++p) {
        const uint32_t begin = chunk_begin(size, chunks, p);
        const uint32_t end = chunk_begin(size, chunks, p + 1);
        for (uint32_t i = begin; i < end; i += 4) {
            const RandomBlock block = step_block(seed, stream, step, i);
            for (uint32_t k = 0; k < 4 && i + k < end; ++k) {
                const uint32_t count = poisson_count(params, uniform_closed_open(block.v[k]));
                lane[i + k] += static_cast<Fixed>(count) * weight;
                kicks += count;
            }
        }
    }
    return kicks;
}

}  // namespace axon::cpu
