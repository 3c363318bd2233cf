#include "harness/core/tensor.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace parity {

int64_t NumElements(const Dims& dims) {
  int64_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) throw std::invalid_argument("negative dimension in " + DimsToString(dims));
    n *= d;
  }
  return n;
}

std::string DimsToString(const Dims& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

Tensor::Tensor(ElementType type, Dims shape) : dtype(type), declared(type), dims(std::move(shape)) {
  const int64_t n = NumElements(dims);
  if (type == ElementType::kString) {
    strings.resize(n);
  } else {
    if (ElementSize(type) == 0) throw std::invalid_argument("unsupported element type " + ElementTypeName(type));
    data.resize(static_cast<size_t>(n) * ElementSize(type));
  }
}

namespace {
template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

int64_t SignExtend(uint8_t v, int bits) {
  const int64_t sign = int64_t{1} << (bits - 1);
  const int64_t x = v & ((1 << bits) - 1);
  return (x ^ sign) - sign;
}
}  // namespace

double Tensor::At(int64_t i) const {
  const uint8_t* p = data.data() + i * ElementSize(dtype);
  switch (dtype) {
    case ElementType::kFloat: return Load<float>(p);
    case ElementType::kDouble: return Load<double>(p);
    case ElementType::kFloat16: return Float16ToDouble(Load<uint16_t>(p));
    case ElementType::kBfloat16: return Bfloat16ToDouble(Load<uint16_t>(p));
    case ElementType::kFloat8E4M3FN:
    case ElementType::kFloat8E4M3FNUZ:
    case ElementType::kFloat8E5M2:
    case ElementType::kFloat8E5M2FNUZ:
    case ElementType::kFloat8E8M0:
    case ElementType::kFloat4E2M1: return Float8ToDouble(dtype, *p);
    case ElementType::kUint64: return static_cast<double>(Load<uint64_t>(p));
    default: return static_cast<double>(IntAt(i));
  }
}

int64_t Tensor::IntAt(int64_t i) const {
  const uint8_t* p = data.data() + i * ElementSize(dtype);
  switch (dtype) {
    case ElementType::kBool:
    case ElementType::kUint8:
    case ElementType::kUint4:
    case ElementType::kUint2: return *p;
    case ElementType::kInt8: return static_cast<int8_t>(*p);
    case ElementType::kInt4: return SignExtend(*p, 4);
    case ElementType::kInt2: return SignExtend(*p, 2);
    case ElementType::kInt16: return Load<int16_t>(p);
    case ElementType::kUint16: return Load<uint16_t>(p);
    case ElementType::kInt32: return Load<int32_t>(p);
    case ElementType::kUint32: return Load<uint32_t>(p);
    case ElementType::kInt64: return Load<int64_t>(p);
    case ElementType::kUint64: return static_cast<int64_t>(Load<uint64_t>(p));
    case ElementType::kString: throw std::invalid_argument("string tensor used as a number");
    default: {
      const double v = At(i);
      return std::isfinite(v) ? static_cast<int64_t>(v) : 0;
    }
  }
}

std::vector<double> Tensor::ToDoubles() const {
  std::vector<double> out(size());
  for (int64_t i = 0; i < size(); ++i) out[i] = At(i);
  return out;
}

namespace {
template <typename T>
void Store(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

void StoreInt(Tensor& t, int64_t i, int64_t v) {
  uint8_t* p = t.data.data() + i * ElementSize(t.dtype);
  switch (ElementSize(t.dtype)) {
    case 1: *p = static_cast<uint8_t>(t.dtype == ElementType::kBool ? v != 0 : v); break;
    case 2: Store<uint16_t>(p, static_cast<uint16_t>(v)); break;
    case 4: Store<uint32_t>(p, static_cast<uint32_t>(v)); break;
    case 8: Store<uint64_t>(p, static_cast<uint64_t>(v)); break;
    default: throw std::invalid_argument("cannot store integers as " + ElementTypeName(t.dtype));
  }
  if (PackedBits(t.dtype) < 8) *p &= static_cast<uint8_t>((1 << PackedBits(t.dtype)) - 1);
}
}  // namespace

Tensor Tensor::FromDoubles(ElementType type, Dims shape, const std::vector<double>& values) {
  Tensor t(type, std::move(shape));
  if (static_cast<int64_t>(values.size()) != t.size()) throw std::invalid_argument("FromDoubles: count mismatch");
  for (int64_t i = 0; i < t.size(); ++i) {
    uint8_t* p = t.data.data() + i * ElementSize(type);
    switch (type) {
      case ElementType::kFloat: Store<float>(p, static_cast<float>(values[i])); break;
      case ElementType::kDouble: Store<double>(p, values[i]); break;
      case ElementType::kFloat16: Store<uint16_t>(p, DoubleToFloat16(values[i])); break;
      case ElementType::kBfloat16: Store<uint16_t>(p, DoubleToBfloat16(values[i])); break;
      default:
        if (IsFloatingType(type)) throw std::invalid_argument("cannot encode " + ElementTypeName(type));
        StoreInt(t, i, std::isfinite(values[i]) ? static_cast<int64_t>(values[i]) : 0);
    }
  }
  return t;
}

Tensor Tensor::FromInt64s(ElementType type, Dims shape, const std::vector<int64_t>& values) {
  Tensor t(type, std::move(shape));
  if (static_cast<int64_t>(values.size()) != t.size()) throw std::invalid_argument("FromInt64s: count mismatch");
  if (IsFloatingType(type)) {
    std::vector<double> d(values.begin(), values.end());
    return FromDoubles(type, t.dims, d);
  }
  for (int64_t i = 0; i < t.size(); ++i) StoreInt(t, i, values[i]);
  return t;
}

Value Value::Sequence(std::vector<Tensor> elements, ElementType type) {
  Value v;
  v.kind = Kind::kSequence;
  v.sequence = std::move(elements);
  v.sequence_type = type;
  return v;
}

}  // namespace parity
