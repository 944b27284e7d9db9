// NumPy .npy files (format version 1.0), little-endian: plain arrays and structured records.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace axon::cli {

/// Header of an array with dtype `descr` (e.g. "'<f4'" or "[('time_ms', '<f8'), ('neuron', '<u4')]").
void write_npy_header(std::ostream& out, const std::string& descr, const std::vector<uint64_t>& shape);

}  // namespace axon::cli
