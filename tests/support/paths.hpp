// Where the tests find the example files and the axon binary: the build-time locations,
// unless the environment says otherwise (scripts/gpu-check.sh runs the tests from a bundle
// on another machine, where the repository lies elsewhere).
#pragma once
#include <cstdlib>
#include <string>

namespace axon::test {

inline std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

inline const std::string kExamples = env_or("AXON_EXAMPLES", AXON_EXAMPLES_DIR);

}  // namespace axon::test
