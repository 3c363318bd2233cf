// One self-contained HTML page: inline CSS, inline SVG, no scripts, no external assets.
#include <cmath>

#include <fmt/format.h>

#include "reports/charts.h"
#include "reports/format.h"
#include "reports/render.h"
#include "reports/tables.h"

namespace parity::report {
namespace {

constexpr const char kCss[] = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de}
h3{font-size:15px;margin:16px 0 6px}.meta{color:#59636e;margin:0 0 4px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top}th{background:#f0f3f6;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.runs tr.pass td:last-child{color:#1a7f37;font-weight:600}.runs tr.fail td:last-child{color:#cf222e;font-weight:600}
.runs tr.error td:last-child,.runs tr.invalid td:last-child{color:#9a6700;font-weight:600}
tr.fail,tr.error{background:#fff5f5}tr.invalid{background:#fffbe6}
.scroll{overflow-x:auto}.charts{display:flex;flex-wrap:wrap;gap:12px}
details{margin:6px 0}summary{cursor:pointer;color:#0969da}
svg.chart{background:#fff;border:1px solid #d0d7de;font-size:12px}
svg .title{font-size:14px;font-weight:600;fill:#1f2328}svg .label,svg .value,svg .tick{fill:#1f2328}
svg .tick{font-size:11px;fill:#59636e}svg .axis-label,svg .legend{fill:#59636e}
svg .grid{stroke:#eaeef2}svg .axis{stroke:#59636e;fill:none}
svg .bar{fill:#0969da}svg .bar.fail{fill:#cf222e}svg .bar.exact{fill:#1a7f37}
svg .whisker{stroke:#1f2328;stroke-width:1.5}svg .pareto{fill:none;stroke:#1a7f37;stroke-width:2}
svg .legend{fill:#1a7f37}svg .pt circle{fill:#8c959f}svg .pt.front circle{fill:#1a7f37}
svg .point-label{font-size:11px;fill:#1f2328}
)";

// `css_class` "runs" marks a table whose last column is a verdict, coloured by the row's class.
std::string HtmlTable(const Table& t, const std::string& css_class = "") {
  std::string s =
      "<div class=\"scroll\"><table" + (css_class.empty() ? "" : " class=\"" + css_class + "\"") + ">\n<thead><tr>";
  for (const auto& h : t.header) s += "<th>" + EscapeHtml(h) + "</th>";
  s += "</tr></thead>\n<tbody>\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& cls = r < t.row_class.size() ? t.row_class[r] : "";
    s += cls.empty() ? "<tr>" : "<tr class=\"" + EscapeHtml(cls) + "\">";
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      s += (c < t.numeric.size() && t.numeric[c] ? "<td class=\"num\">" : "<td>") + EscapeHtml(t.rows[r][c]) + "</td>";
    }
    s += "</tr>\n";
  }
  return s + "</tbody>\n</table></div>\n";
}

std::string Section(const std::string& id, const std::string& title, const Table& t) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id, EscapeHtml(title),
                     t.rows.empty() ? std::string("<p>None.</p>\n") : HtmlTable(t));
}

// The runs whose timings are charted. The double-precision reference is typically 10-100x slower than any
// deployable point and would squash their bars to nothing, so it is left out (and named in `note`) when others exist.
std::vector<const Run*> TimedRuns(const ModelGroup& g, std::string* note) {
  std::vector<const Run*> all, deployable;
  for (const Run* r : g.runs) {
    if (!r->perf) continue;
    all.push_back(r);
    if (r->backend.kind != "reference") deployable.push_back(r);
  }
  if (deployable.empty() || deployable.size() == all.size()) return all;
  for (const Run* r : all) {
    if (r->backend.kind == "reference") {
      *note += fmt::format("; {} ({} ms) not drawn", PointLabel(*r), FormatSig(r->perf->compute.median_ms, 3));
    }
  }
  return deployable;
}

std::string LatencyChart(const ModelGroup& g) {
  std::string note;
  std::vector<Bar> bars;
  for (const Run* r : TimedRuns(g, &note)) {
    const LatencyStats& c = r->perf->compute;
    bars.push_back({PointLabel(*r), c.median_ms, c.p99_ms,
                    fmt::format("{} ms (p99 {})", FormatSig(c.median_ms, 3), FormatSig(c.p99_ms, 3)), ""});
  }
  return bars.empty() ? "" : SvgBarChart("Latency: p50 bar, p99 whisker" + note, "milliseconds", bars);
}

// Worst max-abs error over the run's outputs; NaN when any is NaN, nullopt when no output has the metric.
std::optional<double> WorstMaxAbs(const Run& run) {
  std::optional<double> worst;
  for (const auto& o : run.outputs) {
    auto it = o.metrics.find(metric::kMaxAbs);
    if (it == o.metrics.end()) continue;
    const double v = it->second;
    worst = !worst ? v : std::isnan(*worst) || std::isnan(v) ? NAN : std::max(*worst, v);
  }
  return worst;
}

// Precision as decimal digits of agreement: -log10 of the worst max-abs error over the outputs (longer is better).
std::string PrecisionChart(const ModelGroup& g) {
  std::vector<Bar> bars;
  for (const Run* r : g.runs) {
    const std::optional<double> max_abs = WorstMaxAbs(*r);
    if (!max_abs || r->backend.kind == "reference") continue;
    const double worst = *max_abs;
    Bar bar{PointLabel(*r), 0, std::nullopt, "", r->verdict == Verdict::kFail ? "fail" : ""};
    if (std::isnan(worst) || std::isinf(worst)) {
      bar.text = "max abs " + FormatSig(worst, 3);
    } else if (worst == 0) {
      bar = {PointLabel(*r), 16, std::nullopt, "exact (max abs 0)", "exact"};
    } else {
      bar.value = -std::log10(worst);
      bar.text = fmt::format("{} digits (max abs {})", FormatFixed(bar.value, 1), FormatSig(worst, 3));
    }
    bars.push_back(bar);
  }
  if (bars.empty()) return "";
  return SvgBarChart("Precision: −log10(max abs error), longer is better", "decimal digits", bars);
}

std::string ParetoChart(const ModelGroup& g) {
  std::string note;
  std::vector<Point> points;
  for (const Run* r : TimedRuns(g, &note)) {
    points.push_back({PointLabel(*r), r->perf->compute.median_ms, r->perf->throughput_ips});
  }
  if (points.empty()) return "";
  return SvgScatter("Latency vs throughput" + note, "p50 latency (ms)", "throughput (inf/s)", points);
}

std::string LayerRowsDetails(const Run& run) {
  const Layerwise& l = *run.layerwise;
  Table t;
  t.header = {"#", "node", "op", "output", "fused into", "cumulative " + l.metric, "isolated " + l.metric};
  t.numeric = {true, false, false, false, false, true, true};
  for (const auto& row : l.rows) {
    auto value = [&](const std::map<std::string, double>& m) {
      auto it = m.find(l.metric);
      return it == m.end() ? std::string(kMissing) : FormatSig(it->second, 6);
    };
    t.rows.push_back({std::to_string(row.index), row.node, row.op, row.output,
                      row.fused_into.empty() ? kMissing : row.fused_into, value(row.cumulative), value(row.isolated)});
    const bool first = l.first_divergent && l.first_divergent->node == row.node;
    t.row_class.emplace_back(first ? "fail" : "");
  }
  return fmt::format("<details><summary>Layer-wise rows: {} ({} nodes)</summary>\n{}</details>\n",
                     EscapeHtml(PointLabel(run)), l.rows.size(), HtmlTable(t));
}

std::string FlipsDetails(const Run& run) {
  const Accuracy& a = *run.accuracy;
  Table t;
  t.header = {"sample", "id", "label", "reference top-1", "backend top-1"};
  t.numeric = {true, false, true, true, true};
  for (const auto& f : a.flips) {
    t.rows.push_back({std::to_string(f.sample), f.id, f.label < 0 ? kMissing : std::to_string(f.label),
                      std::to_string(f.reference_top1), std::to_string(f.backend_top1)});
    t.row_class.emplace_back();
  }
  return fmt::format("<details><summary>Top-1 flips: {} ({} of {} listed, dataset {})</summary>\n{}</details>\n",
                     EscapeHtml(PointLabel(run)), a.flips.size(), a.flip_count, EscapeHtml(a.dataset), HtmlTable(t));
}

std::string ModelSection(const ModelGroup& g) {
  std::string inputs;
  for (const auto& in : g.model->inputs) {
    inputs += fmt::format("{}{} {} {}", inputs.empty() ? "" : ", ", in.name, in.dtype, FormatShape(in.shape));
  }
  std::string s = "<section class=\"model\">\n<h2>Model: " + EscapeHtml(g.name) + "</h2>\n";
  s += fmt::format("<p class=\"meta\">{} · opset {} · inputs: {}</p>\n", EscapeHtml(g.model->path), g.model->opset,
                   EscapeHtml(inputs.empty() ? kMissing : inputs));
  s += HtmlTable(ModelTable(g), "runs");
  const std::string charts = LatencyChart(g) + PrecisionChart(g) + ParetoChart(g);
  if (!charts.empty()) s += "<div class=\"charts\">\n" + charts + "</div>\n";
  for (const Run* r : g.runs) {
    if (r->layerwise && !r->layerwise->rows.empty()) s += LayerRowsDetails(*r);
    if (r->accuracy && !r->accuracy->flips.empty()) s += FlipsDetails(*r);
  }
  return s + "</section>\n";
}

}  // namespace

std::string RenderHtml(const Results& results) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<title>parity results: " + EscapeHtml(results.config.name) + "</title>\n";
  s += std::string("<style>") + kCss + "</style>\n</head>\n<body>\n<main>\n<h1>parity results</h1>\n";
  s += fmt::format("<p class=\"meta\">created {} · parity {} · config {} ({})</p>\n<p class=\"meta\">{}</p>\n",
                   EscapeHtml(results.created), EscapeHtml(results.tool_version), EscapeHtml(results.config.name),
                   EscapeHtml(results.config.path), EscapeHtml(SummaryLine(results)));
  s += Section("environment", "Environment", EnvironmentTable(results.environment));
  for (const auto& g : GroupByModel(results)) s += ModelSection(g);
  s += Section("breaches", "Gate breaches", BreachTable(results));
  const Table layerwise = LayerwiseTable(results);
  if (!layerwise.rows.empty()) s += Section("layerwise", "Layer-wise divergence", layerwise);
  s += Section("errors", "Errors", ErrorTable(results));
  const Table warnings = WarningTable(results);
  if (!warnings.rows.empty()) s += Section("warnings", "Warnings", warnings);
  return s + "</main>\n</body>\n</html>\n";
}

}  // namespace parity::report
