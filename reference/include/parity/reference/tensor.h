// The reference interpreter's tensor: the truth side of every comparison.
//
// Contract
// - Element values are held exactly: every floating type (float4/8/16, bfloat16, float, double) is held as
//   `double`; signed integers and bool as `int64_t`; uint64 (and every narrower unsigned type) as `uint64_t`;
//   strings as `std::string`. The ONNX element type is kept alongside (`dtype()`), so outputs keep their dtype.
// - Integer values always lie inside their dtype's range: operations that compute in the wide storage type
//   call `WrapToDtype()` so int8 arithmetic wraps exactly as it would in int8.
// - A Tensor owns its storage (value semantics, cheap to move). Not thread-safe for concurrent mutation;
//   concurrent reads are fine.
// - Shape mismatches and dtype misuse throw `parity::ref::Error`.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "parity/reference/data_type.h"

namespace parity::ref {

using Shape = std::vector<int64_t>;

// Number of elements of a shape (1 for a scalar, 0 if any dimension is 0).
int64_t ElementCount(const Shape& shape);
std::string ShapeToString(const Shape& shape);

class Tensor {
 public:
  using RealData = std::vector<double>;
  using IntData = std::vector<int64_t>;
  using UintData = std::vector<uint64_t>;
  using StringData = std::vector<std::string>;
  using Storage = std::variant<RealData, IntData, UintData, StringData>;

  Tensor() = default;
  // Zero-filled (empty strings) tensor of the given type and shape.
  Tensor(DataType dtype, Shape shape);
  Tensor(DataType dtype, Shape shape, RealData values);
  Tensor(DataType dtype, Shape shape, IntData values);
  Tensor(DataType dtype, Shape shape, UintData values);
  Tensor(DataType dtype, Shape shape, StringData values);

  static Tensor Scalar(DataType dtype, double value);
  static Tensor ScalarInt(DataType dtype, int64_t value);

  DataType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t dim(int64_t axis) const;  // negative axes count from the back
  int64_t size() const { return ElementCount(shape_); }

  // Typed access; throws if the storage kind does not match the dtype's storage.
  const RealData& reals() const;
  RealData& reals();
  const IntData& ints() const;
  IntData& ints();
  const UintData& uints() const;
  UintData& uints();
  const StringData& strings() const;
  StringData& strings();

  const Storage& storage() const { return storage_; }
  Storage& storage() { return storage_; }

  // Element i converted to double / int64 (any numeric dtype); for index-like and scalar-attribute inputs.
  double AsDouble(int64_t i) const;
  int64_t AsInt64(int64_t i) const;
  // All elements as int64 (shape inputs such as Reshape's shape, Slice's starts, ...).
  std::vector<int64_t> ToInt64Vector() const;
  std::vector<double> ToDoubleVector() const;

  // Same data, new shape of equal element count.
  Tensor Reshaped(Shape new_shape) const;
  // Re-tags the element type (values are converted between storage kinds with Cast semantics minus rounding
  // to narrow float formats; use the Cast op for full semantics).
  Tensor WithDtype(DataType new_dtype) const;

  // Brings integer values back into the dtype's range with two's-complement wrap-around (no-op otherwise).
  void WrapToDtype();

  std::string DebugString(int64_t max_elements = 8) const;

 private:
  DataType dtype_ = DataType::kFloat;
  Shape shape_;
  Storage storage_ = RealData{};
};

// Calls `fn(std::vector<T>&)` with the storage vector (T is double, int64_t, uint64_t or std::string).
template <typename Fn>
decltype(auto) VisitStorage(const Tensor& t, Fn&& fn) {
  return std::visit(std::forward<Fn>(fn), t.storage());
}
template <typename Fn>
decltype(auto) VisitStorage(Tensor& t, Fn&& fn) {
  return std::visit(std::forward<Fn>(fn), t.storage());
}

}  // namespace parity::ref
