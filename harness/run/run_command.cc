#include "harness/run/run_command.h"

#include <filesystem>
#include <fstream>
#include <iomanip>

#include "harness/core/errors.h"
#include "harness/run/gates.h"
#include "harness/run/model_runner.h"
#include "harness/run/results_files.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

std::string Metric(const report::Run& run, const char* name) {
  const std::optional<double> worst = WorstMetric(run, name);
  if (!worst) return "-";
  std::ostringstream os;
  os << std::setprecision(6) << *worst;
  return os.str();
}

void PrintRun(const report::Run& run, std::ostream& out) {
  out << std::left << std::setw(20) << run.model.name.substr(0, 19) << std::setw(44) << run.backend.name.substr(0, 43)
      << std::setw(8) << report::VerdictName(run.verdict) << std::right << std::setw(12) << Metric(run, "cosine")
      << std::setw(13) << Metric(run, "max_abs");
  if (run.accuracy) {
    out << std::fixed << std::setprecision(2) << "  top1 " << 100 * run.accuracy->top1 << "% (ref "
        << 100 * run.accuracy->reference_top1 << "%, " << run.accuracy->flip_count << " flips)"
        << std::defaultfloat;
  }
  if (run.layerwise && run.layerwise->first_divergent) {
    out << "  first divergence: " << run.layerwise->first_divergent->node;
  }
  if (run.status != report::RunStatus::kOk) out << "  " << run.error;
  out << "\n";
}

}  // namespace

int RunConfigCommand(const RunConfig& config, const RunCommandOptions& options, std::ostream& out) {
  auto results = OpenResults(config);
  report::ResultsWriter& writer = *results;
  out << "config   " << config.path << (writer.resumed() ? " (resuming: finished runs are kept)" : "") << "\n"
      << "results  " << writer.path() << "\n\n";
  out << std::left << std::setw(20) << "model" << std::setw(44) << "backend" << std::setw(8) << "verdict" << std::right
      << std::setw(12) << "cosine" << std::setw(13) << "max_abs" << "\n";
  std::vector<std::string> breaches;
  for (const ModelSpec& model : config.models) {
    RunModel(
        config, model, [&](const std::string& id) { return writer.Has(id); },
        [&](report::Run run) {
          PrintRun(run, out);
          for (auto& line : DescribeBreaches(run, model.gates)) breaches.push_back(std::move(line));
          writer.Append(std::move(run));
        });
  }
  bool failed = false;
  for (const auto& run : writer.results().runs) {
    failed = failed || run.verdict == report::Verdict::kFail || run.verdict == report::Verdict::kError ||
             run.verdict == report::Verdict::kInvalid;
  }
  WriteReports(config, writer.results(), out);
  if (!breaches.empty()) {
    out << "\ngate breaches and errors:\n";
    for (const auto& b : breaches) out << "  " << b << "\n";
  }
  return options.gate && failed ? 1 : 0;
}

}  // namespace parity
