// Where a thread's share of a CSR row starts. Rows are sorted by post, and drawn posts spread
// evenly over [0, n): the element a uniform row holds at `value` is a good first guess, and a
// gallop from it reaches the answer in a cache line or two, where a binary search over a row of
// a large matrix is a chain of dependent cache misses (one per halving). The answer is exactly
// std::lower_bound's.
#pragma once
#include <algorithm>
#include <cstdint>

namespace axon::cpu {

/// The first index in [s, end) whose post is >= value (end if none), for a row piece sorted by
/// post with posts in [low, n). Post: the stored index type (any unsigned width).
template <class Post>
uint64_t first_post_at_or_after(const Post* post, uint64_t s, uint64_t end, uint32_t value, uint32_t low, uint32_t n) {
    if (s == end || value <= low) return s;
    if (value >= n) return end;
    const uint64_t guess = s + static_cast<uint64_t>(static_cast<double>(end - s) * (value - low) / (n - low));  // in [s, end)
    uint64_t lo, hi;
    if (post[guess] < value) {  // after the guess: post[lo - 1] < value throughout
        lo = guess + 1;
        for (uint64_t step = 1;; step *= 2) {
            hi = end - lo > step ? lo + step : end;
            if (hi == end || post[hi - 1] >= value) break;
            lo = hi;
        }
    } else {  // at or before it: post[hi] >= value throughout
        hi = guess;
        for (uint64_t step = 1;; step *= 2) {
            lo = hi - s > step ? hi - step : s;
            if (lo == s || post[lo] < value) break;
            hi = lo;
        }
    }
    return static_cast<uint64_t>(std::lower_bound(post + lo, post + hi, value) - post);
}

}  // namespace axon::cpu
