#include "npy.hpp"

namespace axon::cli {

void write_npy_header(std::ostream& out, const std::string& descr, const std::vector<uint64_t>& shape) {
    std::string dims;
    for (uint64_t d : shape) dims += std::to_string(d) + ", ";
    if (shape.size() > 1) dims.erase(dims.size() - 2);  // "(3, 4)" but "(3,)"
    std::string header = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (" + dims + "), }";
    // Magic (6) + version (2) + length (2) + header + padding + '\n', a multiple of 64 bytes.
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    const auto length = static_cast<uint16_t>(header.size());
    out.write("\x93NUMPY\x01\x00", 8);
    const char len[2] = {static_cast<char>(length & 0xFF), static_cast<char>(length >> 8)};
    out.write(len, 2);
    out << header;
}

}  // namespace axon::cli
