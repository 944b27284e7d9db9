// NumPy .npy files (format version 1.0), little-endian: plain arrays and structured records.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace axon::cli {

/// Header of an array with dtype `descr` (e.g. "'<f4'" or "[('time_ms', '<f8'), ('neuron', '<u4')]"),
/// padded with spaces to a multiple of 64 bytes and to at least `min_bytes`.
std::string npy_header(const std::string& descr, const std::vector<uint64_t>& shape, std::size_t min_bytes = 0);

/// The header size that fits a 1-D array of any length: a file written in pieces reserves it
/// and rewrites the header in place once the length is known.
std::size_t npy_header_capacity(const std::string& descr);

}  // namespace axon::cli
