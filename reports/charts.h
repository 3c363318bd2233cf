// Inline-SVG charts for the HTML report. Output is deterministic (coordinates with one decimal) and
// self-contained: no scripts, no external fonts or styles beyond the classes the page's CSS defines.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace parity::report {

struct Bar {
  std::string label;
  double value = 0;               // bar length in axis units; negative or non-finite values draw no bar
  std::optional<double> whisker;  // e.g. p99 beside a p50 bar: a line from value to whisker
  std::string text;               // printed after the bar
  std::string css_class;          // extra class of the bar, e.g. "fail"
};

struct Point {
  std::string label;
  double x = 0, y = 0;
};

// Indices of the points on the Pareto front for "lower x is better, higher y is better", sorted by x. A point is on
// the front when no other point has x <= and y >= with one of them strict. Non-finite points are never on it.
std::vector<size_t> ParetoFront(const std::vector<Point>& points);

// A horizontal bar chart, one row per bar, axis from 0 to a round number above the largest value.
std::string SvgBarChart(const std::string& title, const std::string& axis_label, const std::vector<Bar>& bars);
// A scatter plot with the Pareto front drawn as a line through its points.
std::string SvgScatter(const std::string& title, const std::string& x_label, const std::string& y_label,
                       const std::vector<Point>& points);

// Round upper bound and tick step for an axis from 0 to at least `max_value` (1-2-5 steps, about 5 ticks).
void NiceAxis(double max_value, double* upper, double* step);

}  // namespace parity::report
