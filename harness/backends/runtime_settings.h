// Mapping of string settings (`--set key=value`, YAML option points) onto the runtime's typed CompileOptions.
// The runtime never sees strings from configs; this is the one place that translates them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parity/runtime/options.h"

namespace parity {

// Applies every setting to `options`; throws InputError naming the key, the bad value and the allowed ones.
void ApplyRuntimeSettings(const std::map<std::string, std::string>& settings, rt::CompileOptions& options);

// Setting keys with a one-line description each (for --help and docs).
const std::vector<std::pair<std::string, std::string>>& RuntimeSettingKeys();

}  // namespace parity
