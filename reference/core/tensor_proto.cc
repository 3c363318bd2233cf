#include "core/tensor_proto.h"

#include <onnx/onnx_pb.h>

#include <cstring>

#include "core/float_formats.h"
#include "parity/reference/error.h"

namespace parity::ref {

namespace {

// Little-endian unsigned integer of `bytes` bytes at p.
uint64_t ReadLittleEndian(const unsigned char* p, int bytes) {
  uint64_t v = 0;
  for (int b = bytes; b-- > 0;) v = (v << 8) | p[b];
  return v;
}

int64_t SignExtend(uint64_t v, int bits) {
  if (bits >= 64) return static_cast<int64_t>(v);
  const uint64_t sign = uint64_t{1} << (bits - 1);
  return static_cast<int64_t>((v ^ sign) - sign);
}

// Element i of a sequence of `bits`-wide fields (bits in {1..64}); sub-byte fields are packed low bits first.
uint64_t FieldBits(const unsigned char* data, int64_t i, int bits) {
  if (bits >= 8) return ReadLittleEndian(data + i * (bits / 8), bits / 8);
  const int per_byte = 8 / bits;
  const unsigned char byte = data[i / per_byte];
  return (byte >> ((i % per_byte) * bits)) & ((1u << bits) - 1);
}

// Stores element bits `v` of element i into the tensor, interpreting them according to its dtype.
void StoreBits(Tensor& t, int64_t i, uint64_t v) {
  const DataType dt = t.dtype();
  const int bits = BitWidth(dt);
  switch (StorageOf(dt)) {
    case StorageKind::kReal:
      if (dt == DataType::kFloat) {
        float f;
        const auto u = static_cast<uint32_t>(v);
        std::memcpy(&f, &u, 4);
        t.reals()[i] = f;
      } else if (dt == DataType::kDouble) {
        double d;
        std::memcpy(&d, &v, 8);
        t.reals()[i] = d;
      } else {
        t.reals()[i] = DecodeNarrowFloat(dt, static_cast<uint32_t>(v));
      }
      break;
    case StorageKind::kInt:
      t.ints()[i] = dt == DataType::kBool ? static_cast<int64_t>(v != 0) : SignExtend(v, bits);
      break;
    case StorageKind::kUint:
      t.uints()[i] = v;
      break;
    default:
      throw Error("cannot decode " + DataTypeName(dt));
  }
}

Tensor DecodeRaw(const onnx::TensorProto& proto, DataType dtype, const Shape& shape) {
  Tensor t(dtype, shape);
  const int64_t n = t.size();
  const int bits = BitWidth(dtype);
  const auto& raw = proto.raw_data();
  const size_t expected = static_cast<size_t>((n * bits + 7) / 8);
  if (raw.size() != expected) {
    throw Error("raw_data holds " + std::to_string(raw.size()) + " bytes, but " + DataTypeName(dtype) +
                ShapeToString(shape) + " needs " + std::to_string(expected) + " (truncated or corrupt tensor)");
  }
  const auto* data = reinterpret_cast<const unsigned char*>(raw.data());
  for (int64_t i = 0; i < n; ++i) StoreBits(t, i, FieldBits(data, i, bits));
  return t;
}

template <typename Field>
void CheckCount(const Field& field, int64_t expected, const char* name, DataType dtype) {
  if (static_cast<int64_t>(field.size()) != expected) {
    throw Error(std::string(name) + " holds " + std::to_string(field.size()) + " values, but the " +
                DataTypeName(dtype) + " tensor needs " + std::to_string(expected) + " (truncated or corrupt tensor)");
  }
}

Tensor DecodeTyped(const onnx::TensorProto& proto, DataType dtype, const Shape& shape) {
  Tensor t(dtype, shape);
  const int64_t n = t.size();
  switch (dtype) {
    case DataType::kFloat:
      CheckCount(proto.float_data(), n, "float_data", dtype);
      for (int64_t i = 0; i < n; ++i) t.reals()[i] = proto.float_data(i);
      return t;
    case DataType::kDouble:
      CheckCount(proto.double_data(), n, "double_data", dtype);
      for (int64_t i = 0; i < n; ++i) t.reals()[i] = proto.double_data(i);
      return t;
    case DataType::kInt64:
      CheckCount(proto.int64_data(), n, "int64_data", dtype);
      for (int64_t i = 0; i < n; ++i) t.ints()[i] = proto.int64_data(i);
      return t;
    case DataType::kUint32:
    case DataType::kUint64:
      CheckCount(proto.uint64_data(), n, "uint64_data", dtype);
      for (int64_t i = 0; i < n; ++i) t.uints()[i] = proto.uint64_data(i);
      t.WrapToDtype();
      return t;
    case DataType::kString:
      CheckCount(proto.string_data(), n, "string_data", dtype);
      for (int64_t i = 0; i < n; ++i) t.strings()[i] = proto.string_data(i);
      return t;
    default:
      break;
  }
  const int bits = BitWidth(dtype);
  if (bits == 0 || bits > 32) throw Error("cannot decode " + DataTypeName(dtype) + " tensors");
  if (bits < 8) {
    // Sub-byte types: each int32 holds one byte of packed elements.
    const int per_byte = 8 / bits;
    CheckCount(proto.int32_data(), (n + per_byte - 1) / per_byte, "int32_data", dtype);
    std::vector<unsigned char> bytes(proto.int32_data_size());
    for (int i = 0; i < proto.int32_data_size(); ++i) bytes[i] = static_cast<unsigned char>(proto.int32_data(i));
    for (int64_t i = 0; i < n; ++i) StoreBits(t, i, FieldBits(bytes.data(), i, bits));
    return t;
  }
  CheckCount(proto.int32_data(), n, "int32_data", dtype);
  const uint64_t mask = bits >= 32 ? 0xffffffffull : ((uint64_t{1} << bits) - 1);
  for (int64_t i = 0; i < n; ++i) StoreBits(t, i, static_cast<uint32_t>(proto.int32_data(i)) & mask);
  return t;
}

}  // namespace

Tensor TensorFromProto(const onnx::TensorProto& proto) {
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    throw Error("tensor '" + proto.name() + "' keeps its data in an external file; load the model through parity's "
                "loader, which inlines external data");
  }
  const DataType dtype = DataTypeFromOnnx(proto.data_type());
  if (StorageOf(dtype) == StorageKind::kUnsupported) {
    throw Error("tensor '" + proto.name() + "' has element type " + DataTypeName(dtype) +
                ", which the reference interpreter does not support");
  }
  Shape shape(proto.dims().begin(), proto.dims().end());
  for (int64_t d : shape) {
    if (d < 0) throw Error("tensor '" + proto.name() + "' has a negative dimension");
  }
  if (proto.has_raw_data() && dtype != DataType::kString) return DecodeRaw(proto, dtype, shape);
  return DecodeTyped(proto, dtype, shape);
}

}  // namespace parity::ref
