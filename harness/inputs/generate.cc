#include "harness/inputs/generate.h"

#include <cmath>
#include <random>

#include "harness/core/errors.h"

namespace parity {

Dims ResolveDims(const IoInfo& info, const std::map<std::string, int64_t>& dim_values) {
  Dims dims = info.dims;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] >= 0) continue;
    const std::string& sym = i < info.dim_names.size() ? info.dim_names[i] : "";
    auto it = dim_values.find(sym);
    dims[i] = it != dim_values.end() ? it->second : 1;
    if (dims[i] < 0) throw InputError("dimension '" + sym + "' of input '" + info.name + "' set negative");
  }
  return dims;
}

Tensor GenerateTensor(const IoInfo& info, const Dims& dims, const GeneratorSpec& spec) {
  if (!info.is_tensor) throw InputError("input '" + info.name + "' is not a tensor: give it as a file");
  const ElementType type = info.type == ElementType::kUndefined ? ElementType::kFloat : info.type;
  if (type == ElementType::kString) throw InputError("input '" + info.name + "' is a string tensor: give a file");
  std::mt19937_64 rng(spec.seed);
  const int64_t n = NumElements(dims);
  std::vector<double> values(n);
  std::uniform_real_distribution<double> uniform(spec.low, spec.high);
  std::normal_distribution<double> normal(spec.mean, spec.stddev);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (auto& v : values) {
    if (type == ElementType::kBool) {
      v = unit(rng) >= 0.5;
    } else if (spec.kind == GeneratorSpec::Kind::kConstant) {
      v = spec.value;
    } else if (spec.kind == GeneratorSpec::Kind::kNormal) {
      v = normal(rng);
    } else {
      v = uniform(rng);
    }
    if (!IsFloatingType(type)) v = std::floor(v);
  }
  return Tensor::FromDoubles(type, dims, values);
}

}  // namespace parity
