// Every failure the reference interpreter reports is a parity::ref::Error whose message names the thing at fault
// (node name, op type, version, attribute, input index, file) and, where there is one, how to fix it.
#pragma once

#include <stdexcept>
#include <string>

namespace parity::ref {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace parity::ref
