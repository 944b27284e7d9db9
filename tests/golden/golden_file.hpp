// The committed golden digests (tests/golden/digests.txt): one "network part digest" line
// per part, after a comment header that says what they pin and how to regenerate them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace axon::test {

struct GoldenEntry {
    std::string network, part;
    uint64_t digest = 0;
};

class GoldenDigests {
public:
    /// The file's entries; none when it does not exist. @throws std::runtime_error on a
    /// malformed line or a line given twice.
    static GoldenDigests read(const std::string& path);

    std::optional<uint64_t> find(const std::string& network, const std::string& part) const;
    /// Adds the entry, or replaces it where present (keeping its place).
    void set(const std::string& network, const std::string& part, uint64_t digest);
    const std::vector<GoldenEntry>& entries() const { return entries_; }

    /// Writes the header and the entries in their order. @throws std::runtime_error.
    void write(const std::string& path) const;

private:
    std::vector<GoldenEntry> entries_;
};

/// The golden file: $AXON_GOLDEN_DIGESTS, else the source tree's (AXON_GOLDEN_DIGESTS_FILE).
std::string golden_file_path();

/// Whether this run rewrites the golden file ($AXON_GOLDEN_UPDATE=1) instead of checking it.
bool golden_update_requested();

}  // namespace axon::test
