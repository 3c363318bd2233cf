// Text formatting shared by the renderers. Every function is deterministic (no locale, no clock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parity::report {

// Non-finite values as text: "NaN", "inf", "-inf". Returns nullopt for finite values.
std::optional<std::string> NonFinite(double v);
// `digits` significant digits; scientific notation below 1e-3 or from 1e6 on (tiny errors read as 1.19e-07).
std::string FormatSig(double v, int digits = 3);
std::string FormatFixed(double v, int decimals);
std::string FormatCosine(double v);          // up to 8 significant digits, so 0.99999994 is not shown as 1
std::string FormatPercent(double fraction);  // 0.7612 -> "76.12%"
std::string FormatDeltaPp(double fraction);  // -0.001 -> "-0.10 pp" (percentage points), sign always shown
std::string FormatBytes(double bytes);       // "512 B", "1.5 MiB"
std::string FormatShape(const std::vector<int64_t>& shape);  // "1x3x224x224", "scalar" for rank 0
std::string FormatExact(double v);                           // shortest round-trip form for CSV; "nan", "inf", "-inf"

std::string EscapeHtml(const std::string& text);      // & < > " ' -> entities; also valid inside SVG/XML
std::string EscapeMarkdown(const std::string& text);  // backslash-escapes markdown syntax, | for tables; \n -> space
std::string EscapeCsv(const std::string& text);       // RFC 4180: quoted when it holds , " CR or LF

}  // namespace parity::report
