// The `parity` command line. Exit codes (docs/cli.md): 0 ok, 1 a test/gate failed, 2 usage or input error,
// 3 internal error.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <iostream>

#include "harness/cli/commands.h"
#include "harness/core/errors.h"
#include "reports/results.h"

int main(int argc, char** argv) {
  // Engines allocate and free many large tensors per inference; keeping freed memory in the heap instead of
  // returning it to the OS (glibc's default above 128 KiB) avoids a page fault per page on every run.
  mallopt(M_MMAP_THRESHOLD, 512 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  CLI::App app{"parity: how far from the truth, and how fast? Accuracy and performance comparison for ONNX."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("parity 0.1.0"));
  int exit_code = 0;
  parity::cli::AddConformanceCommand(app, exit_code);
  parity::cli::AddPerfCommand(app, exit_code);
  parity::cli::AddCompareCommand(app, exit_code);
  parity::cli::AddRunCommands(app, exit_code);
  parity::cli::AddReportCommand(app, exit_code);
  parity::cli::AddInferCommand(app, exit_code);
  parity::cli::AddInspectCommand(app, exit_code);
  parity::cli::AddDiffCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : parity::cli::kExitUsage;
  } catch (const parity::InputError& e) {
    std::cerr << "parity: " << e.what() << "\n";
    return parity::cli::kExitUsage;
  } catch (const parity::report::ResultsError& e) {
    std::cerr << "parity: " << e.what() << "\n";
    return parity::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "parity: internal error: " << e.what() << "\n";
    return parity::cli::kExitInternal;
  }
  return exit_code;
}
