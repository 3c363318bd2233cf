// Test helper: small multi-node ONNX graphs (with subgraphs, model-local functions, sequence/optional types) built
// in memory for the reference Evaluator. Header-only; see control_flow_test.cc and evaluator_test.cc for uses.
//
//   GraphBuilder g("main");
//   g.Input("x", DataType::kFloat, {2});
//   g.Node("Relu", {"x"}, {"y"});
//   g.Output("y");
//   auto out = RunModel(MakeModel(g.graph(), 16), {{"x", Floats({2}, {-1, 1})}});
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "parity/reference/evaluator.h"
#include "parity/reference/tensor.h"

namespace parity::ref::testing {

inline onnx::TensorProto ToProto(const Tensor& t, const std::string& name = "") {
  onnx::TensorProto p;
  p.set_name(name);
  p.set_data_type(static_cast<int32_t>(t.dtype()));
  for (int64_t d : t.shape()) p.add_dims(d);
  for (int64_t i = 0; i < t.size(); ++i) {
    switch (t.dtype()) {
      case DataType::kFloat:
        p.add_float_data(static_cast<float>(t.AsDouble(i)));
        break;
      case DataType::kDouble:
        p.add_double_data(t.AsDouble(i));
        break;
      case DataType::kInt64:
        p.add_int64_data(t.AsInt64(i));
        break;
      default:
        p.add_int32_data(static_cast<int32_t>(t.AsInt64(i)));
        break;  // int32, bool, ...
    }
  }
  return p;
}

inline onnx::AttributeProto IntAttr(const std::string& name, int64_t v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INT);
  a.set_i(v);
  return a;
}

inline onnx::AttributeProto IntsAttr(const std::string& name, const std::vector<int64_t>& v) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a.add_ints(x);
  return a;
}

inline onnx::AttributeProto GraphAttr(const std::string& name, const onnx::GraphProto& g) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::GRAPH);
  *a.mutable_g() = g;
  return a;
}

inline onnx::AttributeProto TensorAttr(const std::string& name, const Tensor& t) {
  onnx::AttributeProto a;
  a.set_name(name);
  a.set_type(onnx::AttributeProto::TENSOR);
  *a.mutable_t() = ToProto(t);
  return a;
}

class GraphBuilder {
 public:
  explicit GraphBuilder(const std::string& name) { graph_.set_name(name); }

  // A tensor input; an empty `dims` with has_shape = false declares no shape.
  GraphBuilder& Input(const std::string& name, DataType dtype, const std::vector<int64_t>& dims = {},
                      bool has_shape = true) {
    auto* in = graph_.add_input();
    in->set_name(name);
    auto* tt = in->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(static_cast<int32_t>(dtype));
    if (has_shape) {
      auto* shape = tt->mutable_shape();
      for (int64_t d : dims) {
        if (d >= 0) {
          shape->add_dim()->set_dim_value(d);
        } else {
          shape->add_dim()->set_dim_param("N");
        }
      }
    }
    return *this;
  }
  // A sequence-typed input (its element type given).
  GraphBuilder& SequenceInput(const std::string& name, DataType dtype) {
    auto* in = graph_.add_input();
    in->set_name(name);
    in->mutable_type()->mutable_sequence_type()->mutable_elem_type()->mutable_tensor_type()->set_elem_type(
        static_cast<int32_t>(dtype));
    return *this;
  }
  GraphBuilder& Output(const std::string& name, DataType dtype = DataType::kUndefined,
                       const std::vector<int64_t>& dims = {}, bool has_shape = false) {
    auto* out = graph_.add_output();
    out->set_name(name);
    if (dtype != DataType::kUndefined) {
      auto* tt = out->mutable_type()->mutable_tensor_type();
      tt->set_elem_type(static_cast<int32_t>(dtype));
      if (has_shape) {
        auto* shape = tt->mutable_shape();
        for (int64_t d : dims) shape->add_dim()->set_dim_value(d);
      }
    }
    return *this;
  }
  GraphBuilder& Initializer(const std::string& name, const Tensor& t) {
    *graph_.add_initializer() = ToProto(t, name);
    return *this;
  }
  GraphBuilder& Node(const std::string& op, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& outputs, const std::vector<onnx::AttributeProto>& attrs = {},
                     const std::string& name = "", const std::string& domain = "") {
    auto* n = graph_.add_node();
    n->set_op_type(op);
    n->set_name(name);
    n->set_domain(domain);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    for (const auto& a : attrs) *n->add_attribute() = a;
    return *this;
  }
  // A Constant node producing `t` as `output`.
  GraphBuilder& Constant(const std::string& output, const Tensor& t) {
    return Node("Constant", {}, {output}, {TensorAttr("value", t)});
  }

  const onnx::GraphProto& graph() const { return graph_; }
  onnx::GraphProto& mutable_graph() { return graph_; }

 private:
  onnx::GraphProto graph_;
};

inline onnx::ModelProto MakeModel(const onnx::GraphProto& graph, int opset) {
  onnx::ModelProto model;
  model.set_ir_version(8);
  auto* o = model.add_opset_import();
  o->set_domain("");
  o->set_version(opset);
  *model.mutable_graph() = graph;
  return model;
}

inline std::map<std::string, Value> RunModel(const onnx::ModelProto& model,
                                             const std::map<std::string, Value>& feeds = {}) {
  Evaluator evaluator(model);
  return evaluator.Run(feeds);
}

}  // namespace parity::ref::testing
