// Test helper: build a one-node ONNX model in memory and run it through the reference Evaluator.
//
//   auto out = SingleNode("LeakyRelu", 16).Attr("alpha", 0.1f).Input(x).Run();
//   EXPECT_EQ(out[0].reals(), ...);
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "parity/reference/evaluator.h"
#include "parity/reference/tensor.h"

namespace parity::ref::testing {

class SingleNode {
 public:
  SingleNode(std::string op_type, int opset, std::string domain = "");

  SingleNode& Input(const Tensor& t);  // next input, named in0, in1, ...
  SingleNode& SkipInput();             // an omitted optional input ("")
  SingleNode& Outputs(int n);          // number of outputs (default 1)
  SingleNode& Attr(const std::string& name, int64_t v);
  SingleNode& Attr(const std::string& name, float v);
  SingleNode& Attr(const std::string& name, const std::string& v);
  SingleNode& Attr(const std::string& name, const std::vector<int64_t>& v);
  SingleNode& Attr(const std::string& name, const std::vector<float>& v);

  onnx::ModelProto Model() const;
  // Runs and returns the outputs in order (throws parity::ref::Error as the Evaluator does).
  std::vector<Tensor> Run() const;

 private:
  std::string op_type_;
  std::string domain_;
  int opset_;
  std::vector<Tensor> inputs_;
  std::vector<bool> present_;
  int outputs_ = 1;
  onnx::NodeProto node_;
};

// Small tensor constructors.
Tensor Floats(const Shape& shape, std::vector<double> values, DataType dtype = DataType::kFloat);
Tensor Ints(const Shape& shape, std::vector<int64_t> values, DataType dtype = DataType::kInt64);

}  // namespace parity::ref::testing
