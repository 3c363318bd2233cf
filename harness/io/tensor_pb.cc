#include "harness/io/tensor_pb.h"

#include <onnx/onnx_pb.h>
// After onnx_pb.h, which defines ONNX_API for the generated headers.
#include <onnx/onnx-data_pb.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "harness/core/errors.h"

namespace parity {

namespace {

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open '" + path + "': no such file or not readable");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void CheckCount(int64_t have, int64_t need, const char* field, const std::string& what) {
  if (have != need) {
    throw InputError(what + ": " + field + " holds " + std::to_string(have) + " values, the shape needs " +
                     std::to_string(need) + " (truncated or corrupt tensor)");
  }
}

// Copies element i's low `bits` bits from packed bytes into the unpacked harness layout.
uint8_t Unpack(const uint8_t* bytes, int64_t i, int bits) {
  const int per_byte = 8 / bits;
  return static_cast<uint8_t>((bytes[i / per_byte] >> ((i % per_byte) * bits)) & ((1 << bits) - 1));
}

void DecodeRaw(const onnx::TensorProto& proto, Tensor& t, const std::string& what) {
  const auto& raw = proto.raw_data();
  const int bits = PackedBits(t.dtype);
  const int64_t n = t.size();
  const auto need = static_cast<int64_t>((n * bits + 7) / 8);
  CheckCount(static_cast<int64_t>(raw.size()), need, "raw_data (bytes)", what);
  const auto* bytes = reinterpret_cast<const uint8_t*>(raw.data());
  if (bits >= 8) {
    std::memcpy(t.data.data(), bytes, raw.size());
    if (t.dtype == ElementType::kBool) {
      for (auto& b : t.data) b = b != 0;
    }
    return;
  }
  for (int64_t i = 0; i < n; ++i) t.data[i] = Unpack(bytes, i, bits);
}

template <typename T, typename Field>
void CopyField(const Field& field, Tensor& t, const char* name, const std::string& what) {
  CheckCount(field.size(), t.size(), name, what);
  for (int64_t i = 0; i < t.size(); ++i) {
    const T v = static_cast<T>(field.Get(static_cast<int>(i)));
    std::memcpy(t.data.data() + i * sizeof(T), &v, sizeof(T));
  }
}

void DecodeTyped(const onnx::TensorProto& proto, Tensor& t, const std::string& what) {
  switch (t.dtype) {
    case ElementType::kFloat: return CopyField<float>(proto.float_data(), t, "float_data", what);
    case ElementType::kDouble: return CopyField<double>(proto.double_data(), t, "double_data", what);
    case ElementType::kInt64: return CopyField<int64_t>(proto.int64_data(), t, "int64_data", what);
    case ElementType::kUint64: return CopyField<uint64_t>(proto.uint64_data(), t, "uint64_data", what);
    case ElementType::kUint32: return CopyField<uint32_t>(proto.uint64_data(), t, "uint64_data", what);
    case ElementType::kString:
      CheckCount(proto.string_data_size(), t.size(), "string_data", what);
      t.strings.assign(proto.string_data().begin(), proto.string_data().end());
      return;
    default: break;
  }
  const int bits = PackedBits(t.dtype);
  if (bits < 8) {  // each int32 holds one byte of packed elements
    const int per_byte = 8 / bits;
    CheckCount(proto.int32_data_size(), (t.size() + per_byte - 1) / per_byte, "int32_data", what);
    std::vector<uint8_t> bytes(proto.int32_data().begin(), proto.int32_data().end());
    for (int64_t i = 0; i < t.size(); ++i) t.data[i] = Unpack(bytes.data(), i, bits);
    return;
  }
  CheckCount(proto.int32_data_size(), t.size(), "int32_data", what);
  const int size = ElementSize(t.dtype);
  for (int64_t i = 0; i < t.size(); ++i) {
    const auto v = static_cast<uint32_t>(proto.int32_data(static_cast<int>(i)));
    std::memcpy(t.data.data() + i * size, &v, size);  // little-endian: low bytes first
  }
  if (t.dtype == ElementType::kBool) {
    for (auto& b : t.data) b = b != 0;
  }
}

}  // namespace

Tensor TensorFromOnnx(const onnx::TensorProto& proto, const std::string& what) {
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    throw InputError(what + ": tensor data is external; load it through the model loader");
  }
  ElementType type;
  try {
    type = ElementTypeFromOnnx(proto.data_type());
  } catch (const std::invalid_argument& e) {
    throw InputError(what + ": " + e.what());
  }
  if (type == ElementType::kUndefined || (ElementSize(type) == 0 && type != ElementType::kString)) {
    throw InputError(what + ": unsupported element type " + ElementTypeName(type));
  }
  Dims dims(proto.dims().begin(), proto.dims().end());
  for (int64_t d : dims) {
    if (d < 0) throw InputError(what + ": negative dimension in " + DimsToString(dims));
  }
  Tensor t(type, dims);
  if (proto.has_raw_data() && type != ElementType::kString) {
    DecodeRaw(proto, t, what);
  } else {
    DecodeTyped(proto, t, what);
  }
  return t;
}

void TensorToOnnx(const Tensor& tensor, const std::string& name, onnx::TensorProto* proto) {
  proto->Clear();
  proto->set_name(name);
  proto->set_data_type(static_cast<int32_t>(tensor.dtype));
  for (int64_t d : tensor.dims) proto->add_dims(d);
  if (tensor.dtype == ElementType::kString) {
    for (const auto& s : tensor.strings) proto->add_string_data(s);
    return;
  }
  const int bits = PackedBits(tensor.dtype);
  if (bits >= 8) {
    proto->set_raw_data(std::string(tensor.data.begin(), tensor.data.end()));
    return;
  }
  const int per_byte = 8 / bits;
  std::string packed((tensor.size() + per_byte - 1) / per_byte, '\0');
  for (int64_t i = 0; i < tensor.size(); ++i) {
    packed[i / per_byte] = static_cast<char>(static_cast<uint8_t>(packed[i / per_byte]) |
                                             ((tensor.data[i] & ((1 << bits) - 1)) << ((i % per_byte) * bits)));
  }
  proto->set_raw_data(packed);
}

namespace {

Value FromSequence(const onnx::SequenceProto& seq, const std::string& what);

Value FromOptional(const onnx::OptionalProto& opt, const std::string& what) {
  switch (opt.elem_type()) {
    case onnx::OptionalProto::TENSOR:
      if (!opt.has_tensor_value()) return Value();
      return Value(TensorFromOnnx(opt.tensor_value(), what));
    case onnx::OptionalProto::SEQUENCE:
      if (!opt.has_sequence_value()) return Value();
      return FromSequence(opt.sequence_value(), what);
    case onnx::OptionalProto::UNDEFINED:
      return Value();
    default:
      throw InputError(what + ": unsupported optional element type " + std::to_string(opt.elem_type()));
  }
}

Value FromSequence(const onnx::SequenceProto& seq, const std::string& what) {
  if (seq.elem_type() != onnx::SequenceProto::TENSOR && seq.elem_type() != onnx::SequenceProto::UNDEFINED) {
    throw InputError(what + ": only sequences of tensors are supported");
  }
  std::vector<Tensor> elements;
  ElementType type = ElementType::kUndefined;
  for (int i = 0; i < seq.tensor_values_size(); ++i) {
    elements.push_back(TensorFromOnnx(seq.tensor_values(i), what + "[" + std::to_string(i) + "]"));
    type = elements.back().dtype;
  }
  return Value::Sequence(std::move(elements), type);
}

}  // namespace

Value ReadValuePb(const std::string& path, const std::string& kind_hint) {
  const std::string bytes = ReadFileBytes(path);
  if (kind_hint == "sequence") {
    onnx::SequenceProto seq;
    if (!seq.ParseFromString(bytes)) throw InputError("'" + path + "' is not a valid SequenceProto");
    return FromSequence(seq, "'" + path + "'");
  }
  if (kind_hint == "optional") {
    onnx::OptionalProto opt;
    if (!opt.ParseFromString(bytes)) throw InputError("'" + path + "' is not a valid OptionalProto");
    return FromOptional(opt, "'" + path + "'");
  }
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) {
    throw InputError("'" + path + "' is not a valid TensorProto (truncated or corrupt file?)");
  }
  return Value(TensorFromOnnx(proto, "'" + path + "'"));
}

Tensor ReadTensorPb(const std::string& path) { return ReadValuePb(path, "tensor").tensor; }

void WriteTensorPb(const Tensor& tensor, const std::string& name, const std::string& path) {
  onnx::TensorProto proto;
  TensorToOnnx(tensor, name, &proto);
  std::ofstream out(path, std::ios::binary);
  if (!out || !proto.SerializeToOstream(&out)) throw InputError("cannot write '" + path + "'");
}

}  // namespace parity
