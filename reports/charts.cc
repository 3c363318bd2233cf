#include "reports/charts.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/format.h"

namespace parity::report {
namespace {

constexpr double kWidth = 820;
constexpr double kLabelWidth = 250;  // bar chart: room for the point labels
constexpr double kTextWidth = 200;   // bar chart: room for the value after the bar
constexpr double kRowHeight = 22;
constexpr double kTop = 34;         // title
constexpr double kAxisHeight = 40;  // ticks and axis label
constexpr size_t kMaxLabel = 38;

std::string C(double v) {
  return fmt::format("{:.1f}", v);
}  // an SVG coordinate

// Long labels are cut for layout; the full text stays in a <title> tooltip.
std::string Shorten(const std::string& s) {
  if (s.size() <= kMaxLabel) return s;
  size_t cut = kMaxLabel - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return s.substr(0, cut) + "…";
}

std::string Text(double x, double y, const std::string& cls, const std::string& text, const char* anchor = "start") {
  return fmt::format("<text x=\"{}\" y=\"{}\" class=\"{}\" text-anchor=\"{}\">{}</text>\n", C(x), C(y), cls, anchor,
                     EscapeHtml(text));
}

std::string Open(double height, const std::string& title) {
  return fmt::format(
             "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
             "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n",
             C(kWidth), C(height), EscapeHtml(title)) +
         Text(kWidth / 2, 20, "title", title, "middle");
}

// Vertical grid lines and tick labels of a horizontal value axis from x0 (value 0) to x1 (value `upper`).
std::string XTicks(double x0, double x1, double y_top, double y_axis, double upper, double step) {
  std::string s;
  for (double v = 0; v <= upper + step * 1e-9; v += step) {
    const double x = x0 + (x1 - x0) * v / upper;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"grid\"/>\n", C(x), C(y_top), C(y_axis));
    s += Text(x, y_axis + 14, "tick", FormatSig(v, 3), "middle");
  }
  return s;
}

std::string YTicks(double x0, double x1, double y0, double y1, double upper, double step) {
  std::string s;
  for (double v = 0; v <= upper + step * 1e-9; v += step) {
    const double y = y0 - (y0 - y1) * v / upper;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" class=\"grid\"/>\n", C(x0), C(y), C(x1));
    s += Text(x0 - 6, y + 4, "tick", FormatSig(v, 3), "end");
  }
  return s;
}

std::string BarRow(const Bar& bar, double y, double x0, double scale) {
  std::string s = fmt::format("<g class=\"row\"><title>{}: {}</title>\n", EscapeHtml(bar.label), EscapeHtml(bar.text));
  s += Text(x0 - 8, y + 15, "label", Shorten(bar.label), "end");
  const double len = std::isfinite(bar.value) && bar.value > 0 ? bar.value * scale : 0;
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"bar {}\"/>\n", C(x0), C(y + 4), C(len),
                   C(kRowHeight - 8), EscapeHtml(bar.css_class));
  double text_x = x0 + len;
  if (bar.whisker && std::isfinite(*bar.whisker) && *bar.whisker > bar.value) {
    const double xw = x0 + *bar.whisker * scale;
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" class=\"whisker\"/>\n", C(x0 + len),
                     C(y + kRowHeight / 2), C(xw));
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"whisker\"/>\n", C(xw), C(y + 6),
                     C(y + kRowHeight - 6));
    text_x = xw;
  }
  s += Text(text_x + 6, y + 15, "value", bar.text);
  return s + "</g>\n";
}

}  // namespace

void NiceAxis(double max_value, double* upper, double* step) {
  if (!std::isfinite(max_value) || max_value <= 0) max_value = 1;
  const double raw = max_value / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  const double residual = raw / magnitude;
  const double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  *step = nice * magnitude;
  *upper = std::ceil(max_value / *step - 1e-9) * *step;
}

std::vector<size_t> ParetoFront(const std::vector<Point>& points) {
  std::vector<size_t> order;
  for (size_t i = 0; i < points.size(); ++i) {
    if (std::isfinite(points[i].x) && std::isfinite(points[i].y)) order.push_back(i);
  }
  // Sweep by x ascending (ties: higher y first); a point is on the front when it beats every faster point's y.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return points[a].x != points[b].x ? points[a].x < points[b].x : points[a].y > points[b].y;
  });
  std::vector<size_t> front;
  double best_y = -INFINITY;
  for (size_t i : order) {
    if (points[i].y > best_y) {
      front.push_back(i);
      best_y = points[i].y;
    }
  }
  return front;
}

std::string SvgBarChart(const std::string& title, const std::string& axis_label, const std::vector<Bar>& bars) {
  double max_value = 0;
  for (const auto& b : bars) {
    for (double v : {b.value, b.whisker.value_or(0.0)}) {
      if (std::isfinite(v)) max_value = std::max(max_value, v);
    }
  }
  double upper = 1, step = 1;
  NiceAxis(max_value, &upper, &step);
  const double x0 = kLabelWidth, x1 = kWidth - kTextWidth;
  const double y_axis = kTop + kRowHeight * static_cast<double>(bars.size());
  std::string s = Open(y_axis + kAxisHeight, title);
  s += XTicks(x0, x1, kTop, y_axis, upper, step);
  for (size_t i = 0; i < bars.size(); ++i)
    s += BarRow(bars[i], kTop + kRowHeight * static_cast<double>(i), x0, (x1 - x0) / upper);
  s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"axis\"/>\n", C(x0), C(kTop), C(y_axis));
  s += Text((x0 + x1) / 2, y_axis + 32, "axis-label", axis_label, "middle");
  return s + "</svg>\n";
}

std::string SvgScatter(const std::string& title, const std::string& x_label, const std::string& y_label,
                       const std::vector<Point>& points) {
  constexpr double kHeight = 400, kLeft = 80, kRight = 170, kBottom = 50;
  double max_x = 0, max_y = 0;
  for (const auto& p : points) {
    if (std::isfinite(p.x)) max_x = std::max(max_x, p.x);
    if (std::isfinite(p.y)) max_y = std::max(max_y, p.y);
  }
  double ux = 1, sx = 1, uy = 1, sy = 1;
  NiceAxis(max_x, &ux, &sx);
  NiceAxis(max_y, &uy, &sy);
  const double x0 = kLeft, x1 = kWidth - kRight, y0 = kHeight - kBottom, y1 = kTop;
  auto px = [&](double v) { return x0 + (x1 - x0) * v / ux; };
  auto py = [&](double v) { return y0 - (y0 - y1) * v / uy; };
  std::string s = Open(kHeight, title) + XTicks(x0, x1, y1, y0, ux, sx) + YTicks(x0, x1, y0, y1, uy, sy);
  s += fmt::format("<polyline points=\"{0},{1} {0},{2} {3},{2}\" class=\"axis\"/>\n", C(x0), C(y1), C(y0), C(x1));
  s += Text((x0 + x1) / 2, y0 + 36, "axis-label", x_label, "middle");
  s += fmt::format(
      "<text x=\"16\" y=\"{0}\" class=\"axis-label\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 16 {0})\">{1}</text>\n",
      C((y0 + y1) / 2), EscapeHtml(y_label));
  const std::vector<size_t> front = ParetoFront(points);
  std::string line;
  for (size_t i : front) line += (line.empty() ? "" : " ") + C(px(points[i].x)) + "," + C(py(points[i].y));
  if (front.size() > 1) s += fmt::format("<polyline points=\"{}\" class=\"pareto\"/>\n", line);
  for (size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    s += fmt::format("<g class=\"pt{}\"><title>{}: {} = {}, {} = {}</title>\n", on_front ? " front" : "",
                     EscapeHtml(p.label), EscapeHtml(x_label), FormatSig(p.x, 3), EscapeHtml(y_label),
                     FormatSig(p.y, 4));
    s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"5\"/>\n", C(px(p.x)), C(py(p.y)));
    s += Text(px(p.x) + 8, py(p.y) - 6, "point-label", Shorten(p.label)) + "</g>\n";
  }
  s += Text(kWidth - 12, 20, "legend", "— Pareto front", "end");  // title row: points never go there
  return s + "</svg>\n";
}

}  // namespace parity::report
