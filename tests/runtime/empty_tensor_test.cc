// Zero-size tensors through import, planning and kernels: ops whose output is empty are skipped, ops with an empty
// input but a non-empty output (K = 0 products, reductions over nothing, Concat/Pad of empty parts) must produce
// the mathematically right values or refuse at compile time.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

// Runs the model on the given inputs; returns false when the runtime refuses it at compile time.
bool RunOrRefuse(const ModelBuilder& m, const std::vector<HostTensor>& in, std::vector<HostTensor>* out) {
  std::unique_ptr<Executable> exe;
  try {
    exe = Compile(m.model(), CompileOptions());
  } catch (const CompileError& e) {
    std::printf("refused (allowed): %s\n", e.what());
    return false;
  }
  *out = exe->Run(in);
  return true;
}

std::vector<float> Ones(size_t n) {
  return std::vector<float>(n, 1.f);
}

TEST(EmptyTensorTest, MatMulWithZeroInnerDimIsZeros) {
  ModelBuilder m(13);
  m.Input("a", {2, 0});
  m.Input("b", {0, 3});
  m.Node("MatMul", {"a", "b"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({2, 0}, {}), HostTensor::FromFloats({0, 3}, {})}, &out)) return;
  EXPECT_EQ(out[0].ToFloats(), std::vector<float>(6, 0.f));
}

TEST(EmptyTensorTest, GemmWithZeroInnerDimIsBias) {
  ModelBuilder m(13);
  m.Input("a", {2, 0});
  m.Input("b", {0, 3});
  m.Init("c", {3}, {1, 2, 3});
  m.Node("Gemm", {"a", "b", "c"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({2, 0}, {}), HostTensor::FromFloats({0, 3}, {})}, &out)) return;
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{1, 2, 3, 1, 2, 3}));
}

TEST(EmptyTensorTest, ConcatSkipsEmptyParts) {
  ModelBuilder m(13);
  m.Input("a", {0, 3});
  m.Input("b", {2, 3});
  ModelBuilder::AttrInt(m.Node("Concat", {"a", "b", "a"}, {"y"}), "axis", 0);
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({0, 3}, {}), HostTensor::FromFloats({2, 3}, Ones(6))}, &out)) return;
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(out[0].ToFloats(), Ones(6));
}

TEST(EmptyTensorTest, PadOfEmptyIsConstant) {
  ModelBuilder m(13);
  m.Input("x", {0, 2});
  m.InitI64("pads", {4}, {1, 0, 1, 0});
  m.Init("v", {}, {5});
  m.Node("Pad", {"x", "pads", "v"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({0, 2}, {})}, &out)) return;
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(out[0].ToFloats(), std::vector<float>(4, 5.f));
}

TEST(EmptyTensorTest, ReductionsOverNothing) {
  struct Case {
    const char* op;
    float want;
  };
  for (Case c : {Case{"ReduceSum", 0.f}, Case{"ReduceProd", 1.f}, Case{"ReduceMax", -INFINITY},
                 Case{"ReduceMin", INFINITY}, Case{"ReduceSumSquare", 0.f}, Case{"ReduceL1", 0.f},
                 Case{"ReduceL2", 0.f}, Case{"ReduceLogSumExp", -INFINITY}}) {
    ModelBuilder m(18);
    m.Input("x", {2, 0});
    m.InitI64("axes", {1}, {1});
    m.Node(c.op, {"x", "axes"}, {"y"});
    m.Output("y");
    std::vector<HostTensor> out;
    if (!RunOrRefuse(m, {HostTensor::FromFloats({2, 0}, {})}, &out)) continue;
    EXPECT_EQ(out[0].dims, (std::vector<int64_t>{2, 1})) << c.op;
    EXPECT_EQ(out[0].ToFloats(), std::vector<float>(2, c.want)) << c.op;
  }
}

TEST(EmptyTensorTest, ReduceMeanOverNothingIsNan) {
  ModelBuilder m(18);
  m.Input("x", {2, 0});
  m.InitI64("axes", {1}, {1});
  m.Node("ReduceMean", {"x", "axes"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({2, 0}, {})}, &out)) return;
  for (float v : out[0].ToFloats()) EXPECT_TRUE(std::isnan(v));
}

TEST(EmptyTensorTest, ConvWithZeroBatchIsEmpty) {
  ModelBuilder m(13);
  m.Input("x", {0, 1, 4, 4});
  m.Init("w", {1, 1, 3, 3}, Ones(9));
  m.Node("Conv", {"x", "w"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({0, 1, 4, 4}, {})}, &out)) return;
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{0, 1, 2, 2}));
}

TEST(EmptyTensorTest, ElementwiseChainsOnEmpty) {
  ModelBuilder m(13);
  m.Input("x", {3, 0});
  m.Node("Relu", {"x"}, {"r"});
  m.Node("Softmax", {"r"}, {"s"});
  m.Node("Transpose", {"s"}, {"y"});
  m.Output("y");
  std::vector<HostTensor> out;
  if (!RunOrRefuse(m, {HostTensor::FromFloats({3, 0}, {})}, &out)) return;
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{0, 3}));
}

}  // namespace
}  // namespace parity::rt
