// The tests' check for bad input: `fn` throws ConfigError, and its message holds each fragment.
#pragma once
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "axon/errors.hpp"

namespace axon::test {

template <class Fn>
void expect_config_error(Fn fn, std::initializer_list<std::string> fragments) {
    try {
        fn();
        ADD_FAILURE() << "no ConfigError thrown; expected: " << *fragments.begin();
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        for (const std::string& f : fragments) EXPECT_NE(message.find(f), std::string::npos) << "'" << f << "' not in: " << message;
    }
}

}  // namespace axon::test
