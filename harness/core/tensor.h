// The harness's tensor: what moves between files, generators, backends, metrics and reports.
//
// Contract
// - `data` holds elements little-endian in `dtype`'s representation (ElementSize bytes each; sub-byte types
//   unpacked, one element per byte); strings live in `strings`. Value semantics.
// - `declared` is the element type the model declares for the value. It differs from `dtype` only when a
//   backend hands back values wider than declared — the reference returns DOUBLE for a FLOAT output so the
//   truth is not rounded before comparison.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/core/element_type.h"

namespace parity {

using Dims = std::vector<int64_t>;

int64_t NumElements(const Dims& dims);
std::string DimsToString(const Dims& dims);

struct Tensor {
  ElementType dtype = ElementType::kFloat;
  ElementType declared = ElementType::kFloat;
  Dims dims;
  std::vector<uint8_t> data;
  std::vector<std::string> strings;

  Tensor() = default;
  Tensor(ElementType type, Dims shape);  // zero-filled

  int64_t size() const { return NumElements(dims); }
  // Element i as double (any numeric type; bool as 0/1). Throws std::invalid_argument for strings.
  double At(int64_t i) const;
  // All elements as double.
  std::vector<double> ToDoubles() const;
  // Element i as int64 (integer and bool types; floats truncated).
  int64_t IntAt(int64_t i) const;

  template <typename T>
  T* As() { return reinterpret_cast<T*>(data.data()); }
  template <typename T>
  const T* As() const { return reinterpret_cast<const T*>(data.data()); }

  // A tensor of `type` holding `values` converted (rounded to nearest for narrow floats, truncated for ints).
  static Tensor FromDoubles(ElementType type, Dims shape, const std::vector<double>& values);
  static Tensor FromInt64s(ElementType type, Dims shape, const std::vector<int64_t>& values);
};

// A tensor, a sequence of tensors, or an empty optional (ONNX optional with content = its content).
struct Value {
  enum class Kind { kNone, kTensor, kSequence };
  Kind kind = Kind::kNone;
  Tensor tensor;
  std::vector<Tensor> sequence;
  ElementType sequence_type = ElementType::kUndefined;

  Value() = default;
  Value(Tensor t) : kind(Kind::kTensor), tensor(std::move(t)) {}  // NOLINT(google-explicit-constructor)
  static Value Sequence(std::vector<Tensor> elements, ElementType type);
};

}  // namespace parity
