// libFuzzer target for the experiment reader: scripts/fuzz.sh builds it (preset fuzz) and runs
// it; docs/testing.md says how to run it long and what to do with a finding.
#include <cstddef>
#include <cstdint>

#include "axon/errors.hpp"
#include "read_experiment_bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        axon::fuzz::read_experiment_bytes(data, size);
    } catch (const axon::Error&) {
        // Bad input refused as documented. Any other exception escapes and is a finding.
    }
    return 0;
}
