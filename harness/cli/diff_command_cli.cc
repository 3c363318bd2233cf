// `parity diff BASE.json NEW.json`: compares two results files (harness/perf/diff_command.h, docs/cli.md).
#include <iostream>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/perf/diff_command.h"

namespace parity::cli {

void AddDiffCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "diff",
      "Compare two results.json: latency (Mann-Whitney U test), throughput, precision, accuracy, verdicts; "
      "exit 1 on a regression");
  auto o = std::make_shared<DiffOptions>();
  cmd->add_option("base", o->base_path, "Baseline results.json")->required();
  cmd->add_option("new", o->new_path, "New results.json")->required();
  cmd->add_option("--alpha", o->alpha, "Significance level of the U test")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--threshold", o->threshold_pct, "Slowdown / throughput drop (percent) that counts as a regression")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--metric-tolerance", o->metric_tolerance,
                  "Relative change of a precision metric below which it is not reported")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--json", o->json_path, "Also write the comparison as JSON to this file");
  cmd->callback([o, &exit_code]() { exit_code = RunDiff(*o, std::cout, std::cerr); });
}

}  // namespace parity::cli
