// The inverted-residual fusion (passes/fuse_inverted_residual.cc + kernels/ops/inverted_residual.cc): which
// blocks fuse, and that the fused row-streaming kernel computes exactly what the three blocked convs compute
// (bit for bit: same kernels, same summation order) and what the plain unfused plan computes (within the fusion
// tolerance), for stride 1 with residual, stride 2, no expand conv, an activation applied outside the registers,
// and 1 / 2 threads (row bands).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/isa_dispatch.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

struct Block {
  int64_t c_in, c_exp, c_out, h, w, stride;
  bool expand, residual;
  const char* expand_act;  // "Clip" (Relu6) or "Sigmoid" (applied after the row kernel)
};

std::vector<float> Weights(int64_t n, uint32_t seed, float scale) {
  return testing::Pattern(static_cast<size_t>(n), -scale, scale, seed);
}

onnx::ModelProto BlockModel(const Block& k) {
  ModelBuilder b;
  b.Input("x", {1, k.c_in, k.h, k.w}).Output("y");
  b.Init("lo", {}, {0.f}).Init("hi", {}, {6.f});
  std::string t = "x";
  if (k.expand) {
    b.Init("we", {k.c_exp, k.c_in, 1, 1}, Weights(k.c_exp * k.c_in, 3, 0.3f));
    b.Init("be", {k.c_exp}, Weights(k.c_exp, 4, 0.5f));
    b.Node("Conv", {"x", "we", "be"}, {"e"}, "expand");
    if (std::string(k.expand_act) == "Clip") {
      b.Node("Clip", {"e", "lo", "hi"}, {"ea"}, "expand_act");
    } else {
      b.Node(k.expand_act, {"e"}, {"ea"}, "expand_act");
    }
    t = "ea";
  }
  b.Init("wd", {k.c_exp, 1, 3, 3}, Weights(k.c_exp * 9, 5, 0.4f));
  b.Init("bd", {k.c_exp}, Weights(k.c_exp, 6, 0.5f));
  auto& d = b.Node("Conv", {t, "wd", "bd"}, {"d"}, "depthwise");
  ModelBuilder::AttrInt(d, "group", k.c_exp);
  ModelBuilder::AttrInts(d, "pads", {1, 1, 1, 1});
  ModelBuilder::AttrInts(d, "strides", {k.stride, k.stride});
  b.Node("Clip", {"d", "lo", "hi"}, {"da"}, "dw_act");
  b.Init("wp", {k.c_out, k.c_exp, 1, 1}, Weights(k.c_out * k.c_exp, 7, 0.2f));
  b.Init("bp", {k.c_out}, Weights(k.c_out, 8, 0.5f));
  b.Node("Conv", {"da", "wp", "bp"}, {k.residual ? "p" : "y"}, "project");
  if (k.residual) b.Node("Add", {"p", "x"}, {"y"}, "shortcut");
  return b.model();
}

bool RowKernelsHere() {
  const ConvKernelConfig& c = ActiveKernelTable().conv;
  return c.nchwc_conv_row != nullptr && c.nchwc_depthwise_row != nullptr;
}

std::vector<float> RunWith(const onnx::ModelProto& m, CompileOptions o, std::vector<std::string>* ops) {
  auto exe = Compile(m, o);
  if (ops) {
    for (const auto& f : exe->FusedNodes()) ops->push_back(f.op);
  }
  const auto& in = exe->inputs()[0];
  int64_t n = 1;
  for (auto d : in.dims) n *= d;
  return exe->Run({HostTensor::FromFloats(in.dims, testing::Pattern(static_cast<size_t>(n), -2.f, 2.f, 11))})[0]
      .ToFloats();
}

void CheckBlock(const Block& k) {
  if (!RowKernelsHere()) GTEST_SKIP() << "no blocked row kernels on this CPU: the pass does not fuse";
  const onnx::ModelProto m = BlockModel(k);
  CompileOptions plain;
  plain.fusion = FusionLevel::kNone;
  plain.layout = Layout::kNchw;
  const std::vector<float> truth = RunWith(m, plain, nullptr);
  for (int threads : {1, 2}) {
    CompileOptions fused;
    fused.layout = Layout::kNchwc;
    fused.threads = threads;
    CompileOptions separate = fused;
    separate.disabled_passes = {"fuse_inverted_residual"};
    std::vector<std::string> ops;
    const std::vector<float> got = RunWith(m, fused, &ops), convs = RunWith(m, separate, nullptr);
    bool has_fused = false;
    for (const auto& op : ops) has_fused = has_fused || op.rfind("InvertedResidual", 0) == 0;
    EXPECT_TRUE(has_fused) << "threads " << threads;
    ASSERT_EQ(got.size(), convs.size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_EQ(got[i], convs[i]) << "element " << i << ", threads " << threads;
    }
    EXPECT_LE(testing::WorstRatio(got, truth, testing::Tol("fusion")), 1.0) << "threads " << threads;
  }
}

TEST(InvertedResidualTest, StrideOneWithShortcut) {
  CheckBlock({24, 144, 24, 43, 45, 1, true, true, "Clip"});
}

TEST(InvertedResidualTest, StrideTwo) {
  CheckBlock({24, 144, 40, 45, 43, 2, true, false, "Clip"});
}

TEST(InvertedResidualTest, WithoutExpandConv) {
  CheckBlock({144, 144, 24, 44, 42, 1, false, false, "Clip"});
}

TEST(InvertedResidualTest, ActivationOutsideTheRegisters) {
  CheckBlock({16, 152, 24, 42, 43, 1, true, false, "Sigmoid"});
}

TEST(InvertedResidualTest, SmallMapsStaySeparateConvs) {
  // 144 x 14 x 14 floats (113 KB): cache-resident already, the three convs stay (more rows to split, no copies).
  if (!RowKernelsHere()) GTEST_SKIP() << "no blocked row kernels on this CPU";
  std::vector<std::string> ops;
  CompileOptions o;
  o.layout = Layout::kNchwc;
  RunWith(BlockModel({24, 144, 24, 14, 14, 1, true, true, "Clip"}), o, &ops);
  for (const auto& op : ops) EXPECT_EQ(op.rfind("InvertedResidual", 0), std::string::npos) << op;
}

}  // namespace
}  // namespace parity::rt
