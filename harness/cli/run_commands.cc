// `parity run CONFIG`, `parity gate CONFIG` and `parity report RESULTS`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/config/run_config.h"
#include "harness/core/errors.h"
#include "harness/bench/bench_command.h"
#include "harness/run/run_command.h"
#include "reports/render.h"
#include "reports/results.h"

namespace parity::cli {

namespace {

void AddRunLike(CLI::App& app, int& exit_code, const std::string& name, bool gate) {
  auto* cmd = app.add_subcommand(
      name, gate ? "Run a config and fail (exit 1) when any gate is breached or any run errors"
                 : "Run a config: every model against the truth on every backend, results.json and reports");
  auto config = std::make_shared<std::string>();
  auto overrides = std::make_shared<std::vector<std::string>>();
  auto fresh = std::make_shared<bool>(false);
  cmd->add_option("config", *config, "Run configuration (YAML, docs/config.md)")->required();
  cmd->add_option("--set", *overrides, "Override a config value: key.path=value (repeatable)");
  cmd->add_flag("--fresh", *fresh, "Start a new results.json instead of resuming");
  cmd->callback([config, overrides, fresh, gate, &exit_code]() {
    RunConfig c = LoadRunConfig(*config, *overrides);
    if (*fresh) c.resume = false;
    RunCommandOptions o;
    o.gate = gate;
    exit_code = RunConfigCommand(c, o, std::cout);
  });
}

}  // namespace

void AddRunCommands(CLI::App& app, int& exit_code) {
  AddRunLike(app, exit_code, "run", false);
  AddRunLike(app, exit_code, "gate", true);
  auto* cmd = app.add_subcommand("bench", "Time every model x option point (sweep) and peers, with precision gates");
  auto config = std::make_shared<std::string>();
  auto overrides = std::make_shared<std::vector<std::string>>();
  auto fresh = std::make_shared<bool>(false);
  cmd->add_option("config", *config, "Bench configuration (YAML, docs/config.md)")->required();
  cmd->add_option("--set", *overrides, "Override a config value: key.path=value (repeatable)");
  cmd->add_flag("--fresh", *fresh, "Start a new results.json instead of resuming");
  cmd->callback([config, overrides, fresh, &exit_code]() {
    RunConfig c = LoadRunConfig(*config, *overrides);
    if (*fresh) c.resume = false;
    exit_code = RunBench(c, std::cout);
  });
}

void AddReportCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("report", "Render a results.json as Markdown, CSV or HTML");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("md");
  auto out = std::make_shared<std::string>();
  cmd->add_option("results", *path, "results.json")->required();
  cmd->add_option("--format", *format, "md, csv or html")->check(CLI::IsMember({"md", "csv", "html"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", *out, "Write here instead of standard output");
  cmd->callback([path, format, out, &exit_code]() {
    const report::Results results = report::LoadResults(*path);
    const std::string text = *format == "md"    ? report::RenderMarkdown(results)
                             : *format == "csv" ? report::RenderCsv(results)
                                                : report::RenderHtml(results);
    if (out->empty()) {
      std::cout << text;
    } else {
      std::ofstream file(*out);
      if (!file || !(file << text)) throw InputError("cannot write '" + *out + "'");
    }
    exit_code = kExitOk;
  });
}

}  // namespace parity::cli
