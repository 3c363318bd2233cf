// End-to-end checks against expected outputs shipped with the test material: mnist-8's test data sets and the
// ONNX "light" CNN graphs (constant weights, input arange(n)/n), under unfused and fully fused plans.
#include <gtest/gtest.h>

#include "tensor_io.h"
#include "test_util.h"

namespace parity::rt {
namespace {

std::vector<CompileOptions> OptionSets() {
  std::vector<CompileOptions> v;
  for (FusionLevel f : {FusionLevel::kNone, FusionLevel::kAll}) {
    for (Layout l : {Layout::kNchw, Layout::kNchwc}) {
      CompileOptions o;
      o.fusion = f;
      o.layout = l;
      o.threads = 2;
      v.push_back(o);
    }
  }
  return v;
}

void ExpectClose(const HostTensor& got, const HostTensor& want, const char* tol) {
  ASSERT_EQ(got.dims, want.dims);
  EXPECT_LE(testing::WorstRatio(got.ToFloats(), want.ToFloats(), testing::Tol(tol)), 1.0);
}

TEST(GroundTruthTest, Mnist8TestDataSets) {
  std::string dir = testing::SharedDir() + "/models/real/mnist-8";
  onnx::ModelProto model;
  if (!testing::LoadModel(dir + "/model.onnx", &model)) GTEST_SKIP() << "mnist-8 not found under " << dir;
  for (const auto& o : OptionSets()) {
    SCOPED_TRACE(o.CanonicalName());
    auto exe = Compile(model, o);
    for (int set = 0; set < 3; ++set) {
      HostTensor in, want;
      std::string d = dir + "/test_data_set_" + std::to_string(set);
      ASSERT_TRUE(testing::ReadTensorFile(d + "/input_0.pb", &in));
      ASSERT_TRUE(testing::ReadTensorFile(d + "/output_0.pb", &want));
      ExpectClose(exe->Run({in})[0], want, "reference-logits");
    }
  }
}

class LightModelTest : public ::testing::TestWithParam<const char*> {};

TEST_P(LightModelTest, MatchesExpectedOutput) {
  std::string base = testing::SharedDir() + "/onnx-backend-tests/light/light_" + GetParam();
  onnx::ModelProto model;
  if (!testing::LoadModel(base + ".onnx", &model)) GTEST_SKIP() << "light model not found: " << base;
  HostTensor want;
  ASSERT_TRUE(testing::ReadTensorFile(base + "_output_0.pb", &want));
  for (const auto& o : OptionSets()) {
    SCOPED_TRACE(o.CanonicalName());
    std::unique_ptr<Executable> exe;
    ASSERT_NO_THROW(exe = Compile(model, o));
    const TensorInfo& info = exe->inputs()[0];
    int64_t n = 1;
    for (auto d : info.dims) n *= d;
    std::vector<float> x(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) x[i] = static_cast<float>(i) / static_cast<float>(n);
    ExpectClose(exe->Run({HostTensor::FromFloats(info.dims, x)})[0], want, "light-model");
  }
}

INSTANTIATE_TEST_SUITE_P(Light, LightModelTest,
                         ::testing::Values("bvlc_alexnet", "densenet121", "inception_v1", "inception_v2", "resnet50",
                                           "shufflenet", "squeezenet", "vgg19", "zfnet512"));

}  // namespace
}  // namespace parity::rt
