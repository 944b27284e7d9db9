// The tests' check for bad input: `fn` throws ConfigError, and its message holds each fragment.
#pragma once
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "axon/errors.hpp"

namespace axon::test {

/// The same for another kind of axon::Error (CapacityError).
template <class Error, class Fn>
void expect_error(Fn fn, std::initializer_list<std::string> fragments) {
    try {
        fn();
        ADD_FAILURE() << "nothing thrown; expected: " << *fragments.begin();
    } catch (const Error& e) {
        const std::string message = e.what();
        for (const std::string& f : fragments) EXPECT_NE(message.find(f), std::string::npos) << "'" << f << "' not in: " << message;
    }
}

template <class Fn>
void expect_config_error(Fn fn, std::initializer_list<std::string> fragments) {
    expect_error<ConfigError>(fn, fragments);
}

}  // namespace axon::test
