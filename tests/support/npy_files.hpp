// Writing small .npy files (format 1.0) for the tests of the experiment reader.
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace axon::test {

/// Header for dtype `descr` (as in the file: "'<f8'" or "[('time_ms', '<f8'), ...]") and `shape`
/// (as in the file: "(3,)").
inline void write_npy_header(std::ofstream& out, const std::string& descr, const std::string& shape) {
    std::string header = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
    header.append(63 - (10 + header.size()) % 64, ' ');
    header += '\n';
    out.write("\x93NUMPY\x01\x00", 8);
    const char len[2] = {static_cast<char>(header.size() & 0xFF), static_cast<char>(header.size() >> 8)};
    out.write(len, 2);
    out << header;
}

/// A 1-D array of dtype `type` ("<i8", "<u4", "<f4", ...), which must match T.
template <class T>
void write_npy(const std::filesystem::path& path, const std::string& type, const std::vector<T>& values) {
    std::ofstream out(path, std::ios::binary);
    write_npy_header(out, "'" + type + "'", "(" + std::to_string(values.size()) + ",)");
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
}

/// Spike records as `axon run` writes them: [('time_ms', '<f8'), ('neuron', '<u4')].
inline void write_npy_spikes(const std::filesystem::path& path, const std::vector<double>& t, const std::vector<uint32_t>& n) {
    std::ofstream out(path, std::ios::binary);
    write_npy_header(out, "[('time_ms', '<f8'), ('neuron', '<u4')]", "(" + std::to_string(t.size()) + ",)");
    for (std::size_t k = 0; k < t.size(); ++k) {
        out.write(reinterpret_cast<const char*>(&t[k]), 8);
        out.write(reinterpret_cast<const char*>(&n[k]), 4);
    }
}

}  // namespace axon::test
