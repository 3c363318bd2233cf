// Building a model's feeds: from files (explicit per input, or a folder), else generated from a seed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "harness/backends/backend.h"

namespace parity {

struct FeedOptions {
  std::map<std::string, std::string> files;  // input name -> .npy / .pb
  std::string dir;  // folder with <input>.npy, <input>.pb or input_<i>.pb (i = position among `inputs`)
  uint64_t seed = 0;
  std::map<std::string, int64_t> dims;  // symbolic dim values (default 1)
  std::map<std::string, Dims> shapes;   // full shape of a generated input (overrides dims)
  std::map<std::string, double> values;  // generated input filled with this constant
};

// Throws InputError for a file naming a non-input, or unreadable files. Generated data: uniform [-1, 1) for
// floating inputs, integers in [0, 2), seeds `seed`, `seed+1`, ... in input order.
std::map<std::string, Value> MakeFeeds(const std::vector<IoInfo>& inputs, const FeedOptions& options);

// Reads .npy or .pb by extension.
Value ReadValueFile(const std::string& path);

}  // namespace parity
