// Renderers of a Results: Markdown, CSV and one self-contained HTML page (inline CSS and SVG, no scripts).
//
// Contract
// - Pure functions of their argument: the same Results always gives byte-identical text (no clock, no locale, no
//   environment), so outputs can be golden-tested and diffed between sessions.
// - All text from the Results (model names, option values, error messages) is escaped for the target format.
// - Markdown and HTML show the same tables (reports/tables.h); CSV has one row per run x output, columns in
//   docs/reports.md. Non-finite numbers appear as text: "NaN", "inf", "-inf" (CSV: "nan", "inf", "-inf").
#pragma once

#include <string>

#include "reports/results.h"

namespace parity::report {

std::string RenderMarkdown(const Results& results);
std::string RenderCsv(const Results& results);
std::string RenderHtml(const Results& results);

}  // namespace parity::report
