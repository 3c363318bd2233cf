// Run configurations: every mistake is an InputError naming file:line:column and, where there is a set of
// allowed values, listing them; includes merge; --set overrides.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/config/run_config.h"
#include "harness/core/errors.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

fs::path Dir() {
  fs::path dir = fs::temp_directory_path() / ("parity_config_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

const std::string kModel = std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/model.onnx";

std::string Write(const std::string& name, const std::string& text) {
  const fs::path p = Dir() / name;
  std::ofstream(p) << text;
  return p.string();
}

std::string ErrorOf(const std::string& path, const std::vector<std::string>& overrides = {}) {
  try {
    LoadRunConfig(path, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string Valid() {
  return "backends: [runtime]\nmodels:\n  - path: " + kModel + "\n    gates:\n      - {output: '*', metric: cosine, min: 0.9}\n";
}

TEST(Config, LoadsAValidConfig) {
  const RunConfig c = LoadRunConfig(Write("valid.yaml", Valid()));
  ASSERT_EQ(c.models.size(), 1u);
  EXPECT_EQ(c.models[0].name, "mnist-8");
  EXPECT_EQ(c.models[0].gates[0].op, ">=");
  EXPECT_EQ(c.backends[0].kind, "runtime");
}

TEST(Config, UnknownKeyNamesFileLineColumnAndAllowedKeys) {
  const std::string path = Write("unknown.yaml", Valid() + "colour: blue\n");
  const std::string e = ErrorOf(path);
  EXPECT_NE(e.find(path + ":6:"), std::string::npos) << e;  // the sixth line holds the key
  EXPECT_NE(e.find("unknown key 'colour'"), std::string::npos) << e;
  EXPECT_NE(e.find("allowed: name, output"), std::string::npos) << e;
}

TEST(Config, BadValueListsTheAllowedOnes) {
  const std::string path =
      Write("badmetric.yaml", "backends: [runtime]\nmodels:\n  - path: " + kModel +
                                  "\n    gates:\n      - {output: '*', metric: cosin, min: 0.9}\n");
  const std::string e = ErrorOf(path);
  EXPECT_NE(e.find(path + ":5:"), std::string::npos) << e;
  EXPECT_NE(e.find("'cosin' is not allowed here; allowed: cosine"), std::string::npos) << e;
}

TEST(Config, WrongTypeAndMissingFile) {
  std::string e = ErrorOf(Write("type.yaml", Valid() + "resume: maybe\n"));
  EXPECT_NE(e.find("expected true or false"), std::string::npos) << e;
  e = ErrorOf(Write("missing.yaml", "backends: [runtime]\nmodels:\n  - path: nope/model.onnx\n"));
  EXPECT_NE(e.find("model '"), std::string::npos) << e;
  EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
  e = ErrorOf(Write("kind.yaml", "backends: [tensorrt]\nmodels:\n  - path: " + kModel + "\n"));
  EXPECT_NE(e.find("allowed: reference"), std::string::npos) << e;
}

TEST(Config, SyntaxErrorsNameThePlace) {
  const std::string path = Write("syntax.yaml", "backends: [runtime\nmodels: x\n");
  const std::string e = ErrorOf(path);
  EXPECT_NE(e.find(path + ":"), std::string::npos) << e;
}

TEST(Config, IncludesMergeAndErrorsNameTheIncludedFile) {
  const std::string base = Write("base.yaml", "backends:\n  - {kind: runtime, name: rt, bogus: 1}\n");
  const std::string top = Write("top.yaml", "include: [base.yaml]\nmodels:\n  - path: " + kModel + "\n");
  const std::string e = ErrorOf(top);
  EXPECT_NE(e.find(base + ":2:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'bogus'"), std::string::npos) << e;
  Write("base2.yaml", "backends: [runtime]\nreports: [html]\n");
  const RunConfig c = LoadRunConfig(Write("top2.yaml", "include: [base2.yaml]\nmodels:\n  - path: " + kModel + "\n"));
  EXPECT_EQ(c.reports, std::vector<std::string>{"html"});
}

TEST(Config, OverridesReplaceValuesAndListItems) {
  const RunConfig c =
      LoadRunConfig(Write("over.yaml", Valid()), {"models.0.gates.0.min=0.5", "output=/tmp/elsewhere"});
  EXPECT_DOUBLE_EQ(c.models[0].gates[0].threshold, 0.5);
  EXPECT_EQ(c.output_dir, "/tmp/elsewhere");
  EXPECT_NE(ErrorOf(Write("over2.yaml", Valid()), {"models.5.path=x"}).find("index"), std::string::npos);
}

TEST(Config, SweepExpandsTheGridIntoBackends) {
  const RunConfig c = LoadRunConfig(Write("sweep.yaml", "sweep:\n  grid: {threads: [1, 2], fusion: [none, all]}\n"
                                                        "models:\n  - path: " + kModel + "\n"));
  EXPECT_EQ(c.backends.size(), 4u);
  EXPECT_EQ(c.backends[0].settings.at("fusion"), "none");  // keys in order, values as listed
  EXPECT_EQ(c.backends[3].settings.at("threads"), "2");
}

}  // namespace
}  // namespace parity
