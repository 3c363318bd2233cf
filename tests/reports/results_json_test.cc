#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/results.h"
#include "reports/results_writer.h"
#include "tests/reports/sample_results.h"

namespace parity::report {
namespace {

using testing::MakeSampleResults;

// Parses `text` as if it came from "bad.json" and returns the ResultsError it must raise.
ResultsError ParseError(const std::string& text) {
  try {
    ParseResults(text, "bad.json");
  } catch (const ResultsError& e) {
    return e;
  }
  ADD_FAILURE() << "no ResultsError for: " << text.substr(0, 200);
  return ResultsError("", "", "");
}

nlohmann::json SampleJson() {
  return ToJson(MakeSampleResults());
}

TEST(ResultsJson, RoundTripIsLossless) {
  const Results original = MakeSampleResults();
  const std::string text = SerializeResults(original);
  const Results back = ParseResults(text, "mem");
  EXPECT_EQ(SerializeResults(back), text);

  ASSERT_EQ(back.runs.size(), original.runs.size());
  const report::Run& o3 = back.runs[1];
  EXPECT_EQ(o3.id, "resnet<50> & \"v1\"|runtime|O3|fuse=all");
  EXPECT_EQ(o3.backend.options.at("opt"), "O3");
  EXPECT_EQ(o3.verdict, Verdict::kPass);
  ASSERT_TRUE(o3.perf && o3.perf->e2e && o3.perf->peak_memory_bytes && o3.perf->compile_ms);
  EXPECT_DOUBLE_EQ(o3.perf->e2e->fps, 47.5);
  EXPECT_EQ(*o3.perf->peak_memory_bytes, 104857600);
  EXPECT_DOUBLE_EQ(o3.outputs[0].metrics.at(metric::kCosine), 0.99999994);
  EXPECT_EQ(o3.perf->compute.samples_ms, original.runs[1].perf->compute.samples_ms);
  EXPECT_FALSE(o3.layerwise->first_divergent.has_value());
  EXPECT_EQ(back.runs[2].layerwise->first_divergent->node, "softmax");
  EXPECT_EQ(back.runs[2].accuracy->flips.size(), 2u);
  EXPECT_EQ(back.runs[3].status, RunStatus::kInvalid);
  EXPECT_EQ(back.environment.peak_gflops.value(), 1024);
  EXPECT_EQ(back.environment.libraries.at("onnx"), "1.14.1");
}

TEST(ResultsJson, NonFiniteNumbersSurviveAsStrings) {
  const nlohmann::json j = SampleJson();
  const auto& metrics = j["runs"][5]["outputs"][1]["metrics"];
  EXPECT_EQ(metrics["cosine"], "NaN");
  EXPECT_EQ(j["runs"][5]["outputs"][0]["metrics"]["snr_db"], "Infinity");
  const Results back = FromJson(j, "mem");
  EXPECT_TRUE(std::isnan(back.runs[5].outputs[1].metrics.at("cosine")));
  EXPECT_TRUE(std::isinf(back.runs[5].outputs[0].metrics.at("snr_db")));
}

TEST(ResultsJson, OptionalSectionsAreOmittedWhenAbsent) {
  const nlohmann::json j = SampleJson();
  EXPECT_FALSE(j["runs"][0].contains("accuracy"));
  EXPECT_FALSE(j["runs"][0].contains("layerwise"));
  EXPECT_FALSE(j["runs"][4].contains("perf"));
  EXPECT_FALSE(j["runs"][0]["perf"].contains("gflops"));
  nlohmann::json with_null = j;
  with_null["runs"][0]["accuracy"] = nullptr;  // null is read as absent
  EXPECT_FALSE(FromJson(with_null, "mem").runs[0].accuracy.has_value());
}

TEST(ResultsJson, SchemaIdIsChecked) {
  nlohmann::json j = SampleJson();
  EXPECT_EQ(j["schema"], kSchemaId);
  j["schema"] = "parity.results/2";
  ResultsError e = ParseError(j.dump());
  EXPECT_EQ(e.json_path(), "$.schema");
  EXPECT_NE(std::string(e.what()).find("major version '2'"), std::string::npos) << e.what();

  j["schema"] = "parity.conformance/1";
  e = ParseError(j.dump());
  EXPECT_NE(std::string(e.what()).find("not a parity results schema"), std::string::npos) << e.what();

  j.erase("schema");
  e = ParseError(j.dump());
  EXPECT_STREQ(e.what(), "bad.json: $: required field 'schema' is missing");
}

TEST(ResultsJson, MissingFieldIsNamedWithItsPath) {
  nlohmann::json j = SampleJson();
  j["runs"][2]["outputs"][0].erase("dtype");
  const ResultsError e = ParseError(j.dump());
  EXPECT_EQ(e.file(), "bad.json");
  EXPECT_EQ(e.json_path(), "$.runs[2].outputs[0]");
  EXPECT_STREQ(e.what(), "bad.json: $.runs[2].outputs[0]: required field 'dtype' is missing");
}

TEST(ResultsJson, WrongTypeIsNamedWithItsPath) {
  nlohmann::json j = SampleJson();
  j["runs"][1]["outputs"][0]["metrics"]["cosine"] = "high";
  ResultsError e = ParseError(j.dump());
  EXPECT_EQ(e.json_path(), "$.runs[1].outputs[0].metrics.cosine");
  EXPECT_NE(std::string(e.what()).find("expected a number"), std::string::npos) << e.what();

  j = SampleJson();
  j["environment"]["cores"] = 8.5;
  e = ParseError(j.dump());
  EXPECT_EQ(e.json_path(), "$.environment.cores");
  EXPECT_NE(std::string(e.what()).find("expected an integer"), std::string::npos) << e.what();

  j = SampleJson();
  j["runs"] = nlohmann::json::object();
  EXPECT_EQ(ParseError(j.dump()).json_path(), "$.runs");
}

TEST(ResultsJson, BadEnumValuesAreRejected) {
  nlohmann::json j = SampleJson();
  j["runs"][0]["status"] = "crashed";
  ResultsError e = ParseError(j.dump());
  EXPECT_EQ(e.json_path(), "$.runs[0].status");
  EXPECT_NE(std::string(e.what()).find("ok, error, invalid"), std::string::npos);

  j = SampleJson();
  j["runs"][1]["gates"][0]["op"] = "==";
  EXPECT_EQ(ParseError(j.dump()).json_path(), "$.runs[1].gates[0].op");
}

TEST(ResultsJson, TruncatedOrEmptyFileIsRejectedWithTheFileName) {
  const std::string text = SerializeResults(MakeSampleResults());
  for (const std::string& bad : {text.substr(0, text.size() / 2), std::string(), std::string("[1, 2]")}) {
    const ResultsError e = ParseError(bad);
    EXPECT_EQ(e.file(), "bad.json");
    EXPECT_EQ(std::string(e.what()).rfind("bad.json: ", 0), 0u) << e.what();
  }
}

TEST(ResultsJson, LoadNamesTheMissingFile) {
  try {
    LoadResults("/nonexistent/results.json");
    FAIL() << "no error";
  } catch (const ResultsError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/results.json");
  }
}

TEST(ResultsHelpers, GatesAndVerdicts) {
  EXPECT_TRUE(GatePasses(">=", 1, 1));
  EXPECT_FALSE(GatePasses(">", 1, 1));
  EXPECT_TRUE(GatePasses("<", 0, 1));
  EXPECT_FALSE(GatePasses("<=", NAN, 1));
  EXPECT_FALSE(GatePasses(">=", NAN, 1));
  EXPECT_THROW(GatePasses("==", 1, 1), std::invalid_argument);
  report::Run r;
  EXPECT_EQ(DeriveVerdict(r), Verdict::kNone);
  r.gates.push_back({"perf", "p99_ms", "<=", 10, 5, true});
  EXPECT_EQ(DeriveVerdict(r), Verdict::kPass);
  r.gates.push_back({"perf", "p50_ms", "<=", 1, 5, false});
  EXPECT_EQ(DeriveVerdict(r), Verdict::kFail);
  r.status = RunStatus::kError;
  EXPECT_EQ(DeriveVerdict(r), Verdict::kError);
  EXPECT_EQ(MakeRunId("m", "runtime", "O3"), "m|runtime|O3");
}

TEST(ResultsHelpers, LatencyStatsMatchNumpy) {
  const LatencyStats s = ComputeLatencyStats({4, 1, 3, 2, 5});
  EXPECT_DOUBLE_EQ(s.mean_ms, 3);
  EXPECT_DOUBLE_EQ(s.median_ms, 3);
  EXPECT_DOUBLE_EQ(s.p90_ms, 4.6);  // numpy.percentile([1..5], 90)
  EXPECT_DOUBLE_EQ(s.p99_ms, 4.96);
  EXPECT_DOUBLE_EQ(s.min_ms, 1);
  EXPECT_DOUBLE_EQ(s.max_ms, 5);
  EXPECT_DOUBLE_EQ(s.stddev_ms, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(s.percentiles_ms.at("p50"), 3);
  EXPECT_TRUE(s.percentiles_ms.count("p99.9"));
  EXPECT_EQ(s.samples_ms, (std::vector<double>{4, 1, 3, 2, 5}));  // kept in measurement order
  EXPECT_DOUBLE_EQ(ComputeLatencyStats({}).mean_ms, 0);
}

TEST(ResultsHelpers, NowIsIso8601Utc) {
  const std::string now = NowUtcIso8601();
  ASSERT_EQ(now.size(), 20u);
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
}

}  // namespace
}  // namespace parity::report
