#include "npy.hpp"

#include <limits>

namespace axon::cli {

std::string npy_header(const std::string& descr, const std::vector<uint64_t>& shape, std::size_t min_bytes) {
    std::string dims;
    for (uint64_t d : shape) dims += std::to_string(d) + ", ";
    if (shape.size() > 1) dims.erase(dims.size() - 2);  // "(3, 4)" but "(3,)"
    std::string header = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (" + dims + "), }";
    // Magic (6) + version (2) + length (2) + header + padding + '\n', a multiple of 64 bytes.
    std::size_t total = 10 + header.size() + 1;
    total += (64 - total % 64) % 64;
    while (total < min_bytes) total += 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    const auto length = static_cast<uint16_t>(header.size());
    return std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(length & 0xFF) + static_cast<char>(length >> 8) +
           header;
}

std::size_t npy_header_capacity(const std::string& descr) {
    return npy_header(descr, {std::numeric_limits<uint64_t>::max()}).size();
}

}  // namespace axon::cli
