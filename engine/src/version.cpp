#include "axon/version.hpp"

namespace axon {

const char* version() { return kVersion; }

}  // namespace axon
