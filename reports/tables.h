// The renderer-neutral view of a Results: plain-text tables that Markdown and HTML both print (each escapes and
// styles cells its own way), so the two formats always show the same numbers.
#pragma once

#include <string>
#include <vector>

#include "reports/results.h"

namespace parity::report {

inline constexpr const char kMissing[] = "—";  // shown for a value that was not measured

struct Table {
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_class;  // per row: "pass", "fail", "error", "invalid", "none" or ""
};

struct ModelGroup {  // the runs of one model, in file order
  std::string name;
  const ModelInfo* model = nullptr;  // from the first run
  std::vector<const Run*> runs;
  std::vector<std::string> outputs;  // union of output names in first-seen order
  bool has_accuracy = false;
  bool has_perf = false;
};

std::vector<ModelGroup> GroupByModel(const Results& results);
std::string PointLabel(const Run& run);           // "backend" or "backend / option_name"
std::string SummaryLine(const Results& results);  // "5 runs: 3 pass, 1 fail, 1 error"

Table EnvironmentTable(const Environment& env);
Table ModelTable(const ModelGroup& group);
Table BreachTable(const Results& results);     // failed gates; empty rows when none
Table LayerwiseTable(const Results& results);  // first divergent node of each run with a layer-wise analysis
Table ErrorTable(const Results& results);      // runs with status error or invalid
Table WarningTable(const Results& results);    // perf warnings and NaN/Inf in outputs

}  // namespace parity::report
