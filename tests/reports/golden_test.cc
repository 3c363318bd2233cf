// Golden tests of every output format (in the manner of google/benchmark's output tests): the fixed sample Results
// must render byte for byte as tests/reports/golden/*. After an intended change, regenerate with
//   PARITY_UPDATE_GOLDEN=1 build/tests/reports/parity_reports_tests --gtest_filter='Golden*'
// and review the diff.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "reports/render.h"
#include "tests/reports/sample_results.h"

namespace parity::report {
namespace {

std::string GoldenPath(const std::string& name) {
  return std::string(PARITY_REPORTS_GOLDEN_DIR) + "/" + name;
}

bool UpdateRequested() {
  const char* v = std::getenv("PARITY_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Line number and both lines of the first difference, so a failure is readable without a diff tool.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la)), hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "texts differ only in the final newline";
    if (!ha || !hb || la != lb) {
      return "first difference at line " + std::to_string(line) + "\n  golden: " + (ha ? la : "<end>") +
             "\n  actual: " + (hb ? lb : "<end>");
    }
  }
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  const std::string path = GoldenPath(name);
  if (UpdateRequested()) {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (create it with PARITY_UPDATE_GOLDEN=1)";
  std::stringstream want;
  want << in.rdbuf();
  if (want.str() != actual) {
    const std::string actual_path = ::testing::TempDir() + "actual_" + name;
    std::ofstream(actual_path, std::ios::binary) << actual;
    FAIL() << name << " differs from " << path << "; actual output written to " << actual_path << "\n"
           << FirstDifference(want.str(), actual) << "\nIf the change is intended, rerun with PARITY_UPDATE_GOLDEN=1.";
  }
}

TEST(Golden, Json) {
  ExpectGolden("sample.json", SerializeResults(testing::MakeSampleResults()));
}
TEST(Golden, Markdown) {
  ExpectGolden("sample.md", RenderMarkdown(testing::MakeSampleResults()));
}
TEST(Golden, Csv) {
  ExpectGolden("sample.csv", RenderCsv(testing::MakeSampleResults()));
}
TEST(Golden, Html) {
  ExpectGolden("sample.html", RenderHtml(testing::MakeSampleResults()));
}

// Files written by earlier builds must keep loading: the golden JSON is such a file.
TEST(Golden, CommittedJsonStillLoads) {
  if (UpdateRequested()) GTEST_SKIP();
  const Results r = LoadResults(GoldenPath("sample.json"));
  EXPECT_EQ(SerializeResults(r), SerializeResults(testing::MakeSampleResults()));
}

TEST(Golden, RenderingIsDeterministic) {
  const Results r = testing::MakeSampleResults();
  EXPECT_EQ(RenderHtml(r), RenderHtml(r));
  EXPECT_EQ(RenderMarkdown(r), RenderMarkdown(r));
  EXPECT_EQ(RenderCsv(r), RenderCsv(r));
}

}  // namespace
}  // namespace parity::report
