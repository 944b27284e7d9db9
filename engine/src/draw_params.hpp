// Distribution (double, API) -> DrawParams (float, kernels).
#pragma once
#include "../../kernels/models/draw.hpp"
#include "axon/distribution.hpp"

namespace axon::detail {

inline DrawParams draw_params(const Distribution& d) {
    switch (d.kind) {
    case Distribution::Kind::constant:
        return DrawParams{0, static_cast<float>(d.value), 0, 0, 0};
    case Distribution::Kind::uniform:
        return DrawParams{1, static_cast<float>(d.low), static_cast<float>(d.high), 0, 0};
    case Distribution::Kind::normal:
        return DrawParams{2, static_cast<float>(d.mean), static_cast<float>(d.sd), static_cast<float>(d.min),
                          static_cast<float>(d.max)};
    }
    return DrawParams{0, 0, 0, 0, 0};
}

}  // namespace axon::detail
