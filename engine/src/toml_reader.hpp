// Reading one TOML table with the checks experiment files need: typed fields with
// "FILE:LINE:COLUMN: owner: field ..." errors, and unknown keys reported with the closest
// allowed key ("did you mean ...?").
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "axon/distribution.hpp"

namespace axon::detail {

/// "FILE:LINE:COLUMN" of a node (or of the file when the node has no position).
std::string where(const std::string& file, const toml::source_region& region);

/// The allowed key closest to `key` by edit distance, or "" when none is close.
/// Exported from a shared build too: the CLI suggests command names with it.
AXON_API std::string closest_key(const std::string& key, const std::vector<std::string>& allowed);

class TableReader {
public:
    TableReader(const toml::table& table, std::string file, std::string owner);

    const std::string& owner() const { return owner_; }
    void set_owner(std::string owner) { owner_ = std::move(owner); }
    std::string location() const { return where(file_, table_.source()); }
    std::string location(const std::string& key) const;
    bool has(const std::string& key) const { return table_.contains(key); }

    [[noreturn]] void fail(const std::string& key, const std::string& message) const;
    /// "missing field 'key' <what>", with a hint when a present key looks like a typo of it.
    [[noreturn]] void missing(const std::string& key, const std::string& what = "") const;

    std::optional<std::string> string(const std::string& key);
    std::optional<double> number(const std::string& key);
    std::optional<int64_t> integer(const std::string& key, int64_t low, int64_t high);
    std::optional<bool> boolean(const std::string& key);
    /// A constant (a number) or a distribution table {dist = "uniform" | "normal" | "constant", ...}.
    std::optional<Distribution> distribution(const std::string& key);
    std::optional<std::vector<int64_t>> integers(const std::string& key, int64_t low, int64_t high);
    std::optional<std::vector<double>> numbers(const std::string& key);
    std::optional<std::vector<std::string>> strings(const std::string& key);
    /// An array of rows: each element a number (a row of one) or an array of numbers.
    std::optional<std::vector<std::vector<double>>> rows(const std::string& key);
    /// One string or an array of strings.
    std::optional<std::vector<std::string>> string_list(const std::string& key);
    /// The array of tables under `key` (empty when absent).
    std::vector<const toml::table*> tables(const std::string& key);
    const toml::table* table(const std::string& key);

    /// Reject keys that are not in `allowed`, suggesting the closest allowed key.
    void reject_unknown(const std::vector<std::string>& allowed) const;

private:
    const toml::node* node(const std::string& key);
    [[noreturn]] void wrong_type(const std::string& key, const std::string& expected) const;

    const toml::table& table_;
    std::string file_;
    std::string owner_;
};

}  // namespace axon::detail
