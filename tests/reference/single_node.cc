#include "single_node.h"

#include <cstring>

namespace parity::ref::testing {

SingleNode::SingleNode(std::string op_type, int opset, std::string domain)
    : op_type_(std::move(op_type)), domain_(std::move(domain)), opset_(opset) {
  node_.set_op_type(op_type_);
  node_.set_domain(domain_);
  node_.set_name("node_under_test");
}

SingleNode& SingleNode::Input(const Tensor& t) {
  inputs_.push_back(t);
  present_.push_back(true);
  return *this;
}

SingleNode& SingleNode::SkipInput() {
  inputs_.emplace_back();
  present_.push_back(false);
  return *this;
}

SingleNode& SingleNode::Outputs(int n) {
  outputs_ = n;
  return *this;
}

SingleNode& SingleNode::Attr(const std::string& name, int64_t v) {
  auto* a = node_.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
  return *this;
}

SingleNode& SingleNode::Attr(const std::string& name, float v) {
  auto* a = node_.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
  return *this;
}

SingleNode& SingleNode::Attr(const std::string& name, const std::string& v) {
  auto* a = node_.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
  return *this;
}

SingleNode& SingleNode::Attr(const std::string& name, const std::vector<int64_t>& v) {
  auto* a = node_.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
  return *this;
}

SingleNode& SingleNode::Attr(const std::string& name, const std::vector<float>& v) {
  auto* a = node_.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOATS);
  for (float x : v) a->add_floats(x);
  return *this;
}

onnx::ModelProto SingleNode::Model() const {
  onnx::ModelProto model;
  model.set_ir_version(8);
  auto* opset = model.add_opset_import();
  opset->set_domain(domain_);
  opset->set_version(opset_);
  auto* graph = model.mutable_graph();
  graph->set_name("single_node");
  onnx::NodeProto node = node_;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const std::string name = present_[i] ? "in" + std::to_string(i) : "";
    node.add_input(name);
    if (!present_[i]) continue;
    auto* in = graph->add_input();
    in->set_name(name);
    in->mutable_type()->mutable_tensor_type()->set_elem_type(static_cast<int32_t>(inputs_[i].dtype()));
  }
  for (int i = 0; i < outputs_; ++i) {
    node.add_output("out" + std::to_string(i));
    graph->add_output()->set_name("out" + std::to_string(i));
  }
  *graph->add_node() = node;
  return model;
}

std::vector<Tensor> SingleNode::Run() const {
  Evaluator evaluator(Model());
  std::map<std::string, Value> feeds;
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (present_[i]) feeds["in" + std::to_string(i)] = inputs_[i];
  }
  auto results = evaluator.Run(feeds);
  std::vector<Tensor> out;
  for (int i = 0; i < outputs_; ++i) out.push_back(results.at("out" + std::to_string(i)).tensor());
  return out;
}

Tensor Floats(const Shape& shape, std::vector<double> values, DataType dtype) {
  return Tensor(dtype, shape, std::move(values));
}

Tensor Ints(const Shape& shape, std::vector<int64_t> values, DataType dtype) {
  return Tensor(dtype, shape, std::move(values));
}

}  // namespace parity::ref::testing
