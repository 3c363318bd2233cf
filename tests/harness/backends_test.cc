// The extra backends: OpenCV DNN as a third engine, and `external` (any runtime through .npy files) driven here
// by `parity infer` itself as the vendor command.
#include <gtest/gtest.h>

#include "harness/backends/backend.h"
#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "harness/inputs/feeds.h"
#include "harness/io/onnx_model.h"

namespace parity {
namespace {

const std::string kMnist = std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8";

std::map<std::string, Value> RunMnist(const std::string& kind, const BackendOptions& options) {
  auto backend = CreateBackend(kind, options);
  backend->Load(LoadModel(kMnist + "/model.onnx"));
  FeedOptions fo;
  fo.dir = kMnist + "/test_data_set_0";
  return backend->Run(MakeFeeds(backend->inputs(), fo));
}

TEST(Backends, OpenCvAgreesWithTheReferenceOnMnist) {
  const auto truth = RunMnist("reference", {});
  const auto got = RunMnist("opencv", {});
  const OutputMetrics m =
      CompareOutputs(got.at("Plus214_Output_0").tensor, truth.at("Plus214_Output_0").tensor, MetricOptions{});
  ASSERT_TRUE(m.comparable) << m.note;
  EXPECT_GT(m.values.at("cosine"), 0.99999);
}

TEST(Backends, ExternalCommandThroughNpyFiles) {
  BackendOptions o;
  o.settings["command"] = std::string(PARITY_CLI) + " infer {model} --inputs {inputs} --outputs {outputs}";
  const auto got = RunMnist("external", o);
  const auto truth = RunMnist("reference", {});
  const OutputMetrics m =
      CompareOutputs(got.at("Plus214_Output_0").tensor, truth.at("Plus214_Output_0").tensor, MetricOptions{});
  // The files carry float32: the external result is the truth rounded to float32.
  EXPECT_LE(m.values.at("max_ulp"), 0.0 + 1);
}

TEST(Backends, ExternalCommandFailureQuotesTheCommand) {
  BackendOptions o;
  o.settings["command"] = "echo broken >&2; exit 3";
  try {
    RunMnist("external", o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("exit 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("broken"), std::string::npos) << e.what();
  }
}

TEST(Backends, UnknownSettingsListTheAllowedOnes) {
  BackendOptions o;
  o.settings["colour"] = "red";
  for (const char* kind : {"opencv", "external", "reference"}) {
    EXPECT_THROW(CreateBackend(kind, o), InputError) << kind;
  }
}

}  // namespace
}  // namespace parity
