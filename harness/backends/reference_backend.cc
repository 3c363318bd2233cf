// The reference interpreter behind the Backend interface. Floating outputs are returned as DOUBLE tensors whose
// `declared` type is the model's, so the truth reaches the metrics unrounded.
#include "harness/backends/reference_backend.h"

#include <onnx/onnx_pb.h>

#include <cstring>

#include "harness/core/errors.h"
#include "parity/reference/error.h"
#include "parity/reference/evaluator.h"

namespace parity {

namespace {

ref::DataType ToRef(ElementType t) { return static_cast<ref::DataType>(static_cast<int32_t>(t)); }
ElementType FromRef(ref::DataType t) { return static_cast<ElementType>(static_cast<int32_t>(t)); }

ref::Tensor ToRefTensor(const Tensor& t) {
  const ref::DataType dt = ToRef(t.dtype);
  ref::Shape shape(t.dims.begin(), t.dims.end());
  switch (ref::StorageOf(dt)) {
    case ref::StorageKind::kReal: return ref::Tensor(dt, shape, t.ToDoubles());
    case ref::StorageKind::kInt: {
      ref::Tensor::IntData v(t.size());
      for (int64_t i = 0; i < t.size(); ++i) v[i] = t.IntAt(i);
      return ref::Tensor(dt, shape, std::move(v));
    }
    case ref::StorageKind::kUint: {
      ref::Tensor::UintData v(t.size());
      for (int64_t i = 0; i < t.size(); ++i) v[i] = static_cast<uint64_t>(t.IntAt(i));
      return ref::Tensor(dt, shape, std::move(v));
    }
    case ref::StorageKind::kString: return ref::Tensor(dt, shape, t.strings);
    default: throw InputError("the reference cannot take " + ElementTypeName(t.dtype) + " tensors");
  }
}

Tensor FromRefTensor(const ref::Tensor& r) {
  const ElementType declared = FromRef(r.dtype());
  const Dims dims(r.shape().begin(), r.shape().end());
  Tensor t;
  switch (ref::StorageOf(r.dtype())) {
    case ref::StorageKind::kReal:
      t = Tensor(ElementType::kDouble, dims);
      std::memcpy(t.data.data(), r.reals().data(), r.reals().size() * sizeof(double));
      break;
    case ref::StorageKind::kInt:
      t = Tensor::FromInt64s(declared, dims, r.ints());
      break;
    case ref::StorageKind::kUint: {
      t = Tensor(declared, dims);
      for (int64_t i = 0; i < t.size(); ++i) {
        const uint64_t v = r.uints()[i];
        std::memcpy(t.data.data() + i * ElementSize(declared), &v, ElementSize(declared));
      }
      break;
    }
    case ref::StorageKind::kString:
      t = Tensor(declared, dims);
      t.strings = r.strings();
      break;
    default:
      throw InputError("reference produced an unsupported type " + ElementTypeName(declared));
  }
  t.declared = declared;
  return t;
}

ref::Value ToRefValue(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kTensor: return ref::Value(ToRefTensor(v.tensor));
    case Value::Kind::kSequence: {
      std::vector<ref::Tensor> items;
      for (const auto& t : v.sequence) items.push_back(ToRefTensor(t));
      return ref::Value::Sequence(std::move(items), ToRef(v.sequence_type));
    }
    default: return ref::Value();
  }
}

Value FromRefValue(const ref::Value& v) {
  switch (v.kind()) {
    case ref::Value::Kind::kTensor: return Value(FromRefTensor(v.tensor()));
    case ref::Value::Kind::kSequence: {
      std::vector<Tensor> items;
      for (const auto& t : v.sequence()) items.push_back(FromRefTensor(t));
      return Value::Sequence(std::move(items), FromRef(v.sequence_element_type()));
    }
    default: return Value();
  }
}

IoInfo ToIoInfo(const ref::ValueInfo& v) {
  IoInfo info;
  info.name = v.name;
  info.type = FromRef(v.dtype);
  info.is_tensor = v.is_tensor;
  info.has_shape = v.has_shape;
  info.dims = v.dims;
  info.dim_names = v.dim_names;
  return info;
}

}  // namespace

ReferenceBackend::ReferenceBackend(const BackendOptions& options) : options_(options) {
  if (!options.settings.empty()) {
    throw InputError("the reference backend takes no settings (got '" + options.settings.begin()->first + "')");
  }
}

ReferenceBackend::~ReferenceBackend() = default;

void ReferenceBackend::Load(const onnx::ModelProto& model) {
  ref::EvaluatorOptions opts;
  opts.threads = options_.threads;
  opts.keep_intermediates = options_.keep_intermediates;
  try {
    evaluator_ = std::make_unique<ref::Evaluator>(model, opts);
  } catch (const ref::Error& e) {
    throw InputError(std::string("reference: ") + e.what());
  }
}

std::vector<IoInfo> ReferenceBackend::inputs() const {
  std::vector<IoInfo> out;
  for (const auto& v : evaluator_->inputs()) out.push_back(ToIoInfo(v));
  return out;
}

std::vector<IoInfo> ReferenceBackend::outputs() const {
  std::vector<IoInfo> out;
  for (const auto& v : evaluator_->outputs()) out.push_back(ToIoInfo(v));
  return out;
}

std::map<std::string, Value> ReferenceBackend::Run(const std::map<std::string, Value>& feeds) {
  try {
    std::map<std::string, ref::Value> ref_feeds;
    for (const auto& [name, value] : feeds) ref_feeds[name] = ToRefValue(value);
    std::map<std::string, Value> out;
    for (const auto& [name, value] : evaluator_->Run(ref_feeds)) out[name] = FromRefValue(value);
    return out;
  } catch (const ref::Error& e) {
    throw InputError(std::string("reference: ") + e.what());
  }
}

std::vector<NamedValue> ReferenceBackend::Intermediates() const {
  std::vector<NamedValue> out;
  for (const auto& i : evaluator_->intermediates()) {
    out.push_back({i.name, i.node_name, i.op_type, FromRefValue(i.value)});
  }
  return out;
}

}  // namespace parity
