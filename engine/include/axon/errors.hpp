/// @file errors.hpp
/// Exceptions thrown by the library. The library never exits or aborts; programs map
/// these to exit codes (the `axon` CLI does).
#pragma once
#include "axon/export.hpp"
#include <stdexcept>
#include <string>

namespace axon AXON_API {

/// Base of every Axon exception.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Invalid network or run description. The message names the object (population,
/// projection...), the field, the offending value and the allowed range.
class ConfigError : public Error {
public:
    using Error::Error;
};

/// The chosen backend cannot hold the network (memory plan refused) or a capacity limit
/// (delay range, counter range) would be exceeded.
class CapacityError : public Error {
public:
    using Error::Error;
};

/// A requested backend is not compiled in or has no device.
class BackendError : public Error {
public:
    using Error::Error;
};

/// A CUDA runtime call failed. The message names the call, the CUDA error, the file and line.
class CudaError : public Error {
public:
    CudaError(int code, const std::string& error_name, const std::string& description, const std::string& call,
              const std::string& file, int line)
        : Error(call + " failed: " + error_name + " (" + description + ") at " + file + ":" + std::to_string(line)),
          code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

}  // namespace axon
