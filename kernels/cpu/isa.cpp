#include "isa.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace axon::cpu {
namespace {

constexpr std::string_view kNames[] = {
    "baseline",
#define AXON_CPU_ISA_NAME(isa, target, feature, ...) #isa,
    AXON_CPU_ISA_LIST(AXON_CPU_ISA_NAME, )
#undef AXON_CPU_ISA_NAME
};

// Whether the CPU has the instructions of `isa` (for the ISAs this build has).
bool cpu_runs(Isa isa) {
#if defined(AXON_CPU_MULTIVERSION)
    __builtin_cpu_init();
    switch (isa) {
#define AXON_CPU_ISA_CHECK(name, target, feature, ...) \
    case Isa::name:                                    \
        return __builtin_cpu_supports(feature);
        AXON_CPU_BUILT_ISA_LIST(AXON_CPU_ISA_CHECK, )
#undef AXON_CPU_ISA_CHECK
        default:
            break;
    }
#endif
    return isa == Isa::baseline;
}

Isa best_available() {
    Isa best = Isa::baseline;
    for (Isa isa : known_isas())
        if (isa_available(isa)) best = isa;
    return best;
}

Isa from_environment() {
    const char* value = std::getenv("AXON_CPU_ISA");
    if (!value || !*value || std::string_view(value) == "auto") return best_available();
    const std::optional<Isa> isa = isa_from_string(value);
    if (!isa) {
        std::string names;
        for (Isa known : known_isas()) names += std::string(to_string(known)) + ", ";
        throw std::invalid_argument(std::string("AXON_CPU_ISA: '") + value + "' is none of " + names + "auto");
    }
    if (!isa_available(*isa))
        throw std::invalid_argument(std::string("AXON_CPU_ISA: ") + value +
                                    " loops are not available here (not built, or this CPU lacks the instructions)");
    return *isa;
}

constexpr int kNotForced = -1;
std::atomic<int> forced{kNotForced};

}  // namespace

std::vector<Isa> known_isas() {
    std::vector<Isa> out;
    for (std::size_t k = 0; k < std::size(kNames); ++k) out.push_back(static_cast<Isa>(k));
    return out;
}

std::string_view to_string(Isa isa) { return kNames[static_cast<std::size_t>(isa)]; }

std::optional<Isa> isa_from_string(std::string_view name) {
    for (Isa isa : known_isas())
        if (to_string(isa) == name) return isa;
    return std::nullopt;
}

bool isa_built(Isa isa) {
    switch (isa) {
#define AXON_CPU_ISA_BUILT(name, target, feature, ...) \
    case Isa::name:                                    \
        return true;
        AXON_CPU_BUILT_ISA_LIST(AXON_CPU_ISA_BUILT, )
#undef AXON_CPU_ISA_BUILT
        default:
            return isa == Isa::baseline;
    }
}

bool isa_available(Isa isa) {
    static const std::vector<bool> available = [] {
        std::vector<bool> out;
        for (Isa known : known_isas()) out.push_back(cpu_runs(known));
        return out;
    }();
    return available[static_cast<std::size_t>(isa)];
}

Isa active_isa() {
    const int f = forced.load(std::memory_order_relaxed);
    if (f != kNotForced) return static_cast<Isa>(f);
    static const Isa chosen = from_environment();  // a throw leaves it unset: the next call throws again
    return chosen;
}

void force_isa(Isa isa) {
    if (!isa_available(isa))
        throw std::invalid_argument("force_isa: " + std::string(to_string(isa)) + " loops are not available here");
    forced.store(static_cast<int>(isa), std::memory_order_relaxed);
}

void unforce_isa() { forced.store(kNotForced, std::memory_order_relaxed); }

}  // namespace axon::cpu
