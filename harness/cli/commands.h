// Registration of the CLI's subcommands. Each Add*Command wires a CLI11 subcommand whose callback runs the command
// and stores the process exit code in `exit_code`; errors propagate as exceptions (InputError -> 2).
#pragma once

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace parity::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

void AddConformanceCommand(CLI::App& app, int& exit_code);
void AddPerfCommand(CLI::App& app, int& exit_code);
void AddCompareCommand(CLI::App& app, int& exit_code);
void AddRunCommands(CLI::App& app, int& exit_code);  // run, gate
void AddReportCommand(CLI::App& app, int& exit_code);
void AddInferCommand(CLI::App& app, int& exit_code);
void AddInspectCommand(CLI::App& app, int& exit_code);
void AddDiffCommand(CLI::App& app, int& exit_code);  // diff BASE.json NEW.json

// "KEY=VALUE" items into a map; throws InputError naming `option` for an item without '='.
std::map<std::string, std::string> ParseKeyValues(const std::vector<std::string>& items, const std::string& option);

}  // namespace parity::cli
