// Running a check under the CPU loops of every ISA (kernels/cpu/isa.hpp) this build has and this
// CPU runs, each forced in turn, its name in the messages of what fails.
#pragma once
#include <gtest/gtest.h>

#include "kernels/cpu/isa.hpp"

namespace axon::test {

/// Runs `check()` once per available ISA, with that ISA's loops forced; the process's own
/// choice is back in force after each (also after an ASSERT failed inside `check`).
template <class Check>
void on_every_isa(Check&& check) {
    for (cpu::Isa isa : cpu::known_isas()) {
        if (!cpu::isa_available(isa)) continue;
        cpu::force_isa(isa);
        SCOPED_TRACE(cpu::to_string(isa));
        check();
        cpu::unforce_isa();
    }
}

}  // namespace axon::test
