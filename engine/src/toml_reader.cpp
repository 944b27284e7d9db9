#include "toml_reader.hpp"

#include <algorithm>

#include "axon/errors.hpp"
#include "check.hpp"

namespace axon::detail {
namespace {

const char* type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
    }
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string where(const std::string& file, const toml::source_region& region) {
    if (region.begin.line == 0) return file;
    return file + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

std::string closest_key(const std::string& key, const std::vector<std::string>& allowed) {
    // A key that lacks only its unit suffix ("tau_m" for "tau_m_ms") is the likeliest slip.
    for (const auto& candidate : allowed)
        if (candidate.size() > key.size() && candidate.compare(0, key.size(), key) == 0 && candidate[key.size()] == '_')
            return candidate;
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (const auto& candidate : allowed) {
        const std::size_t d = edit_distance(key, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

TableReader::TableReader(const toml::table& table, std::string file, std::string owner)
    : table_(table), file_(std::move(file)), owner_(std::move(owner)) {}

std::string TableReader::location(const std::string& key) const {
    const toml::node* n = table_.get(key);
    return n ? where(file_, n->source()) : location();
}

void TableReader::missing(const std::string& key, const std::string& what) const {
    std::string hint;
    for (const auto& [k, v] : table_)
        if (closest_key(std::string(k.str()), {key}) == key) hint = " (is '" + std::string(k.str()) + "' a typo of it?)";
    fail(key, "missing field '" + key + "'" + (what.empty() ? "" : " " + what) + hint);
}

void TableReader::fail(const std::string& key, const std::string& message) const {
    throw ConfigError(location(key) + ": " + owner_ + ": " + message);
}

void TableReader::wrong_type(const std::string& key, const std::string& expected) const {
    fail(key, key + " must be " + expected + "; got " + type_name(*table_.get(key)));
}

const toml::node* TableReader::node(const std::string& key) { return table_.get(key); }

std::optional<std::string> TableReader::string(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) wrong_type(key, "a string");
    return n->as_string()->get();
}

std::optional<double> TableReader::number(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
    if (!n->is_floating_point()) wrong_type(key, "a number");
    return n->as_floating_point()->get();
}

std::optional<int64_t> TableReader::integer(const std::string& key, int64_t low, int64_t high) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) wrong_type(key, "an integer");
    const int64_t v = n->as_integer()->get();
    if (v < low || v > high)
        fail(key, key + " = " + std::to_string(v) + " is invalid; allowed: [" + std::to_string(low) + ", " +
                      std::to_string(high) + "]");
    return v;
}

std::optional<bool> TableReader::boolean(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) wrong_type(key, "true or false");
    return n->as_boolean()->get();
}

std::optional<Distribution> TableReader::distribution(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (n->is_number()) return Distribution::constant(*number(key));
    if (!n->is_table()) wrong_type(key, "a number or a distribution table such as {dist = \"uniform\", low = 0, high = 1}");
    TableReader d(*n->as_table(), file_, owner_ + ": " + key);
    if (!d.has("dist")) d.missing("dist", "(\"constant\", \"uniform\" or \"normal\")");
    const std::string kind = *d.string("dist");
    Distribution out;
    auto required = [&](const char* field) {
        const auto v = d.number(field);
        if (!v) d.missing(field, "of a " + kind + " distribution");
        return *v;
    };
    if (kind == "constant") {
        out = Distribution::constant(required("value"));
        d.reject_unknown({"dist", "value"});
    } else if (kind == "uniform") {
        const double low = required("low");
        out = Distribution::uniform(low, required("high"));
        d.reject_unknown({"dist", "low", "high"});
    } else if (kind == "normal") {
        const double mean = required("mean");
        out = Distribution::normal(mean, required("sd"));
        if (const auto v = d.number("min")) out.min = *v;
        if (const auto v = d.number("max")) out.max = *v;
        d.reject_unknown({"dist", "mean", "sd", "min", "max"});
    } else {
        d.fail("dist", "dist = \"" + kind + "\" is invalid; allowed: \"constant\", \"uniform\", \"normal\"");
    }
    return out;
}

std::optional<std::vector<int64_t>> TableReader::integers(const std::string& key, int64_t low, int64_t high) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, "an array of integers");
    std::vector<int64_t> out;
    for (const toml::node& e : *n->as_array()) {
        if (!e.is_integer()) fail(key, key + " must hold integers only; got " + type_name(e));
        const int64_t v = e.as_integer()->get();
        if (v < low || v > high)
            fail(key, key + " holds " + std::to_string(v) + "; allowed: [" + std::to_string(low) + ", " +
                          std::to_string(high) + "]");
        out.push_back(v);
    }
    return out;
}

std::optional<std::vector<double>> TableReader::numbers(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, "an array of numbers");
    std::vector<double> out;
    for (const toml::node& e : *n->as_array()) {
        if (!e.is_number()) fail(key, key + " must hold numbers only; got " + type_name(e));
        out.push_back(e.is_integer() ? static_cast<double>(e.as_integer()->get()) : e.as_floating_point()->get());
    }
    return out;
}

std::optional<std::vector<std::vector<double>>> TableReader::rows(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, "an array of rows (numbers, or arrays of numbers)");
    auto number = [&](const toml::node& e) {
        if (!e.is_number()) fail(key, key + " must hold numbers or arrays of numbers only; got " + type_name(e));
        return e.is_integer() ? static_cast<double>(e.as_integer()->get()) : e.as_floating_point()->get();
    };
    std::vector<std::vector<double>> out;
    for (const toml::node& e : *n->as_array()) {
        std::vector<double> row;
        if (e.is_array())
            for (const toml::node& x : *e.as_array()) row.push_back(number(x));
        else
            row.push_back(number(e));
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<std::vector<std::string>> TableReader::strings(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, "an array of strings");
    std::vector<std::string> out;
    for (const toml::node& e : *n->as_array()) {
        if (!e.is_string()) fail(key, key + " must hold strings only; got " + type_name(e));
        out.push_back(e.as_string()->get());
    }
    return out;
}

std::optional<std::vector<std::string>> TableReader::string_list(const std::string& key) {
    const toml::node* n = node(key);
    if (n && n->is_string()) return std::vector<std::string>{n->as_string()->get()};
    if (n && !n->is_array()) wrong_type(key, "a string or an array of strings");
    return strings(key);
}

std::vector<const toml::table*> TableReader::tables(const std::string& key) {
    const toml::node* n = node(key);
    std::vector<const toml::table*> out;
    if (!n) return out;
    if (!n->is_array_of_tables()) wrong_type(key, "an array of tables ([[" + key + "]])");
    for (const toml::node& e : *n->as_array()) out.push_back(e.as_table());
    return out;
}

const toml::table* TableReader::table(const std::string& key) {
    const toml::node* n = node(key);
    if (!n) return nullptr;
    if (!n->is_table()) wrong_type(key, "a table ([" + key + "])");
    return n->as_table();
}

void TableReader::reject_unknown(const std::vector<std::string>& allowed) const {
    for (const auto& [key, value] : table_) {
        const std::string k(key.str());
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        const std::string suggestion = closest_key(k, allowed);
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        throw ConfigError(where(file_, value.source()) + ": " + owner_ + ": unknown key '" + k + "'" +
                          (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") + "; allowed: " + list);
    }
}

}  // namespace axon::detail
