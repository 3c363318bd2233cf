#include "reports/format.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace parity::report {

std::optional<std::string> NonFinite(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return std::nullopt;
}

std::string FormatSig(double v, int digits) {
  if (auto s = NonFinite(v)) return *s;
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a < 1e-3 || a >= 1e6) return fmt::format("{:.{}e}", v, digits - 1);
  // Fixed notation with `digits` significant digits, trailing zeros kept off ("12.3", "0.00123", "1235").
  const int magnitude = static_cast<int>(std::floor(std::log10(a)));
  const int decimals = std::max(0, digits - 1 - magnitude);
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string FormatFixed(double v, int decimals) {
  if (auto s = NonFinite(v)) return *s;
  return fmt::format("{:.{}f}", v, decimals);
}

std::string FormatCosine(double v) {
  if (auto s = NonFinite(v)) return *s;
  return fmt::format("{:.8g}", v);
}

std::string FormatPercent(double fraction) {
  if (auto s = NonFinite(fraction)) return *s;
  return fmt::format("{:.2f}%", fraction * 100);
}

std::string FormatDeltaPp(double fraction) {
  if (auto s = NonFinite(fraction)) return *s;
  const double pp = fraction * 100;
  return fmt::format("{:+.2f} pp", pp == 0 ? 0.0 : pp);  // no "-0.00"
}

std::string FormatBytes(double bytes) {
  if (auto s = NonFinite(bytes)) return *s;
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  while (std::fabs(bytes) >= 1024 && unit < 4) {
    bytes /= 1024;
    ++unit;
  }
  return unit == 0 ? fmt::format("{:.0f} B", bytes) : fmt::format("{} {}", FormatSig(bytes, 3), kUnits[unit]);
}

std::string FormatShape(const std::vector<int64_t>& shape) {
  if (shape.empty()) return "scalar";
  return fmt::format("{}", fmt::join(shape, "x"));
}

std::string FormatExact(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{}", v);
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeMarkdown(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (c == '<') {
      out += "&lt;";  // raw HTML is live in Markdown; a backslash does not stop every renderer
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (std::string_view("\\`*_[]|#>").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string EscapeCsv(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace parity::report
