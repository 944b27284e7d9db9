#include "npy_reader.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "axon/errors.hpp"

namespace axon::detail {
namespace {

struct NpyFile {
    std::string path, descr;  ///< descr as written, e.g. "'<f8'" or "[('time_ms', '<f8'), ...]"
    std::vector<uint64_t> shape;
    std::string data;
};

[[noreturn]] void bad(const std::string& path, const std::string& why) {
    throw ConfigError(path + ": " + why);
}

std::string field(const std::string& header, const std::string& key) {
    const std::size_t at = header.find("'" + key + "':");
    if (at == std::string::npos) return "";
    std::size_t from = at + key.size() + 3;
    while (from < header.size() && header[from] == ' ') ++from;
    // A value ends at the comma that closes it: after its brackets or quotes balance.
    int depth = 0;
    bool quoted = false;
    std::size_t to = from;
    for (; to < header.size(); ++to) {
        const char c = header[to];
        if (c == '\'') quoted = !quoted;
        if (quoted) continue;
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (depth == 0 && (c == ',' || c == '}')) break;
    }
    return header.substr(from, to - from);
}

NpyFile read_npy(const std::string& path) {
    // Opening a directory succeeds; reading it throws std::ios_base::failure.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) bad(path, "is a directory; a .npy file is expected");
    std::ifstream in(path, std::ios::binary);
    if (!in) bad(path, "cannot read the file (" + std::string(std::strerror(errno)) + ")");
    NpyFile f;
    f.path = path;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) bad(path, "not a .npy file (no NumPy magic)");
    const auto major = static_cast<unsigned char>(bytes[6]);
    const std::size_t len_bytes = major == 1 ? 2 : 4;
    if (major < 1 || major > 3) bad(path, ".npy format version " + std::to_string(major) + " is not supported (1, 2, 3)");
    std::size_t header_len = 0;
    for (std::size_t k = 0; k < len_bytes; ++k) header_len |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + k])) << (8 * k);
    const std::size_t data_at = 8 + len_bytes + header_len;
    if (bytes.size() < data_at) bad(path, "truncated .npy header");
    const std::string header = bytes.substr(8 + len_bytes, header_len);
    f.descr = field(header, "descr");
    if (field(header, "fortran_order") != "False") bad(path, "Fortran-ordered arrays are not supported (save in C order)");
    const std::string shape = field(header, "shape");
    std::size_t k = 0;
    while ((k = shape.find_first_of("0123456789", k)) != std::string::npos) {
        const std::size_t end = shape.find_first_not_of("0123456789", k);
        // No file holds 10^18 elements; the bound also keeps element counts times sizes in range.
        if (end - k > 18)
            bad(path, "shape " + shape + " is invalid; allowed: dimensions below 10^18");
        f.shape.push_back(std::stoull(shape.substr(k, end - k)));
        k = end;
    }
    f.data = bytes.substr(data_at);
    return f;
}

uint64_t elements(const NpyFile& f) {
    uint64_t n = 1;
    for (uint64_t d : f.shape) n *= d;
    return n;
}

/// Element k of a plain numeric array of dtype `type` ("<f8", "<i4", "|u1", ...) as a double.
double element(const NpyFile& f, const std::string& type, uint64_t k, std::size_t stride, std::size_t offset) {
    const char* p = f.data.data() + k * stride + offset;
    const char kind = type[1];
    const std::size_t size = std::stoul(type.substr(2));
    auto load = [&](auto v) {
        std::memcpy(&v, p, sizeof v);
        return static_cast<double>(v);
    };
    if (kind == 'f' && size == 8) return load(double{});
    if (kind == 'f' && size == 4) return load(float{});
    if (kind == 'i' && size == 8) return load(int64_t{});
    if (kind == 'i' && size == 4) return load(int32_t{});
    if (kind == 'i' && size == 2) return load(int16_t{});
    if (kind == 'i' && size == 1) return load(int8_t{});
    if (kind == 'u' && size == 8) return load(uint64_t{});
    if (kind == 'u' && size == 4) return load(uint32_t{});
    if (kind == 'u' && size == 2) return load(uint16_t{});
    return load(uint8_t{});
}

/// The plain dtype ("<f8") of a descr, checked: little-endian (or one byte) integer or float.
std::string plain_type(const NpyFile& f, const std::string& quoted) {
    const bool ok = quoted.size() >= 5 && quoted.front() == '\'' && quoted.back() == '\'';
    const std::string t = ok ? quoted.substr(1, quoted.size() - 2) : quoted;
    static const char* allowed[] = {"<f8", "<f4", "<i8", "<i4", "<i2", "|i1", "<u8", "<u4", "<u2", "|u1"};
    for (const char* a : allowed)
        if (t == a) return t;
    bad(f.path, "dtype " + quoted + " is not supported; allowed: little-endian integers and float32/float64");
}

std::size_t type_size(const std::string& t) { return std::stoul(t.substr(2)); }

void check_length(const NpyFile& f, uint64_t n, std::size_t stride) {
    if (n > f.data.size() / stride)
        bad(f.path, "truncated: the header says " + std::to_string(n) + " elements, the file holds " +
                        std::to_string(f.data.size() / stride));
}

}  // namespace

std::vector<double> read_npy_numbers(const std::string& path) {
    const NpyFile f = read_npy(path);
    const std::string t = plain_type(f, f.descr);
    if (f.shape.size() != 1) bad(path, "expected a 1-D array; this one has " + std::to_string(f.shape.size()) + " dimensions");
    const uint64_t n = elements(f);
    check_length(f, n, type_size(t));
    std::vector<double> out(n);
    for (uint64_t k = 0; k < n; ++k) {
        out[k] = element(f, t, k, type_size(t), 0);
        if ((t[1] != 'f') && std::fabs(out[k]) > 9007199254740992.0)
            bad(path, "element " + std::to_string(k) + " is beyond 2^53, not exact as a double");
    }
    return out;
}

std::vector<uint32_t> read_npy_indices(const std::string& path) {
    const NpyFile f = read_npy(path);
    if (plain_type(f, f.descr)[1] == 'f') bad(path, "dtype " + f.descr + " holds floats; indices must be integers");
    const std::vector<double> values = read_npy_numbers(path);
    std::vector<uint32_t> out(values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k] < 0 || values[k] > 4294967295.0)
            bad(path, "element " + std::to_string(k) + " = " + std::to_string(static_cast<int64_t>(values[k])) +
                          " is not an index (allowed: [0, 4294967295])");
        out[k] = static_cast<uint32_t>(values[k]);
    }
    return out;
}

SpikeRecords read_npy_spikes(const std::string& path) {
    const NpyFile f = read_npy(path);
    SpikeRecords r;
    const uint64_t n = f.shape.empty() ? 0 : f.shape[0];
    if (f.descr.find("time_ms") != std::string::npos) {
        if (f.descr.find("('time_ms', '<f8'), ('neuron', '<u4')") == std::string::npos || f.shape.size() != 1)
            bad(path, "expected records [('time_ms', '<f8'), ('neuron', '<u4')] (what axon run writes); got " + f.descr);
        check_length(f, n, 12);
        for (uint64_t k = 0; k < n; ++k) {
            r.time_ms.push_back(element(f, "<f8", k, 12, 0));
            r.neuron.push_back(static_cast<uint32_t>(element(f, "<u4", k, 12, 8)));
        }
        return r;
    }
    const std::string t = plain_type(f, f.descr);
    if (f.shape.size() != 2 || f.shape[1] != 2)
        bad(path, "expected spike records: [('time_ms', '<f8'), ('neuron', '<u4')], or an N x 2 array (time_ms, neuron)");
    check_length(f, 2 * n, type_size(t));
    for (uint64_t k = 0; k < n; ++k) {
        r.time_ms.push_back(element(f, t, 2 * k, type_size(t), 0));
        const double id = element(f, t, 2 * k + 1, type_size(t), 0);
        if (!(id >= 0 && id <= 4294967295.0 && id == std::floor(id)))
            bad(path, "row " + std::to_string(k) + ": neuron " + std::to_string(id) + " is not an index");
        r.neuron.push_back(static_cast<uint32_t>(id));
    }
    return r;
}

}  // namespace axon::detail
