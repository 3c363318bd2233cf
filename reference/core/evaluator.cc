#include "parity/reference/evaluator.h"

#include <onnx/onnx_pb.h>

#include <set>

#include "core/interpreter.h"
#include "core/op_registry.h"
#include "parity/reference/error.h"

namespace parity::ref {

namespace {

ValueInfo InfoOf(const onnx::ValueInfoProto& v) {
  ValueInfo info;
  info.name = v.name();
  const auto& type = v.type();
  info.is_tensor = type.has_tensor_type() || type.value_case() == onnx::TypeProto::VALUE_NOT_SET;
  if (!type.has_tensor_type()) return info;
  const auto& tt = type.tensor_type();
  if (tt.elem_type() != 0) info.dtype = DataTypeFromOnnx(tt.elem_type());
  if (!tt.has_shape()) return info;
  info.has_shape = true;
  for (const auto& d : tt.shape().dim()) {
    info.dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    info.dim_names.push_back(d.has_dim_param() ? d.dim_param() : "");
  }
  return info;
}

void CheckFeed(const ValueInfo& info, const Value& value) {
  if (!info.is_tensor) return;
  if (!value.is_tensor()) throw Error("input '" + info.name + "' must be a tensor");
  const Tensor& t = value.tensor();
  if (info.dtype != DataType::kUndefined && t.dtype() != info.dtype) {
    throw Error("input '" + info.name + "' must be " + DataTypeName(info.dtype) + ", got " +
                DataTypeName(t.dtype()));
  }
  if (!info.has_shape) return;
  bool ok = t.rank() == static_cast<int64_t>(info.dims.size());
  for (size_t i = 0; ok && i < info.dims.size(); ++i) ok = info.dims[i] < 0 || info.dims[i] == t.shape()[i];
  if (!ok) {
    std::string declared = "[";
    for (size_t i = 0; i < info.dims.size(); ++i) {
      declared += (i ? "," : "") + (info.dims[i] >= 0 ? std::to_string(info.dims[i])
                                                      : (info.dim_names[i].empty() ? "?" : info.dim_names[i]));
    }
    throw Error("input '" + info.name + "' must have shape " + declared + "], got " + ShapeToString(t.shape()));
  }
}

}  // namespace

struct Evaluator::Impl {
  onnx::ModelProto model;
  std::unique_ptr<Interpreter> interpreter;
  std::vector<ValueInfo> inputs;
  std::vector<ValueInfo> outputs;
};

Evaluator::Evaluator(const onnx::ModelProto& model, EvaluatorOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->model = model;
  const auto& graph = impl_->model.graph();
  std::set<std::string> initializers;
  for (const auto& init : graph.initializer()) initializers.insert(init.name());
  for (const auto& in : graph.input()) {
    if (!initializers.count(in.name())) impl_->inputs.push_back(InfoOf(in));
  }
  for (const auto& out : graph.output()) impl_->outputs.push_back(InfoOf(out));
  impl_->interpreter = std::make_unique<Interpreter>(impl_->model, options);
  impl_->interpreter->Validate();
}

Evaluator::~Evaluator() = default;

const std::vector<ValueInfo>& Evaluator::inputs() const { return impl_->inputs; }
const std::vector<ValueInfo>& Evaluator::outputs() const { return impl_->outputs; }

std::map<std::string, Value> Evaluator::Run(const std::map<std::string, Value>& feeds) {
  for (const ValueInfo& info : impl_->inputs) {
    auto it = feeds.find(info.name);
    if (it == feeds.end()) throw Error("input '" + info.name + "' was not fed");
    CheckFeed(info, it->second);
  }
  return impl_->interpreter->RunMain(feeds);
}

const std::vector<Intermediate>& Evaluator::intermediates() const { return impl_->interpreter->intermediates(); }

std::vector<OpSupport> SupportedOps() {
  std::vector<OpSupport> out;
  for (const OpDef* def : OpRegistry::Global().All()) out.push_back({def->domain(), def->op_type(), def->versions()});
  return out;
}

}  // namespace parity::ref
