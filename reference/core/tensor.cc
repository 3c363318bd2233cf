#include "parity/reference/tensor.h"

#include <cmath>
#include <sstream>
#include <utility>

#include "parity/reference/error.h"

namespace parity::ref {

int64_t ElementCount(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) throw Error("negative dimension in shape " + ShapeToString(shape));
    n *= d;
  }
  return n;
}

std::string ShapeToString(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

Tensor::Storage EmptyStorage(DataType dtype, int64_t n) {
  switch (StorageOf(dtype)) {
    case StorageKind::kReal: return Tensor::RealData(n, 0.0);
    case StorageKind::kInt: return Tensor::IntData(n, 0);
    case StorageKind::kUint: return Tensor::UintData(n, 0);
    case StorageKind::kString: return Tensor::StringData(n);
    default: throw Error("element type " + DataTypeName(dtype) + " is not supported by the reference interpreter");
  }
}

template <typename Data>
void CheckStorage(DataType dtype, StorageKind expected, const Shape& shape, const Data& values) {
  if (StorageOf(dtype) != expected) {
    throw Error("tensor of type " + DataTypeName(dtype) + " given values of the wrong storage kind");
  }
  if (static_cast<int64_t>(values.size()) != ElementCount(shape)) {
    throw Error("tensor of shape " + ShapeToString(shape) + " needs " + std::to_string(ElementCount(shape)) +
                " values, got " + std::to_string(values.size()));
  }
}

// Two's-complement wrap of v into `bits` bits.
int64_t WrapSigned(int64_t v, int bits) {
  if (bits >= 64) return v;
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  uint64_t u = static_cast<uint64_t>(v) & mask;
  if (u >> (bits - 1)) u |= ~mask;
  return static_cast<int64_t>(u);
}

}  // namespace

Tensor::Tensor(DataType dtype, Shape shape)
    : dtype_(dtype), shape_(std::move(shape)), storage_(EmptyStorage(dtype, ElementCount(shape_))) {}

Tensor::Tensor(DataType dtype, Shape shape, RealData values) : dtype_(dtype), shape_(std::move(shape)) {
  CheckStorage(dtype_, StorageKind::kReal, shape_, values);
  storage_ = std::move(values);
}

Tensor::Tensor(DataType dtype, Shape shape, IntData values) : dtype_(dtype), shape_(std::move(shape)) {
  CheckStorage(dtype_, StorageKind::kInt, shape_, values);
  storage_ = std::move(values);
}

Tensor::Tensor(DataType dtype, Shape shape, UintData values) : dtype_(dtype), shape_(std::move(shape)) {
  CheckStorage(dtype_, StorageKind::kUint, shape_, values);
  storage_ = std::move(values);
}

Tensor::Tensor(DataType dtype, Shape shape, StringData values) : dtype_(dtype), shape_(std::move(shape)) {
  CheckStorage(dtype_, StorageKind::kString, shape_, values);
  storage_ = std::move(values);
}

Tensor Tensor::Scalar(DataType dtype, double value) {
  Tensor t(dtype, {});
  VisitStorage(t, [&](auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (std::is_same_v<T, std::string>) {
      throw Error("Tensor::Scalar cannot make a string");
    } else {
      v[0] = static_cast<T>(value);
    }
  });
  return t;
}

Tensor Tensor::ScalarInt(DataType dtype, int64_t value) {
  Tensor t(dtype, {});
  VisitStorage(t, [&](auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (std::is_same_v<T, std::string>) {
      throw Error("Tensor::ScalarInt cannot make a string");
    } else {
      v[0] = static_cast<T>(value);
    }
  });
  t.WrapToDtype();
  return t;
}

int64_t Tensor::dim(int64_t axis) const {
  const int64_t r = rank();
  if (axis < -r || axis >= r) {
    throw Error("axis " + std::to_string(axis) + " out of range for a tensor of rank " + std::to_string(r));
  }
  return shape_[axis < 0 ? axis + r : axis];
}

namespace {
template <typename Data>
const Data& Get(const Tensor::Storage& s, DataType dtype, const char* kind) {
  if (const auto* p = std::get_if<Data>(&s)) return *p;
  throw Error("tensor of type " + DataTypeName(dtype) + " accessed as " + kind);
}
}  // namespace

const Tensor::RealData& Tensor::reals() const { return Get<RealData>(storage_, dtype_, "real"); }
Tensor::RealData& Tensor::reals() { return const_cast<RealData&>(std::as_const(*this).reals()); }
const Tensor::IntData& Tensor::ints() const { return Get<IntData>(storage_, dtype_, "signed integer"); }
Tensor::IntData& Tensor::ints() { return const_cast<IntData&>(std::as_const(*this).ints()); }
const Tensor::UintData& Tensor::uints() const { return Get<UintData>(storage_, dtype_, "unsigned integer"); }
Tensor::UintData& Tensor::uints() { return const_cast<UintData&>(std::as_const(*this).uints()); }
const Tensor::StringData& Tensor::strings() const { return Get<StringData>(storage_, dtype_, "string"); }
Tensor::StringData& Tensor::strings() { return const_cast<StringData&>(std::as_const(*this).strings()); }

double Tensor::AsDouble(int64_t i) const {
  return VisitStorage(*this, [&](const auto& v) -> double {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (std::is_same_v<T, std::string>) {
      throw Error("string tensor used as a number");
    } else {
      return static_cast<double>(v.at(i));
    }
  });
}

int64_t Tensor::AsInt64(int64_t i) const {
  return VisitStorage(*this, [&](const auto& v) -> int64_t {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (std::is_same_v<T, std::string>) {
      throw Error("string tensor used as a number");
    } else if constexpr (std::is_same_v<T, double>) {
      if (!std::isfinite(v.at(i))) throw Error("non-finite value used as an integer");
      return static_cast<int64_t>(v.at(i));
    } else {
      return static_cast<int64_t>(v.at(i));
    }
  });
}

std::vector<int64_t> Tensor::ToInt64Vector() const {
  std::vector<int64_t> out(size());
  for (int64_t i = 0; i < size(); ++i) out[i] = AsInt64(i);
  return out;
}

std::vector<double> Tensor::ToDoubleVector() const {
  std::vector<double> out(size());
  for (int64_t i = 0; i < size(); ++i) out[i] = AsDouble(i);
  return out;
}

Tensor Tensor::Reshaped(Shape new_shape) const {
  if (ElementCount(new_shape) != size()) {
    throw Error("cannot reshape " + ShapeToString(shape_) + " to " + ShapeToString(new_shape));
  }
  Tensor t = *this;
  t.shape_ = std::move(new_shape);
  return t;
}

Tensor Tensor::WithDtype(DataType new_dtype) const {
  Tensor out(new_dtype, shape_);
  VisitStorage(out, [&](auto& ov) {
    using O = typename std::decay_t<decltype(ov)>::value_type;
    VisitStorage(*this, [&](const auto& iv) {
      using I = typename std::decay_t<decltype(iv)>::value_type;
      if constexpr (std::is_same_v<O, std::string> != std::is_same_v<I, std::string>) {
        throw Error("cannot convert between STRING and " + DataTypeName(std::is_same_v<O, std::string> ? dtype_
                                                                                                       : new_dtype));
      } else if constexpr (std::is_same_v<O, std::string>) {
        ov = iv;
      } else if constexpr (std::is_same_v<I, double> && !std::is_same_v<O, double>) {
        for (size_t i = 0; i < iv.size(); ++i) {
          const double x = iv[i];
          if (new_dtype == DataType::kBool) {
            ov[i] = x != 0.0;
          } else {
            ov[i] = std::isfinite(x) ? static_cast<O>(static_cast<int64_t>(std::trunc(x))) : O{0};
          }
        }
      } else {
        for (size_t i = 0; i < iv.size(); ++i) {
          ov[i] = new_dtype == DataType::kBool ? O(iv[i] != 0) : static_cast<O>(iv[i]);
        }
      }
    });
  });
  out.WrapToDtype();
  return out;
}

void Tensor::WrapToDtype() {
  const int bits = BitWidth(dtype_);
  if (dtype_ == DataType::kBool) {
    for (auto& v : ints()) v = v != 0;
  } else if (IsSignedInteger(dtype_) && bits < 64) {
    for (auto& v : ints()) v = WrapSigned(v, bits);
  } else if (IsUnsignedInteger(dtype_) && bits < 64) {
    const uint64_t mask = (uint64_t{1} << bits) - 1;
    for (auto& v : uints()) v &= mask;
  }
}

std::string Tensor::DebugString(int64_t max_elements) const {
  std::ostringstream os;
  os << DataTypeName(dtype_) << ShapeToString(shape_) << " {";
  VisitStorage(*this, [&](const auto& v) {
    for (int64_t i = 0; i < size() && i < max_elements; ++i) os << (i ? ", " : "") << v[i];
    if (size() > max_elements) os << ", ...";
  });
  os << "}";
  return os.str();
}

}  // namespace parity::ref
