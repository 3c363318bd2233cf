#include <fmt/format.h>

#include "reports/format.h"
#include "reports/render.h"
#include "reports/tables.h"

namespace parity::report {
namespace {

std::string MdTable(const Table& t) {
  std::string s = "|";
  for (const auto& h : t.header) s += " " + EscapeMarkdown(h) + " |";
  s += "\n|";
  for (bool numeric : t.numeric) s += numeric ? " ---: |" : " --- |";
  s += "\n";
  for (const auto& row : t.rows) {
    s += "|";
    for (const auto& cell : row) s += " " + EscapeMarkdown(cell) + " |";
    s += "\n";
  }
  return s;
}

// A section that is always present, saying "None." when empty, so a reader knows it was checked.
std::string Section(const std::string& title, const Table& t) {
  return "## " + title + "\n\n" + (t.rows.empty() ? std::string("None.\n") : MdTable(t)) + "\n";
}

std::string ModelSection(const ModelGroup& g) {
  std::string s = "## Model: " + EscapeMarkdown(g.name) + "\n\n";
  std::string inputs;
  for (const auto& in : g.model->inputs) {
    inputs += fmt::format("{}{} {} {}", inputs.empty() ? "" : ", ", EscapeMarkdown(in.name), EscapeMarkdown(in.dtype),
                          FormatShape(in.shape));
  }
  s += fmt::format("{} · opset {} · inputs: {}\n\n", EscapeMarkdown(g.model->path), g.model->opset,
                   inputs.empty() ? kMissing : inputs);
  return s + MdTable(ModelTable(g)) + "\n";
}

}  // namespace

std::string RenderMarkdown(const Results& results) {
  std::string s = "# parity results\n\n";
  s += fmt::format("- created: {}\n- tool version: {}\n- config: {} ({})\n- {}\n\n", EscapeMarkdown(results.created),
                   EscapeMarkdown(results.tool_version), EscapeMarkdown(results.config.name),
                   EscapeMarkdown(results.config.path), EscapeMarkdown(SummaryLine(results)));
  s += "## Environment\n\n" + MdTable(EnvironmentTable(results.environment)) + "\n";
  for (const auto& g : GroupByModel(results)) s += ModelSection(g);
  s += Section("Gate breaches", BreachTable(results));
  const Table layerwise = LayerwiseTable(results);
  if (!layerwise.rows.empty()) s += Section("Layer-wise divergence", layerwise);
  s += Section("Errors", ErrorTable(results));
  const Table warnings = WarningTable(results);
  if (!warnings.rows.empty()) s += Section("Warnings", warnings);
  return s;
}

}  // namespace parity::report
