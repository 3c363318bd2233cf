#include "reports/results_writer.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/reports/sample_results.h"

namespace parity::report {
namespace {

namespace fs = std::filesystem;

class ResultsWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("parity_reports_" + std::string(info->name()) + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "results.json").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Results Header() {
    Results h = testing::MakeSampleResults();
    h.runs.clear();
    return h;
  }
  static report::Run SampleRun(size_t i) { return testing::MakeSampleResults().runs.at(i); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

  fs::path dir_;
  std::string path_;
};

TEST_F(ResultsWriterTest, CreatesTheFileAtOnce) {
  ResultsWriter w(path_, Header());
  EXPECT_FALSE(w.resumed());
  const Results r = LoadResults(path_);
  EXPECT_TRUE(r.runs.empty());
  EXPECT_EQ(r.config.name, "demo sweep");
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));
}

TEST_F(ResultsWriterTest, AppendingKeepsEarlierRuns) {
  ResultsWriter w(path_, Header());
  w.Append(SampleRun(0));
  w.Append(SampleRun(1));
  EXPECT_EQ(LoadResults(path_).runs.size(), 2u);
  w.Append(SampleRun(2));
  const Results r = LoadResults(path_);
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[0].id, SampleRun(0).id);
  EXPECT_EQ(r.runs[2].id, SampleRun(2).id);
}

TEST_F(ResultsWriterTest, SameIdReplacesTheEarlierAttempt) {
  ResultsWriter w(path_, Header());
  report::Run run = SampleRun(1);
  w.Append(run);
  run.seconds = 99;
  w.Append(run);
  const Results r = LoadResults(path_);
  ASSERT_EQ(r.runs.size(), 1u);
  EXPECT_EQ(r.runs[0].seconds, 99);
  EXPECT_EQ(w.Find(run.id)->seconds, 99);
}

TEST_F(ResultsWriterTest, ReopeningResumesAndHasFinishedRuns) {
  {
    ResultsWriter w(path_, Header());
    w.Append(SampleRun(0));
    w.Append(SampleRun(3));
  }
  Results other = Header();
  other.config.name = "another session";
  ResultsWriter w(path_, other);
  EXPECT_TRUE(w.resumed());
  EXPECT_TRUE(w.Has(SampleRun(0).id));
  EXPECT_TRUE(w.Has(SampleRun(3).id));
  EXPECT_FALSE(w.Has(SampleRun(1).id));
  EXPECT_EQ(w.Find(SampleRun(1).id), nullptr);
  EXPECT_EQ(w.results().config.name, "demo sweep");  // the file's header wins on resume
  w.Append(SampleRun(1));
  EXPECT_EQ(LoadResults(path_).runs.size(), 3u);
}

TEST_F(ResultsWriterTest, StaleTmpIsIgnoredAndReplaced) {
  {
    ResultsWriter w(path_, Header());
    w.Append(SampleRun(0));
  }
  Write(path_ + ".tmp", "{\"schema\": \"parity.results/1\", \"runs\": [");  // torn write of an earlier crash
  ResultsWriter w(path_, Header());
  EXPECT_TRUE(w.Has(SampleRun(0).id));
  w.Append(SampleRun(1));
  EXPECT_EQ(LoadResults(path_).runs.size(), 2u);
  EXPECT_FALSE(fs::exists(path_ + ".tmp"));
}

TEST_F(ResultsWriterTest, CrashBeforeRenameKeepsTheOldCompleteFile) {
  {
    ResultsWriter w(path_, Header());
    w.Append(SampleRun(0));
    w.Append(SampleRun(1));
  }
  const std::string before = Read(path_);
  // What a kill -9 between writing the tmp file and the rename leaves behind: a partial tmp, the old file intact.
  Results next = LoadResults(path_);
  next.runs.push_back(SampleRun(2));
  const std::string full = SerializeResults(next);
  Write(path_ + ".tmp", full.substr(0, full.size() / 3));
  EXPECT_EQ(Read(path_), before);
  const Results r = LoadResults(path_);
  EXPECT_EQ(r.runs.size(), 2u);
  ResultsWriter w(path_, Header());
  EXPECT_TRUE(w.Has(SampleRun(1).id));
  EXPECT_FALSE(w.Has(SampleRun(2).id));
}

TEST_F(ResultsWriterTest, CorruptExistingFileIsNeverOverwritten) {
  Write(path_, "{ this is not json");
  EXPECT_THROW(ResultsWriter(path_, Header()), ResultsError);
  EXPECT_EQ(Read(path_), "{ this is not json");
}

TEST_F(ResultsWriterTest, UnwritablePathFailsAtOnceNamingTheFile) {
  const std::string bad = (dir_ / "missing-dir" / "results.json").string();
  try {
    ResultsWriter w(bad, Header());
    FAIL() << "no error";
  } catch (const ResultsError& e) {
    EXPECT_EQ(e.file(), bad + ".tmp");
  }
}

}  // namespace
}  // namespace parity::report
