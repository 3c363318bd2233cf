// Every model in ../shared/models compiled under fusion none/all x layout nchw/nchwc x threads 1/2 and run;
// outputs must be finite and agree with the fusion=none/nchw/t1 plan within the "model" tolerance.
#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "core/dtype.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

struct ModelCase {
  const char* path;  // relative to ../shared/models
  std::map<std::string, int64_t> dims;
  const char* tolerance;
};

const std::vector<ModelCase>& Cases() {
  static const std::vector<ModelCase> cases = {
      {"real/mnist-8/model.onnx", {}, "model"},
      {"real/iris-mlp/model.onnx", {}, "model"},
      {"real/squeezenet1.0-fp16/model.onnx", {}, "fp16-model"},
      {"real/ultraface-rfb-320/model.onnx", {}, "model"},
      {"real/ppocr-v2-cls/model.onnx", {{"p2o.DynamicDimension.1", 48}, {"p2o.DynamicDimension.2", 192}}, "model"},
      {"real/ppocr-v4-det/model.onnx", {{"p2o.DynamicDimension.1", 160}, {"p2o.DynamicDimension.2", 160}}, "model"},
      {"real/silero-vad-v6/model.onnx", {{"input:1", 512}, {"state:1", 1}}, "model"},
      {"arch/squeezenet1_1.onnx", {}, "model"},
      {"arch/mobilenet_v2.onnx", {}, "model"},
      {"arch/resnet50.onnx", {}, "model"},
      {"arch/bert_like_l4_d256_s128.onnx", {}, "model"},
  };
  return cases;
}

std::vector<HostTensor> MakeInputs(const Executable& exe) {
  std::vector<HostTensor> in;
  uint32_t seed = 1;
  for (const auto& info : exe.inputs()) {
    int64_t n = 1;
    for (auto d : info.dims) n *= d;
    if (info.dtype == 7) {  // silero's sample rate
      in.push_back(HostTensor::FromInt64s(info.dims, std::vector<int64_t>(static_cast<size_t>(n), 16000)));
      continue;
    }
    HostTensor t = HostTensor::FromFloats(info.dims, testing::Pattern(static_cast<size_t>(n), -1.f, 1.f, seed++));
    if (info.dtype == 10) {  // float16 input
      std::vector<float> f = t.ToFloats();
      t.dtype = 10;
      t.bytes.resize(f.size() * 2);
      for (size_t i = 0; i < f.size(); ++i) {
        uint16_t h = FloatToHalf(f[i]);
        std::memcpy(&t.bytes[i * 2], &h, 2);
      }
    }
    in.push_back(std::move(t));
  }
  return in;
}

class ModelsTest : public ::testing::TestWithParam<size_t> {};

TEST_P(ModelsTest, RunsUnderAllOptionSets) {
  const ModelCase& c = Cases()[GetParam()];
  std::string path = testing::SharedDir() + "/models/" + c.path;
  onnx::ModelProto model;
  if (!testing::LoadModel(path, &model)) GTEST_SKIP() << "model not found: " << path;
  std::vector<std::vector<float>> baseline;
  std::vector<HostTensor> inputs;
  for (FusionLevel fusion : {FusionLevel::kNone, FusionLevel::kAll}) {
    for (Layout layout : {Layout::kNchw, Layout::kNchwc}) {
      for (int threads : {1, 2}) {
        CompileOptions o;
        o.fusion = fusion;
        o.layout = layout;
        o.threads = threads;
        o.dims = c.dims;
        SCOPED_TRACE(o.CanonicalName());
        std::unique_ptr<Executable> exe;
        ASSERT_NO_THROW(exe = Compile(model, o));
        if (inputs.empty()) inputs = MakeInputs(*exe);
        std::vector<HostTensor> out;
        ASSERT_NO_THROW(out = exe->Run(inputs));
        ASSERT_EQ(out.size(), exe->outputs().size());
        for (size_t i = 0; i < out.size(); ++i) {
          std::vector<float> f = out[i].ToFloats();
          for (float x : f) ASSERT_TRUE(std::isfinite(x)) << "output " << i;
          if (baseline.size() <= i) {
            baseline.push_back(f);
            continue;
          }
          ASSERT_EQ(f.size(), baseline[i].size());
          EXPECT_LE(testing::WorstRatio(f, baseline[i], testing::Tol(c.tolerance)), 1.0) << "output " << i;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, ModelsTest, ::testing::Range<size_t>(0, 11), [](const auto& info) {
  std::string p = Cases()[info.param].path;
  std::string name;
  for (char ch : p.substr(0, p.rfind('.'))) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
});

}  // namespace
}  // namespace parity::rt
