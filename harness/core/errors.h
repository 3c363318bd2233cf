// Harness error kinds, mapped to the CLI's exit codes (docs/cli.md): InputError -> 2 (bad model, file, config or
// argument: the message names the item and how to fix it); anything else escaping a command -> 3 (internal).
#pragma once

#include <stdexcept>
#include <string>

namespace parity {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace parity
