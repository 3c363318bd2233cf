// Properties of the renderers that golden files alone would not make obvious: escaping, CSV shape, charts.
#include <algorithm>
#include <cmath>
#include <sstream>

#include <gtest/gtest.h>

#include "reports/charts.h"
#include "reports/render.h"
#include "tests/reports/sample_results.h"

namespace parity::report {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

// Splits RFC 4180 CSV into records of fields (quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST(RenderHtml, IsSelfContainedAndEscaped) {
  const std::string html = RenderHtml(testing::MakeSampleResults());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(Count(html, "<script"), 0u);
  EXPECT_EQ(Count(html, "src="), 0u);
  EXPECT_EQ(Count(html, "<link"), 0u);
  EXPECT_EQ(Count(html, "resnet<50>"), 0u);  // the raw model name must never appear unescaped
  EXPECT_GT(Count(html, "resnet&lt;50&gt; &amp; &quot;v1&quot;"), 0u);
  EXPECT_EQ(Count(html, "<no calibration>"), 0u);
  // Two models: latency + precision + Pareto charts for each.
  EXPECT_EQ(Count(html, "<svg "), 6u);
  EXPECT_EQ(Count(html, "class=\"pareto\""), 1u);  // mnist-8 has a single timed point: no front line
}

TEST(RenderMarkdown, EscapesTableBreakingText) {
  const std::string md = RenderMarkdown(testing::MakeSampleResults());
  EXPECT_EQ(Count(md, "resnet<50>"), 0u);
  EXPECT_GT(Count(md, "aux\\|scores"), 0u);  // a pipe in an output name must not split the table
  EXPECT_GT(Count(md, "## Gate breaches"), 0u);
  EXPECT_GT(Count(md, "## Errors"), 0u);
  // Every table row has as many cells as its header.
  std::istringstream in(md);
  std::string line;
  size_t columns = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    std::string unescaped;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\')
        ++i;
      else
        unescaped += line[i];
    }
    const size_t cells = Count(unescaped, "|") - 1;
    if (columns == 0) columns = cells;
    EXPECT_EQ(cells, columns) << line;
  }
}

TEST(RenderCsv, OneRowPerRunAndOutputWithTheHeaderWidth) {
  const Results r = testing::MakeSampleResults();
  const auto rows = ParseCsv(RenderCsv(r));
  size_t expected = 1;
  for (const auto& run : r.runs) expected += std::max<size_t>(1, run.outputs.size());
  ASSERT_EQ(rows.size(), expected);
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
  EXPECT_EQ(rows[0][0], "run_id");
  EXPECT_EQ(rows[0].back(), "error");
  // The quoted option name and the multi-line error come back intact.
  bool saw_error = false, saw_option = false;
  for (const auto& row : rows) {
    saw_error |= row.back() == r.runs[6].error;
    saw_option |= row[4] == "fast-math, \"approx\"";
  }
  EXPECT_TRUE(saw_error);
  EXPECT_TRUE(saw_option);
}

TEST(Charts, ParetoFront) {
  const std::vector<Point> pts = {{"a", 10, 100}, {"b", 5, 50}, {"c", 12, 90},
                                  {"d", 20, 300}, {"e", 5, 40}, {"f", NAN, 1000}};
  const std::vector<size_t> front = ParetoFront(pts);
  EXPECT_EQ(front, (std::vector<size_t>{1, 0, 3}));  // sorted by latency; c is dominated by a, e by b
  EXPECT_TRUE(ParetoFront({}).empty());
}

TEST(Charts, NiceAxis) {
  double upper = 0, step = 0;
  NiceAxis(13.9, &upper, &step);
  EXPECT_DOUBLE_EQ(step, 5);
  EXPECT_DOUBLE_EQ(upper, 15);
  NiceAxis(0.06, &upper, &step);
  EXPECT_DOUBLE_EQ(step, 0.02);
  EXPECT_NEAR(upper, 0.06, 1e-12);
  NiceAxis(0, &upper, &step);
  EXPECT_DOUBLE_EQ(upper, 1);
}

TEST(Charts, BarChartEscapesAndSurvivesNonFinite) {
  const std::string svg = SvgBarChart("t<", "ms", {{"a&b", 1, 2.0, "1 ms", ""}, {"nan", NAN, std::nullopt, "NaN", ""}});
  EXPECT_EQ(Count(svg, "a&amp;b"), 2u);  // label and tooltip
  EXPECT_EQ(Count(svg, "t&lt;"), 2u);    // aria-label and title
  EXPECT_EQ(Count(svg, "<rect"), 2u);
  EXPECT_EQ(Count(svg, "nan\""), 0u);
}

}  // namespace
}  // namespace parity::report
