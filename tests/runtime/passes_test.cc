// Each pass on a tiny hand-built graph: the fused plan has the expected kernels and computes the same values as
// the unfused plan.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "kernels/isa_dispatch.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

std::vector<HostTensor> InputsFor(const Executable& exe) {
  std::vector<HostTensor> in;
  uint32_t seed = 7;
  for (const auto& i : exe.inputs()) {
    int64_t n = 1;
    for (auto d : i.dims) n *= d;
    in.push_back(HostTensor::FromFloats(i.dims, testing::Pattern(static_cast<size_t>(n), -2.f, 2.f, seed++)));
  }
  return in;
}

// Compiles with fusion none and with `o`, checks equal outputs, returns the kernel ops of the optimized plan.
// Ops after compiling with `o`, in plain layout unless `o` asks for another (layout conversion is tested on its
// own), after checking the outputs match the unfused plan.
std::vector<std::string> FusedOps(const onnx::ModelProto& m, CompileOptions o = {}) {
  if (o.layout == Layout::kAuto) o.layout = Layout::kNchw;
  CompileOptions none;
  none.fusion = FusionLevel::kNone;
  none.layout = Layout::kNchw;
  auto ref = Compile(m, none);
  auto exe = Compile(m, o);
  auto in = InputsFor(*ref);
  auto a = ref->Run(in), b = exe->Run(in);
  EXPECT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    EXPECT_EQ(a[i].dims, b[i].dims);
    EXPECT_LE(testing::WorstRatio(b[i].ToFloats(), a[i].ToFloats(), testing::Tol("fusion")), 1.0) << "output " << i;
  }
  std::vector<std::string> ops;
  for (const auto& f : exe->FusedNodes()) ops.push_back(f.op);
  return ops;
}

std::vector<float> Ramp(size_t n, float scale) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = scale * (static_cast<float>(i % 7) - 3.f);
  return v;
}

void ConvNode(ModelBuilder& b, const std::string& x, const std::string& w, const std::string& y, int64_t oc, int64_t c,
              int64_t k) {
  b.Init(w, {oc, c, k, k}, Ramp(static_cast<size_t>(oc * c * k * k), 0.05f));
  auto& n = b.Node("Conv", {x, w}, {y}, "conv_" + y);
  ModelBuilder::AttrInts(n, "pads", {k / 2, k / 2, k / 2, k / 2});
}

TEST(PassesTest, EliminateIdentityAndDropout) {
  ModelBuilder b;
  b.Input("x", {2, 3}).Output("y");
  b.Node("Identity", {"x"}, {"i"});
  b.Node("Dropout", {"i"}, {"d"});
  b.Node("Sigmoid", {"d"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Sigmoid"}));
}

TEST(PassesTest, DeadNodesAreRemoved) {
  ModelBuilder b;
  b.Input("x", {4}).Output("y");
  b.Node("Relu", {"x"}, {"unused"});
  b.Node("Neg", {"x"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Neg"}));
}

TEST(PassesTest, ConstantFoldingEvaluatesWeightPreprocessing) {
  ModelBuilder b;
  b.Input("x", {2, 3}).Output("y");
  b.Init("wt", {4, 3}, Ramp(12, 0.5f));
  auto& t = b.Node("Transpose", {"wt"}, {"w"});
  ModelBuilder::AttrInts(t, "perm", {1, 0});
  b.Node("MatMul", {"x", "w"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"MatMul"}));
}

TEST(PassesTest, BatchNormFoldsIntoConv) {
  ModelBuilder b;
  b.Input("x", {1, 3, 5, 5}).Output("y");
  ConvNode(b, "x", "w", "c", 4, 3, 3);
  b.Init("g", {4}, {1.f, 2.f, 0.5f, -1.f}).Init("be", {4}, {0.1f, 0.2f, 0.3f, 0.4f});
  b.Init("m", {4}, {0.f, 0.5f, -0.5f, 1.f}).Init("v", {4}, {1.f, 2.f, 0.25f, 4.f});
  b.Node("BatchNormalization", {"c", "g", "be", "m", "v"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Conv"}));
}

// PaddleOCR's upsampling head: ConvTranspose -> Add(bias) -> BatchNormalization -> Relu becomes one kernel (the BN
// folds into the weights along their output-channel axis, dim 1 of [C, OC, kh, kw]). A grouped ConvTranspose
// keeps its BatchNormalization.
TEST(PassesTest, BiasBatchNormAndReluFoldIntoConvTranspose) {
  for (int64_t group : {1, 2}) {
    ModelBuilder b;
    b.Input("x", {1, 4, 3, 3}).Output("y");
    b.Init("w", {4, 6 / group, 2, 2}, Ramp(static_cast<size_t>(4 * 6 / group * 4), 0.05f));
    b.Init("bias", {6, 1, 1}, Ramp(6, 0.2f));
    b.Init("g", {6}, Ramp(6, 0.3f)).Init("be", {6}, Ramp(6, 0.1f));
    b.Init("m", {6}, Ramp(6, 0.2f)).Init("v", {6}, {1.f, 2.f, 0.5f, 0.25f, 4.f, 1.5f});
    auto& ct = b.Node("ConvTranspose", {"x", "w"}, {"c"});
    ModelBuilder::AttrInts(ct, "strides", {2, 2});
    ModelBuilder::AttrInt(ct, "group", group);
    b.Node("Add", {"c", "bias"}, {"a"});
    b.Node("BatchNormalization", {"a", "g", "be", "m", "v"}, {"n"});
    b.Node("Relu", {"n"}, {"y"});
    const std::vector<std::string> want = group == 1
                                              ? std::vector<std::string>{"ConvTranspose+Relu"}
                                              : std::vector<std::string>{"ConvTranspose", "BatchNormalization", "Relu"};
    EXPECT_EQ(FusedOps(b.model()), want) << "group " << group;
  }
}

TEST(PassesTest, BiasAndActivationFuseIntoMatMul) {
  ModelBuilder b;
  b.Input("x", {3, 8}).Output("y");
  b.Init("w", {8, 5}, Ramp(40, 0.1f)).Init("bias", {5}, {1.f, -1.f, 0.5f, 0.f, 2.f});
  b.Node("MatMul", {"x", "w"}, {"m"});
  b.Node("Add", {"bias", "m"}, {"a"});
  b.Node("Relu", {"a"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"MatMul+Relu"}));
}

TEST(PassesTest, ErfGeluPatternFusesIntoMatMul) {
  ModelBuilder b;
  b.Input("x", {4, 8}).Output("y");
  b.Init("w", {8, 6}, Ramp(48, 0.1f)).Init("sqrt2", {}, {1.41421356f}).Init("one", {}, {1.f}).Init("half", {}, {0.5f});
  b.Node("MatMul", {"x", "w"}, {"m"});
  b.Node("Div", {"m", "sqrt2"}, {"d"});
  b.Node("Erf", {"d"}, {"e"});
  b.Node("Add", {"e", "one"}, {"a"});
  b.Node("Mul", {"m", "a"}, {"p"});
  b.Node("Mul", {"p", "half"}, {"y"});
  auto ops = FusedOps(b.model());
  EXPECT_EQ(ops, (std::vector<std::string>{"MatMul+Gelu"}));
}

TEST(PassesTest, DecomposedLayerNormBecomesOneKernel) {
  ModelBuilder b;
  b.Input("x", {3, 8}).Output("y");
  b.Init("two", {}, {2.f}).Init("eps", {}, {1e-5f}).Init("gamma", {8}, Ramp(8, 0.3f)).Init("beta", {8}, Ramp(8, 0.1f));
  auto& m = b.Node("ReduceMean", {"x"}, {"m"});
  ModelBuilder::AttrInts(m, "axes", {-1});
  b.Node("Sub", {"x", "m"}, {"d"});
  b.Node("Pow", {"d", "two"}, {"p"});
  auto& v = b.Node("ReduceMean", {"p"}, {"v"});
  ModelBuilder::AttrInts(v, "axes", {-1});
  b.Node("Add", {"v", "eps"}, {"ve"});
  b.Node("Sqrt", {"ve"}, {"s"});
  b.Node("Div", {"d", "s"}, {"n"});
  b.Node("Mul", {"n", "gamma"}, {"g"});
  b.Node("Add", {"g", "beta"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"LayerNormalization"}));
}

TEST(PassesTest, SiluAndHardSwishPatternsFuseIntoConv) {
  ModelBuilder b;
  b.Input("x", {1, 2, 4, 4}).Output("y").Output("z");
  ConvNode(b, "x", "w1", "c1", 3, 2, 3);
  b.Node("Sigmoid", {"c1"}, {"s"});
  b.Node("Mul", {"c1", "s"}, {"y"});
  ConvNode(b, "x", "w2", "c2", 3, 2, 1);
  auto& hs = b.Node("HardSigmoid", {"c2"}, {"h"});
  ModelBuilder::AttrFloat(hs, "alpha", 1.f / 6.f);
  b.Node("Mul", {"h", "c2"}, {"z"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Conv+SiLU", "Conv+HardSwish"}));
}

// x * relu6(x + 3) / 6 as exporters spell it (PaddlePaddle: Add, Clip, Mul, Div), with the division as a Mul by
// 1/6 or applied to the Clip first. A shift other than 3 is a different function and must stay unfused.
TEST(PassesTest, Relu6SpellingsOfHardSwishFuseIntoConv) {
  ModelBuilder b;
  b.Input("x", {1, 2, 5, 5}).Output("y1").Output("y2").Output("y3").Output("y4");
  b.Init("three", {1}, {3.f}).Init("zero", {}, {0.f}).Init("six", {}, {6.f}).Init("sixth", {1}, {1.f / 6.f});
  b.Init("two", {1}, {2.f});
  auto relu6_shift = [&](const std::string& c, const std::string& shift, const std::string& r, bool const_first) {
    if (const_first)
      b.Node("Add", {shift, c}, {r + "_a"});
    else
      b.Node("Add", {c, shift}, {r + "_a"});
    b.Node("Clip", {r + "_a", "zero", "six"}, {r});
  };
  ConvNode(b, "x", "w1", "c1", 3, 2, 3);
  relu6_shift("c1", "three", "r1", false);
  b.Node("Mul", {"c1", "r1"}, {"m1"});
  b.Node("Div", {"m1", "six"}, {"y1"});
  ConvNode(b, "x", "w2", "c2", 3, 2, 3);
  relu6_shift("c2", "three", "r2", true);
  b.Node("Mul", {"r2", "c2"}, {"m2"});
  b.Node("Mul", {"sixth", "m2"}, {"y2"});
  ConvNode(b, "x", "w3", "c3", 3, 2, 3);
  relu6_shift("c3", "three", "r3", false);
  b.Node("Div", {"r3", "six"}, {"g3"});
  b.Node("Mul", {"c3", "g3"}, {"y3"});
  ConvNode(b, "x", "w4", "c4", 3, 2, 3);
  relu6_shift("c4", "two", "r4", false);
  b.Node("Mul", {"c4", "r4"}, {"m4"});
  b.Node("Div", {"m4", "six"}, {"y4"});
  std::vector<std::string> ops = FusedOps(b.model());
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Conv+HardSwish"), 3);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Div"), 1) << "the x + 2 chain must stay as it is";
}

// A scalar or per-output-channel Mul after a Conv scales its weights and bias; an Add of a scalar or per-channel
// constant joins the bias. A constant that varies over pixels cannot fold.
TEST(PassesTest, ConstantScaleAndShiftFoldIntoConv) {
  ModelBuilder b;
  b.Input("x", {1, 2, 4, 4}).Output("y1").Output("y2").Output("y3");
  b.Init("s", {1}, {0.75f}).Init("t", {}, {-0.5f}).Init("sc", {3, 1, 1}, {0.5f, -2.f, 1.5f});
  b.Init("tc", {1, 3, 1, 1}, {0.1f, 0.2f, -0.3f}).Init("pix", {1, 1, 4, 4}, Ramp(16, 0.3f));
  ConvNode(b, "x", "w1", "c1", 3, 2, 3);
  b.Node("Mul", {"s", "c1"}, {"m1"});
  b.Node("Add", {"m1", "t"}, {"y1"});
  ConvNode(b, "x", "w2", "c2", 3, 2, 1);
  b.Node("Mul", {"c2", "sc"}, {"m2"});
  b.Node("Add", {"tc", "m2"}, {"y2"});
  ConvNode(b, "x", "w3", "c3", 3, 2, 3);
  b.Node("Mul", {"c3", "pix"}, {"y3"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Conv", "Conv", "Conv", "Mul"}));
}

TEST(PassesTest, ClipFusesWithItsBounds) {
  ModelBuilder b;
  b.Input("x", {1, 2, 4, 4}).Output("y");
  ConvNode(b, "x", "w", "c", 2, 2, 3);
  b.Init("lo", {}, {0.f}).Init("hi", {}, {0.3f});
  b.Node("Clip", {"c", "lo", "hi"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Conv+Clip"}));
}

TEST(PassesTest, ResidualAddAndReluFuseIntoConv) {
  ModelBuilder b;
  b.Input("x", {1, 4, 5, 5}).Output("y");
  ConvNode(b, "x", "w", "c", 4, 4, 3);
  b.Node("Add", {"x", "c"}, {"a"});
  b.Node("Relu", {"a"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Conv+Add+Relu"}));
}

// The attention output projection: Gemm on [S, D], reshaped to [1, S, D] before the residual Add. The residual is
// reshaped to the Gemm's dims instead (free), and the Add and the Relu run in the Gemm's epilogue.
TEST(PassesTest, ResidualAddFusesThroughReshape) {
  ModelBuilder b;
  b.Input("a", {4, 6}).Input("x", {1, 4, 5}).Output("y");
  b.Init("w", {5, 6}, Ramp(30, 0.1f)).Init("bias", {5}, Ramp(5, 0.2f)).InitI64("shape", {3}, {1, 4, 5});
  auto& gemm = b.Node("Gemm", {"a", "w", "bias"}, {"g"});
  ModelBuilder::AttrInt(gemm, "transB", 1);
  b.Node("Reshape", {"g", "shape"}, {"r"});
  b.Node("Add", {"x", "r"}, {"s"});
  b.Node("Relu", {"s"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Reshape", "Gemm+Add+Relu", "Reshape"}));
}

TEST(PassesTest, TransposePairsAndReshapeChainsCollapse) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Output("y");
  auto& t1 = b.Node("Transpose", {"x"}, {"t1"});
  ModelBuilder::AttrInts(t1, "perm", {1, 0, 2});
  auto& t2 = b.Node("Transpose", {"t1"}, {"t2"});
  ModelBuilder::AttrInts(t2, "perm", {1, 0, 2});
  b.Node("Flatten", {"t2"}, {"f"});
  b.InitI64("s", {2}, {6, 4});
  b.Node("Reshape", {"f", "s"}, {"r"});
  b.Node("Relu", {"r"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Reshape", "Relu"}));
}

TEST(PassesTest, TransposeOfUnitDimsBecomesReshape) {
  ModelBuilder b;
  b.Input("x", {1, 6, 4}).Output("y");
  auto& t = b.Node("Transpose", {"x"}, {"t"});
  ModelBuilder::AttrInts(t, "perm", {1, 0, 2});
  b.Node("Relu", {"t"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Reshape", "Relu"}));
}

TEST(PassesTest, LayoutConversionWrapsConvChainInReorders) {
  ModelBuilder b;
  b.Input("x", {1, 3, 8, 8}).Output("y");
  ConvNode(b, "x", "w1", "c1", 20, 3, 3);  // stem: reads plain NCHW
  b.Node("Relu", {"c1"}, {"r1"});
  ConvNode(b, "r1", "w2", "c2", 20, 20, 3);
  b.Node("Add", {"c2", "r1"}, {"a"});
  auto& p = b.Node("MaxPool", {"a"}, {"p"});
  ModelBuilder::AttrInts(p, "kernel_shape", {2, 2});
  ModelBuilder::AttrInts(p, "strides", {2, 2});
  b.Node("Softmax", {"p"}, {"y"});  // not blocked: needs a reorder back
  CompileOptions o;
  o.layout = Layout::kNchwc;
  std::vector<std::string> ops = FusedOps(b.model(), o);
  EXPECT_EQ(ops, (std::vector<std::string>{"Conv+Relu", "Conv+Add", "MaxPool", "FromBlocked", "Softmax"}));
}

TEST(PassesTest, LayoutConversionHandlesDepthwiseStemAndOddChannels) {
  ModelBuilder b;
  b.Input("x", {1, 3, 6, 6}).Output("y");
  b.Init("dw", {3, 1, 3, 3}, Ramp(27, 0.1f));
  auto& d = b.Node("Conv", {"x", "dw"}, {"d"});
  ModelBuilder::AttrInt(d, "group", 3);
  ModelBuilder::AttrInts(d, "pads", {1, 1, 1, 1});
  ConvNode(b, "d", "w", "c", 5, 3, 3);  // 5 output channels: padded to one block
  b.Node("Sigmoid", {"c"}, {"y"});
  CompileOptions o;
  o.layout = Layout::kNchwc;
  std::vector<std::string> ops = FusedOps(b.model(), o);
  EXPECT_EQ(ops.front(), "ToBlocked");
  EXPECT_EQ(ops.back(), "FromBlocked");
}

// Blocked binary ops: a scalar constant on either side (a Div only as a non-zero divisor) and a squeeze-excitation
// gate [N, C, 1, 1] scaling the map per channel; 20 channels leave padding lanes, 9 x 17 pixels a partial reorder
// tile. A Div by a tensor, or by a zero constant, would make padding lanes non-finite: those run plain.
TEST(PassesTest, LayoutConversionKeepsScalarAndGateOpsBlocked) {
  ModelBuilder b;
  b.Input("x", {1, 20, 9, 17}).Output("y").Output("z");
  b.Init("s", {1}, {1.25f}).Init("t", {}, {0.5f}).Init("six", {}, {6.f}).Init("zero", {}, {0.f});
  ConvNode(b, "x", "w1", "c1", 20, 20, 3);
  b.Node("Relu", {"c1"}, {"r"});
  b.Node("Mul", {"s", "r"}, {"m"});
  b.Node("Sub", {"t", "m"}, {"a"});
  b.Node("Div", {"a", "six"}, {"d"});
  b.Node("GlobalAveragePool", {"d"}, {"p"});
  ConvNode(b, "p", "w2", "g", 20, 20, 1);
  b.Node("Sigmoid", {"g"}, {"gate"});
  b.Node("Mul", {"d", "gate"}, {"e"});
  ConvNode(b, "e", "w3", "y", 20, 20, 1);
  b.Node("Div", {"e", "zero"}, {"z"});
  CompileOptions o;
  o.layout = Layout::kNchwc;
  std::vector<std::string> ops = FusedOps(b.model(), o);
  EXPECT_EQ(ops, (std::vector<std::string>{"ToBlocked", "Conv+Relu", "Mul", "Sub", "Div", "GlobalAveragePool",
                                           "Conv+Sigmoid", "Mul", "Conv", "FromBlocked", "Div", "FromBlocked"}));
}

TEST(PassesTest, AutoLayoutBlocksConvsOnlyWhereTheCpuHasBlockedKernels) {
  ModelBuilder b;
  b.Input("x", {1, 3, 8, 8}).Output("y");
  ConvNode(b, "x", "w1", "c1", 32, 3, 3);
  b.Node("Relu", {"c1"}, {"r1"});
  ConvNode(b, "r1", "w2", "y", 32, 32, 3);
  CompileOptions o;  // layout=auto, conv=auto
  auto auto_ops = Compile(b.model(), o)->stats().op_counts;
  bool blocked = false;
  for (const auto& c : auto_ops) blocked = blocked || (c.op == "FromBlocked" && c.after > 0);
  EXPECT_EQ(blocked, ActiveKernelTable().conv.nchwc_conv_row != nullptr);
  o.conv_algo = ConvAlgo::kIm2col;  // an NCHW-only algorithm keeps auto in plain layout
  auto plain = Compile(b.model(), o);
  for (const auto& c : plain->stats().op_counts) EXPECT_NE(c.op, "FromBlocked");
}

TEST(PassesTest, DisabledPassIsSkipped) {
  ModelBuilder b;
  b.Input("x", {1, 2, 4, 4}).Output("y");
  ConvNode(b, "x", "w", "c", 2, 2, 3);
  b.Node("Relu", {"c"}, {"y"});
  CompileOptions o;
  o.disabled_passes = {"fuse_activation"};
  EXPECT_EQ(FusedOps(b.model(), o), (std::vector<std::string>{"Conv", "Relu"}));
  auto exe = Compile(b.model(), o);
  bool listed = false;
  for (const auto& p : exe->stats().passes_run) listed = listed || p.rfind("fuse_activation", 0) == 0;
  EXPECT_FALSE(listed);
}

TEST(PassesTest, StatsCountOpsBeforeAndAfter) {
  ModelBuilder b;
  b.Input("x", {1, 2, 4, 4}).Output("y");
  ConvNode(b, "x", "w", "c", 2, 2, 3);
  b.Node("Relu", {"c"}, {"y"});
  auto exe = Compile(b.model(), {});
  std::map<std::string, std::pair<int, int>> counts;
  for (const auto& c : exe->stats().op_counts) counts[c.op] = {c.before, c.after};
  EXPECT_EQ(counts["Conv"], std::make_pair(1, 0));
  EXPECT_EQ(counts["Relu"], std::make_pair(1, 0));
  EXPECT_EQ(counts["Conv+Relu"], std::make_pair(0, 1));
  EXPECT_DOUBLE_EQ(exe->stats().total_flops, 2.0 * 2 * 16 * 2 * 9);
  EXPECT_NE(exe->stats().ToTable().find("Conv+Relu"), std::string::npos);
}

// PyTorch's multi-head attention export: Q, K, V are Slices of one projection, split into heads by Reshape +
// Transpose (K straight to K^T), Q scaled by a Div; the context is transposed back and reshaped. Every Slice,
// Transpose and the Div become views of the two StridedMatMuls.
TEST(PassesTest, AttentionCopiesFoldIntoStridedMatMuls) {
  ModelBuilder b;
  b.Input("qkv", {8, 24}).Output("y");
  b.InitI64("axes", {1}, {1}).InitI64("s0", {1}, {0}).InitI64("s1", {1}, {8}).InitI64("s2", {1}, {-8});
  b.InitI64("e2", {1}, {INT64_MAX}).InitI64("heads", {3}, {8, 2, 4}).InitI64("merged", {2}, {8, 8});
  b.Init("scale", {}, {2.f});
  const std::vector<std::vector<std::string>> slices = {{"s0", "s1", "q"}, {"s1", "s2", "k"}, {"s2", "e2", "v"}};
  for (const auto& s : slices) {
    b.Node("Slice", {"qkv", s[0], s[1], "axes"}, {s[2] + "_s"});
    b.Node("Reshape", {s[2] + "_s", "heads"}, {s[2] + "_r"});
    auto& t = b.Node("Transpose", {s[2] + "_r"}, {s[2] + "_t"});
    ModelBuilder::AttrInts(t, "perm", s[2] == "k" ? std::vector<int64_t>{1, 2, 0} : std::vector<int64_t>{1, 0, 2});
  }
  b.Node("Div", {"q_t", "scale"}, {"q_scaled"});
  b.Node("MatMul", {"q_scaled", "k_t"}, {"scores"});
  b.Node("Softmax", {"scores"}, {"p"});
  b.Node("MatMul", {"p", "v_t"}, {"ctx"});
  auto& t = b.Node("Transpose", {"ctx"}, {"ctx_t"});
  ModelBuilder::AttrInts(t, "perm", {1, 0, 2});
  b.Node("Reshape", {"ctx_t", "merged"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"StridedMatMul", "Softmax", "StridedMatMul"}));
  CompileOptions o;
  o.disabled_passes = {"fold_matmul_views"};
  std::vector<std::string> unfolded = FusedOps(b.model(), o);
  EXPECT_NE(std::find(unfolded.begin(), unfolded.end(), "Slice"), unfolded.end());
  CompileOptions two;
  two.threads = 2;  // heads split over threads, each with its own scratch
  EXPECT_EQ(FusedOps(b.model(), two), (std::vector<std::string>{"StridedMatMul", "Softmax", "StridedMatMul"}));
}

// A transposed A (unit row stride) and a batched result transposed on the way out; one thread and two.
TEST(PassesTest, StridedMatMulReadsTransposedOperands) {
  ModelBuilder b;
  b.Input("x", {3, 5, 4}).Input("w", {3, 5, 6}).Output("y");
  auto& t = b.Node("Transpose", {"x"}, {"xt"});
  ModelBuilder::AttrInts(t, "perm", {0, 2, 1});
  b.Node("MatMul", {"xt", "w"}, {"m"});
  auto& u = b.Node("Transpose", {"m"}, {"y"});
  ModelBuilder::AttrInts(u, "perm", {1, 0, 2});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"StridedMatMul"}));
  CompileOptions two;
  two.threads = 2;
  EXPECT_EQ(FusedOps(b.model(), two), (std::vector<std::string>{"StridedMatMul"}));
}

// A transposed operand that is also a graph output must still be computed; with nothing else to fold, the MatMul
// stays as it is.
TEST(PassesTest, StridedMatMulLeavesSharedIntermediates) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Input("w", {2, 3, 5}).Output("y").Output("xt");
  auto& t = b.Node("Transpose", {"x"}, {"xt"});
  ModelBuilder::AttrInts(t, "perm", {0, 2, 1});
  b.Node("MatMul", {"xt", "w"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Transpose", "MatMul"}));
}

// A reshape that is not a view of the transposed data ends the chain there (the Transpose runs); the scalar Mul
// after it still folds. B broadcasts over A's batch.
TEST(PassesTest, StridedMatMulStopsAtReshapesThatNeedACopy) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Input("w", {3, 5}).Output("y");
  b.InitI64("shape", {3}, {1, 8, 3}).Init("half", {}, {0.5f});
  auto& t = b.Node("Transpose", {"x"}, {"xt"});
  ModelBuilder::AttrInts(t, "perm", {0, 2, 1});
  b.Node("Reshape", {"xt", "shape"}, {"r"});
  b.Node("Mul", {"half", "r"}, {"m"});
  b.Node("MatMul", {"m", "w"}, {"y"});
  EXPECT_EQ(FusedOps(b.model()), (std::vector<std::string>{"Transpose", "StridedMatMul"}));
}

}  // namespace
}  // namespace parity::rt
