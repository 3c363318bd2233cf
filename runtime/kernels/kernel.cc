#include "kernels/kernel.h"

#include <algorithm>

#include "core/thread_pool.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {

bool Kernel::Splits(const RunContext& ctx) const {
  return ctx.pool != nullptr && ctx.pool->NumThreads() > 1;
}

const ConstTensor& KernelBuilder::ConstInput(int i, const char* what) const {
  if (!has_input(i)) Fail(std::string("missing input '") + what + "'");
  data_used_.resize(in_.size(), false);
  data_used_[i] = true;
  if (!in_[i].data) {
    throw NeedsDataError("node '" + node_.name + "' (" + node_.op + "): input '" + what + "' is computed at run time");
  }
  return *in_[i].data;
}

std::vector<int64_t> KernelBuilder::ConstInts(int i, const char* what) const {
  const ConstTensor& t = ConstInput(i, what);
  if (t.dtype != DType::kI64) Fail(std::string("input '") + what + "' must be an integer tensor");
  return {t.as<int64_t>(), t.as<int64_t>() + t.size()};
}

void KernelBuilder::SetOutput(int i, DType t, Dims dims, MemLayout layout, int block) {
  if (i >= num_outputs()) return;  // optional output not requested
  for (int64_t d : dims) {
    if (d < 0) Fail("computed a negative output dimension " + DimsToString(dims));
  }
  out_[i].dtype = t;
  out_[i].dims = std::move(dims);
  out_[i].layout = layout;
  out_[i].block = block;
}

void KernelBuilder::Fail(const std::string& msg) const {
  std::string in_dims;
  for (size_t i = 0; i < in_.size(); ++i) {
    in_dims += (i ? ", " : "") + (node_.inputs[i] >= 0 ? DimsToString(in_[i].dims) : std::string("-"));
  }
  throw CompileError("node '" + node_.name + "' (" + node_.op + "): " + msg + " [inputs " + in_dims + "; options " +
                     options_.CanonicalName() + "]");
}

void KernelBuilder::ExpectInputs(int lo, int hi) const {
  if (num_inputs() < lo || num_inputs() > hi) {
    Fail("expects " + std::to_string(lo) + ".." + std::to_string(hi) + " inputs, got " + std::to_string(num_inputs()));
  }
  for (int i = 0; i < lo; ++i) {
    if (!has_input(i)) Fail("required input " + std::to_string(i) + " is missing");
  }
}

void KernelBuilder::ExpectFloat(int i) const {
  if (has_input(i) && in_[i].dtype != DType::kF32) {
    Fail("input " + std::to_string(i) + " must be a float tensor, got " + DTypeName(in_[i].dtype));
  }
}

OpRegistry& OpRegistry::Get() {
  static OpRegistry registry;
  return registry;
}

bool OpRegistry::Add(OpSchema schema) {
  schemas_.push_back(std::move(schema));
  return true;
}

const OpSchema* OpRegistry::Find(const std::string& domain, const std::string& op, int opset,
                                 Precision precision) const {
  std::string d = domain == "ai.onnx" ? "" : domain;
  for (const auto& s : schemas_) {
    if (s.domain == d && s.op == op && opset >= s.since && opset <= s.until && s.precision == precision) return &s;
  }
  return nullptr;
}

std::vector<std::string> OpRegistry::OpNames() const {
  std::vector<std::string> names;
  for (const auto& s : schemas_) names.push_back(s.domain.empty() ? s.op : s.domain + "." + s.op);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace parity::rt
