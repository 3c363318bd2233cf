#include "harness/run/results_files.h"

#include <filesystem>
#include <fstream>

#include "harness/core/environment.h"
#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "reports/render.h"

namespace parity {

namespace fs = std::filesystem;

std::unique_ptr<report::ResultsWriter> OpenResults(const RunConfig& config, std::optional<double> peak_gflops,
                                                   const char* peak_source) {
  fs::create_directories(config.output_dir);
  const std::string path = (fs::path(config.output_dir) / "results.json").string();
  if (!config.resume) fs::remove(path);
  report::Results header;
  header.created = report::NowUtcIso8601();
  header.tool_version = "0.1.0";
  header.environment = CaptureEnvironment();
  header.config = {config.path, config.name};
  if (peak_gflops) {
    header.environment.peak_gflops = *peak_gflops;
    header.environment.peak_gflops_source = peak_source;
  }
  return std::make_unique<report::ResultsWriter>(path, header);
}

std::optional<double> WorstMetric(const report::Run& run, const std::string& name) {
  std::optional<double> worst;
  for (const auto& o : run.outputs) {
    auto it = o.metrics.find(name);
    if (it != o.metrics.end()) worst = worst ? Worse(name, *worst, it->second) : it->second;
  }
  return worst;
}

void WriteReports(const RunConfig& config, const report::Results& results, std::ostream& out) {
  for (const auto& format : config.reports) {
    const std::string path = (fs::path(config.output_dir) / ("report." + format)).string();
    const std::string text = format == "md"    ? report::RenderMarkdown(results)
                             : format == "csv" ? report::RenderCsv(results)
                                               : report::RenderHtml(results);
    std::ofstream file(path);
    if (!file || !(file << text)) throw InputError("cannot write report '" + path + "'");
    out << "report   " << path << "\n";
  }
}

}  // namespace parity
