// Helpers for runtime tests: tiny ModelProto builder, deterministic inputs, tolerance table, model paths.
#pragma once

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "parity/runtime/runtime.h"

namespace parity::rt::testing {

// Tolerances as data: (what, abs, rel). Looked up by name so test bodies carry no literals.
struct Tolerance {
  const char* what;
  double abs;
  double rel;
};
inline const Tolerance& Tol(const std::string& what) {
  static const Tolerance table[] = {
      {"exact", 0.0, 0.0},               // integer/shape ops and pure data movement
      {"node", 1e-4, 1e-3},              // ONNX backend node cases (numpy float32 expectations)
      {"hand", 1e-5, 1e-5},              // small graphs vs hand-computed values
      {"fusion", 1e-4, 1e-3},            // same model, fused vs unfused (fp32 re-association)
      {"model", 2e-3, 2e-3},             // whole models across option sets (long accumulation chains)
      {"fp16-model", 2e-3, 2e-2},        // float16 I/O models (output rounded to half)
      {"reference-logits", 1e-3, 1e-3},  // shipped expected outputs of real models (other engines, fp32)
      {"light-model", 1e-4, 1e-3},       // ONNX light CNNs (constant weights, numpy expectations)
  };
  for (const auto& t : table) {
    if (what == t.what) return t;
  }
  return table[0];
}

inline bool Near(double a, double b, const Tolerance& t) {
  return std::fabs(a - b) <= t.abs + t.rel * std::fabs(b);
}

// Max |a-b| / (abs + rel*|b|) over all elements; <= 1 means within tolerance.
inline double WorstRatio(const std::vector<float>& a, const std::vector<float>& b, const Tolerance& t) {
  double worst = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    double lim = t.abs + t.rel * std::fabs(b[i]);
    double d = std::fabs(static_cast<double>(a[i]) - b[i]);
    if (!(d <= lim)) worst = std::max(worst, lim > 0 ? d / lim : (d > 0 ? 1e30 : 0.0));
    if (std::isnan(a[i]) != std::isnan(b[i])) worst = 1e30;
  }
  return worst;
}

inline std::string SharedDir() {
  return PARITY_SHARED_DIR;
}

inline bool LoadModel(const std::string& path, onnx::ModelProto* m) {
  std::ifstream f(path, std::ios::binary);
  return f && m->ParseFromIstream(&f);
}

// Tiny graph builder.
class ModelBuilder {
 public:
  explicit ModelBuilder(int opset = 13) {
    auto* o = model_.add_opset_import();
    o->set_domain("");
    o->set_version(opset);
    model_.set_ir_version(8);
  }
  ModelBuilder& Input(const std::string& name, std::vector<int64_t> dims, int dtype = 1) {
    AddInfo(model_.mutable_graph()->add_input(), name, dims, dtype);
    return *this;
  }
  ModelBuilder& Output(const std::string& name, int dtype = 1) {
    auto* v = model_.mutable_graph()->add_output();
    v->set_name(name);
    v->mutable_type()->mutable_tensor_type()->set_elem_type(dtype);
    return *this;
  }
  ModelBuilder& Init(const std::string& name, std::vector<int64_t> dims, const std::vector<float>& v) {
    auto* t = model_.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(1);
    for (auto d : dims) t->add_dims(d);
    for (float x : v) t->add_float_data(x);
    return *this;
  }
  ModelBuilder& InitI64(const std::string& name, std::vector<int64_t> dims, const std::vector<int64_t>& v) {
    auto* t = model_.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(7);
    for (auto d : dims) t->add_dims(d);
    for (auto x : v) t->add_int64_data(x);
    return *this;
  }
  onnx::NodeProto& Node(const std::string& op, std::vector<std::string> in, std::vector<std::string> out,
                        const std::string& name = "") {
    auto* n = model_.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? op + "_" + std::to_string(model_.graph().node_size()) : name);
    for (auto& s : in) n->add_input(s);
    for (auto& s : out) n->add_output(s);
    return *n;
  }
  const onnx::ModelProto& model() const { return model_; }
  onnx::ModelProto& mutable_model() { return model_; }

  static void AttrInt(onnx::NodeProto& n, const std::string& name, int64_t v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v);
  }
  static void AttrInts(onnx::NodeProto& n, const std::string& name, std::vector<int64_t> v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (auto x : v) a->add_ints(x);
  }
  static void AttrFloat(onnx::NodeProto& n, const std::string& name, float v) {
    auto* a = n.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(v);
  }

 private:
  static void AddInfo(onnx::ValueInfoProto* v, const std::string& name, const std::vector<int64_t>& dims, int dtype) {
    v->set_name(name);
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(dtype);
    for (auto d : dims) {
      auto* dim = tt->mutable_shape()->add_dim();
      if (d < 0)
        dim->set_dim_param("N");
      else
        dim->set_dim_value(d);
    }
  }
  onnx::ModelProto model_;
};

// Deterministic pseudo-random input in [lo, hi].
inline std::vector<float> Pattern(size_t n, float lo = -1.f, float hi = 1.f, uint32_t seed = 1) {
  std::vector<float> v(n);
  uint32_t s = seed * 2654435761u + 12345u;
  for (auto& x : v) {
    s = s * 1664525u + 1013904223u;
    x = lo + (hi - lo) * static_cast<float>(s >> 8) / static_cast<float>(1u << 24);
  }
  return v;
}

// x -> Conv (weights "w" [oc, c, kh, kw], bias "b", `pads` unless empty; node `conv_name`) -> optional Add of the
// input "r" (node "shortcut") -> optional activation `act` (node "act") -> y.
inline onnx::ModelProto ConvWithEpilogue(const std::vector<int64_t>& x_dims, const std::vector<int64_t>& w_dims,
                                         const std::vector<int64_t>& y_dims, const std::vector<float>& w,
                                         const std::vector<float>& bias, const std::vector<int64_t>& pads,
                                         bool residual, const std::string& act, const std::string& conv_name) {
  ModelBuilder b;
  b.Input("x", x_dims);
  if (residual) b.Input("r", y_dims);
  b.Output("y");
  b.Init("w", w_dims, w).Init("b", {w_dims[0]}, bias);
  std::string t = residual || !act.empty() ? "conv" : "y";
  auto& conv = b.Node("Conv", {"x", "w", "b"}, {t}, conv_name);
  if (!pads.empty()) ModelBuilder::AttrInts(conv, "pads", pads);
  if (residual) {
    const std::string sum = act.empty() ? "y" : "sum";
    b.Node("Add", {t, "r"}, {sum}, "shortcut");
    t = sum;
  }
  if (!act.empty()) b.Node(act, {t}, {"y"}, "act");
  return b.model();
}

// The algorithm the compile stats name for `node` (e.g. "pointwise-nchwc"), or "(node not found)".
inline std::string AlgorithmOf(const Executable& exe, const std::string& node) {
  for (const NodeStats& s : exe.stats().nodes) {
    if (s.name == node) return s.algorithm;
  }
  return "(node not found)";
}

// The element whose error against a double reference uses most of its bound: |got[i] - ref[i]| / bound(i), the
// largest over i (NaN counts as the largest), and its index.
struct WorstElement {
  double ratio = 0;
  size_t index = 0;
};
template <typename Bound>
WorstElement WorstOverBound(const std::vector<float>& got, const std::vector<double>& ref, Bound bound) {
  WorstElement w;
  for (size_t i = 0; i < got.size() && i < ref.size(); ++i) {
    const double ratio = std::fabs(got[i] - ref[i]) / bound(i);
    if (!(ratio <= w.ratio)) w.ratio = ratio, w.index = i;
  }
  return w;
}

}  // namespace parity::rt::testing
