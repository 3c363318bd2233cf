#include "harness/cli/commands.h"

#include <filesystem>
#include <iostream>

#include "harness/compare/compare_command.h"
#include "harness/conformance/runner.h"
#include "harness/core/errors.h"
#include "harness/perf/perf_command.h"

namespace parity::cli {

std::map<std::string, std::string> ParseKeyValues(const std::vector<std::string>& items, const std::string& option) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError(option + " '" + item + "' must look like KEY=VALUE");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::map<std::string, int64_t> ParseDims(const std::vector<std::string>& items) {
  std::map<std::string, int64_t> dims;
  for (const auto& [sym, value] : ParseKeyValues(items, "--dim")) {
    try {
      dims[sym] = std::stoll(value);
    } catch (const std::exception&) {
      throw InputError("--dim " + sym + "=" + value + ": the value must be an integer");
    }
  }
  return dims;
}

std::map<std::string, Dims> ParseShapes(const std::vector<std::string>& items) {
  std::map<std::string, Dims> shapes;
  for (const auto& [name, text] : ParseKeyValues(items, "--shape")) {
    Dims dims;
    size_t start = 0;
    try {
      while (start <= text.size()) {
        const size_t x = text.find('x', start);
        dims.push_back(std::stoll(text.substr(start, x == std::string::npos ? std::string::npos : x - start)));
        if (x == std::string::npos) break;
        start = x + 1;
      }
    } catch (const std::exception&) {
      throw InputError("--shape " + name + "=" + text + ": expected dimensions like 1x3x224x224");
    }
    shapes[name] = dims;
  }
  return shapes;
}

std::map<std::string, double> ParseValues(const std::vector<std::string>& items) {
  std::map<std::string, double> values;
  for (const auto& [name, text] : ParseKeyValues(items, "--value")) {
    try {
      values[name] = std::stod(text);
    } catch (const std::exception&) {
      throw InputError("--value " + name + "=" + text + ": expected a number");
    }
  }
  return values;
}

namespace {

std::string DefaultExpectations() {
  const std::string path = std::string(PARITY_SOURCE_DIR) + "/suites/conformance/expectations.yaml";
  return std::filesystem::exists(path) ? path : "";
}

}  // namespace

void AddConformanceCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("conformance", "Run ONNX backend-test case folders and check outputs");
  auto opts = std::make_shared<ConformanceOptions>();
  auto settings = std::make_shared<std::vector<std::string>>();
  opts->expectations_path = DefaultExpectations();
  cmd->add_option("paths", opts->paths, "Case folders, folders of cases, or the light folder")->required();
  cmd->add_option("--backend", opts->backend, "Engine to test")->capture_default_str();
  cmd->add_option("--filter", opts->filter, "Regex searched in case names");
  auto* rtol = cmd->add_option("--rtol", opts->rtol, "Relative tolerance for every case (default 1e-3)");
  auto* atol = cmd->add_option("--atol", opts->atol, "Absolute tolerance for every case (default 1e-7)");
  cmd->add_option("--threads", opts->backend_options.threads, "Engine threads (0 = all)");
  cmd->add_option("--set", *settings, "Engine setting KEY=VALUE (repeatable)");
  cmd->add_option("--expectations", opts->expectations_path, "Expected failures and tolerance overrides (YAML)")
      ->capture_default_str();
  cmd->add_option("--json", opts->json_path, "Write per-case results to this JSON file");
  cmd->add_flag("-v,--verbose", opts->verbose, "Print every case");
  cmd->add_flag("--unsupported-ok", opts->unsupported_ok,
                "Count cases the engine refuses at load time as unsupported (skipped); wrong answers still fail");
  cmd->callback([opts, settings, rtol, atol, &exit_code]() {
    opts->tolerance_given = rtol->count() > 0 || atol->count() > 0;
    opts->backend_options.settings = ParseKeyValues(*settings, "--set");
    const ConformanceSummary summary = RunConformance(*opts, std::cout);
    exit_code = summary.failed > 0 ? kExitFailed : kExitOk;
  });
}

void AddPerfCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("perf", "Latency of one model on one backend (median, p90, p99, ...)");
  auto opts = std::make_shared<PerfOptions>();
  auto settings = std::make_shared<std::vector<std::string>>();
  auto dims = std::make_shared<std::vector<std::string>>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  cmd->add_option("model", opts->model_path, "ONNX model")->required();
  cmd->add_option("--backend", opts->backend, "Engine to time")->capture_default_str();
  cmd->add_option("--threads", opts->backend_options.threads, "Engine threads (0 = all)");
  cmd->add_option("--warmup", opts->warmup, "Untimed runs first")->capture_default_str();
  cmd->add_option("--iters", opts->iters, "Timed runs")->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Seed of generated inputs")->capture_default_str();
  cmd->add_option("--dim", *dims, "Symbolic dimension SYM=V (default 1)");
  cmd->add_option("--input", *inputs, "Input NAME=FILE (.npy or .pb) instead of generated data");
  auto shapes = std::make_shared<std::vector<std::string>>();
  auto values = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--shape", *shapes, "Shape of a generated input NAME=1x3x224x224 (repeatable)");
  cmd->add_option("--value", *values, "Fill a generated input with a constant NAME=V (repeatable)");
  cmd->add_option("--set", *settings, "Engine setting KEY=VALUE (repeatable)");
  cmd->add_flag("--json", opts->json, "Print one JSON line");
  cmd->callback([opts, settings, dims, inputs, shapes, values, &exit_code]() {
    opts->backend_options.settings = ParseKeyValues(*settings, "--set");
    opts->input_files = ParseKeyValues(*inputs, "--input");
    opts->shapes = ParseShapes(*shapes);
    opts->values = ParseValues(*values);
    opts->dims = ParseDims(*dims);
    if (opts->iters < 1) throw InputError("--iters must be at least 1");
    exit_code = RunPerf(*opts, std::cout);
  });
}

void AddCompareCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("compare", "Compare a model's outputs across engines, the first being the truth");
  auto opts = std::make_shared<CompareOptions>();
  auto settings = std::make_shared<std::vector<std::string>>();
  auto dims = std::make_shared<std::vector<std::string>>();
  cmd->add_option("model", opts->model_path, "ONNX model")->required();
  cmd->add_option("--backends", opts->backends, "Engines, comma-separated; the first is the truth")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--inputs", opts->inputs_dir, "Folder with <input>.npy/.pb or input_<i>.pb (else generated)");
  cmd->add_option("--seed", opts->seed, "Seed of generated inputs")->capture_default_str();
  cmd->add_option("--dim", *dims, "Symbolic dimension SYM=V (default 1)");
  auto shapes = std::make_shared<std::vector<std::string>>();
  auto values = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--shape", *shapes, "Shape of a generated input NAME=1x3x224x224 (repeatable)");
  cmd->add_option("--value", *values, "Fill a generated input with a constant NAME=V (repeatable)");
  cmd->add_option("--threads", opts->threads, "Engine threads (0 = default)");
  cmd->add_option("--set", *settings, "Setting KEY=VALUE for the tested engines (repeatable)");
  cmd->add_flag("--layerwise", opts->layerwise, "Compare every intermediate value and find the first divergence");
  cmd->add_option("--metric", opts->metric, "Layer-wise metric")->capture_default_str();
  cmd->add_option("--threshold", opts->threshold, "Layer-wise divergence threshold")->capture_default_str();
  cmd->add_option("--save", opts->save_dir, "Write the tested engines' outputs as .npy into this folder");
  cmd->callback([opts, settings, dims, shapes, values, &exit_code]() {
    opts->settings = ParseKeyValues(*settings, "--set");
    opts->dims = ParseDims(*dims);
    opts->shapes = ParseShapes(*shapes);
    opts->values = ParseValues(*values);
    exit_code = RunCompare(*opts, std::cout);
  });
}

}  // namespace parity::cli
