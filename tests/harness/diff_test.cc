// `parity diff`: two results files written with report::SaveResults, compared with RunDiff.
#include "harness/perf/diff_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/results.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

constexpr char kRunId[] = "mnist/runtime[fp32]";

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("parity_diff_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// `count` latencies around `median_ms` with 2% Gaussian noise, reproducible per seed.
std::vector<double> Samples(double median_ms, int count, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> noise(0, 0.02 * median_ms);
  std::vector<double> out;
  for (int i = 0; i < count; ++i) out.push_back(median_ms + noise(gen));
  return out;
}

report::Run MakeRun(const std::string& id, double median_ms, int count, unsigned seed) {
  report::Run run;
  run.id = id;
  run.model.name = "mnist";
  run.backend.kind = "runtime";
  run.backend.name = "runtime[fp32]";
  report::OutputResult out;
  out.name = "logits";
  out.dtype = "float32";
  out.shape = {1, 10};
  out.metrics = {{"cosine", 0.9999999}, {"max_abs", 1.2e-6}, {"snr_db", 120.0}};
  run.outputs.push_back(out);
  run.gates.push_back({"output:logits", "cosine", ">=", 0.9999, 0.9999999, true});
  run.verdict = report::Verdict::kPass;
  report::Perf perf;
  perf.compute = report::ComputeLatencyStats(Samples(median_ms, count, seed));
  perf.throughput_ips = 1000 / perf.compute.median_ms;
  run.perf = perf;
  return run;
}

report::Results MakeResults(std::vector<report::Run> runs) {
  report::Results r;
  r.created = "2024-05-01T12:00:00Z";
  r.tool_version = "test";
  r.runs = std::move(runs);
  return r;
}

struct Outcome {
  int exit_code;
  std::string out, err;
};

class DiffTest : public ::testing::Test {
 protected:
  Outcome Diff(const report::Results& base, const report::Results& next, DiffOptions options = {}) {
    options.base_path = (dir_ / (Name() + "_base.json")).string();
    options.new_path = (dir_ / (Name() + "_new.json")).string();
    report::SaveResults(base, options.base_path);
    report::SaveResults(next, options.new_path);
    return Run(options);
  }
  static Outcome Run(const DiffOptions& options) {
    std::ostringstream out, err;
    const int code = RunDiff(options, out, err);
    return {code, out.str(), err.str()};
  }
  static std::string Name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }
  fs::path dir_ = TempDir();
};

TEST_F(DiffTest, NoChangeExitsZero) {
  // Two measurements of the same machine: different noise, same distribution.
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({MakeRun(kRunId, 10, 30, 2)}));
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("| run | metric | base | new | change | p | verdict |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("compute.median\\_ms"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("REGRESSION"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("OK: 1 run compared, 0 added, 0 removed; 0 regressions"), std::string::npos) << o.out;
}

TEST_F(DiffTest, TwentyPercentSlowdownWithThirtySamplesExitsOneNamingTheRun) {
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({MakeRun(kRunId, 12, 30, 2)}));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  EXPECT_NE(o.out.find("mnist/runtime\\[fp32\\] | compute.median\\_ms"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("**REGRESSION**"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("(HL +2"), std::string::npos) << o.out;  // Hodges–Lehmann shift of about +2 ms
  EXPECT_NE(o.out.find("throughput\\_ips"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("REGRESSION: 1 run compared"), std::string::npos) << o.out;
}

TEST_F(DiffTest, SlowdownBelowThresholdOrWithHighAlphaIsNotARegression) {
  const auto base = MakeResults({MakeRun(kRunId, 10, 30, 1)});
  const auto next = MakeResults({MakeRun(kRunId, 12, 30, 2)});
  DiffOptions loose;
  loose.threshold_pct = 30;
  const Outcome o = Diff(base, next, loose);
  EXPECT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("below threshold"), std::string::npos) << o.out;
}

TEST_F(DiffTest, SpeedupIsAnImprovement) {
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 12, 30, 1)}), MakeResults({MakeRun(kRunId, 10, 30, 2)}));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("improvement"), std::string::npos) << o.out;
}

TEST_F(DiffTest, FewSamplesAreNeverARegression) {
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 5, 1)}), MakeResults({MakeRun(kRunId, 15, 5, 2)}));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("too few samples"), std::string::npos) << o.out;
}

TEST_F(DiffTest, CosineDropAndPassToFailExitOne) {
  report::Run worse = MakeRun(kRunId, 10, 30, 1);
  worse.outputs[0].metrics["cosine"] = 0.98;
  worse.gates[0].value = 0.98;
  worse.gates[0].passed = false;
  worse.verdict = report::Verdict::kFail;
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({worse}));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  EXPECT_NE(o.out.find("| output:logits.cosine | 0.9999999 | 0.98 |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("| verdict | pass | fail |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("2 regressions"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("max\\_abs"), std::string::npos) << "unchanged metrics are not listed\n" << o.out;
}

TEST_F(DiffTest, MetricToleranceHidesTinyChanges) {
  report::Run next = MakeRun(kRunId, 10, 30, 1);
  next.outputs[0].metrics["max_abs"] = 1.2000001e-6;  // relative change 1e-7
  DiffOptions options;
  options.metric_tolerance = 1e-6;
  EXPECT_EQ(Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({next}), options).out.find("max\\_abs"),
            std::string::npos);
  const Outcome strict = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({next}));
  EXPECT_EQ(strict.exit_code, 1) << strict.out;  // max_abs got worse, and the default tolerance is 0
  EXPECT_NE(strict.out.find("| 1.2e-06 | 1.2000001e-06 |"), std::string::npos) << strict.out;
}

TEST_F(DiffTest, AccuracyDropIsARegression) {
  report::Run base = MakeRun(kRunId, 10, 30, 1);
  report::Accuracy acc;
  acc.dataset = "mnist-1000";
  acc.samples = 1000;
  acc.top1 = acc.reference_top1 = 0.99;
  acc.top5 = acc.reference_top5 = 1.0;
  base.accuracy = acc;
  report::Run next = base;
  next.accuracy->top1 = 0.985;
  next.accuracy->delta_top1 = -0.005;
  next.accuracy->flip_count = 5;
  const Outcome o = Diff(MakeResults({base}), MakeResults({next}));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  EXPECT_NE(o.out.find("| accuracy.top1 | 99.00% | 98.50% | -0.50 pp |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("| accuracy.flip\\_count | 0 | 5 |"), std::string::npos) << o.out;
}

TEST_F(DiffTest, AddedAndRemovedRunsAreReportedNotFailed) {
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1), MakeRun("old/run", 10, 30, 1)}),
                         MakeResults({MakeRun(kRunId, 10, 30, 2), MakeRun("new/run", 10, 30, 1)}));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(o.out.find("| new/run | run | — | present |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("| old/run | run | present | — |"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("1 run compared, 1 added, 1 removed"), std::string::npos) << o.out;
}

TEST_F(DiffTest, JsonOutputCarriesRowsAndExitCode) {
  DiffOptions options;
  options.json_path = (dir_ / "diff.json").string();
  const Outcome o = Diff(MakeResults({MakeRun(kRunId, 10, 30, 1)}), MakeResults({MakeRun(kRunId, 12, 30, 2)}), options);
  ASSERT_EQ(o.exit_code, 1) << o.out << o.err;
  std::ifstream in(options.json_path);
  const nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["schema"], "parity.diff/1");
  EXPECT_EQ(j["exit_code"], 1);
  EXPECT_EQ(j["summary"]["counts"]["regression"], 2);  // compute latency and throughput
  const nlohmann::json& row = j["rows"][0];
  EXPECT_EQ(row["run"], kRunId);
  EXPECT_EQ(row["metric"], "compute.median_ms");
  EXPECT_EQ(row["verdict"], "regression");
  EXPECT_EQ(row["n_base"], 30);
  EXPECT_LT(row["p"].get<double>(), 1e-6);
  EXPECT_NEAR(row["change_pct"].get<double>(), 20, 3);
  EXPECT_NEAR(row["shift_ms"].get<double>(), 2, 0.3);
}

TEST_F(DiffTest, MissingFileExitsTwoNamingIt) {
  DiffOptions options;
  options.base_path = (dir_ / "does_not_exist.json").string();
  options.new_path = options.base_path;
  const Outcome o = Run(options);
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("does_not_exist.json"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty()) << o.out;
}

TEST_F(DiffTest, NotAResultsFileExitsTwoNamingIt) {
  const fs::path bogus = dir_ / "bogus.json";
  std::ofstream(bogus) << R"({"schema": "something/else"})";
  DiffOptions options;
  options.base_path = bogus.string();
  options.new_path = bogus.string();
  const Outcome o = Run(options);
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("bogus.json"), std::string::npos) << o.err;
}

TEST_F(DiffTest, BadOptionsExitTwo) {
  DiffOptions options;
  options.alpha = 0;
  const Outcome o = Diff(MakeResults({}), MakeResults({}), options);
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find("--alpha"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace parity
