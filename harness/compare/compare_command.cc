#include "harness/compare/compare_command.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <set>

#include "harness/compare/layerwise.h"
#include "harness/compare/metrics.h"
#include "harness/core/errors.h"
#include "harness/inputs/feeds.h"
#include "harness/io/npy.h"
#include "harness/io/onnx_model.h"

namespace parity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::unique_ptr<Backend> MakeBackend(const std::string& kind, const CompareOptions& o, bool truth, bool keep,
                                     const std::map<std::string, Value>* feeds = nullptr) {
  BackendOptions bo;
  if (feeds != nullptr) {
    for (const auto& [name, value] : *feeds) {
      if (value.kind == Value::Kind::kTensor) bo.input_shapes[name] = value.tensor.dims;
    }
  }
  bo.threads = o.threads;
  bo.keep_intermediates = keep;
  if (!truth) bo.settings = o.settings;
  return CreateBackend(kind, bo);
}

void PrintOutputTable(const std::string& backend, const std::map<std::string, Value>& got,
                      const std::map<std::string, Value>& truth, const std::vector<IoInfo>& outputs,
                      std::ostream& out) {
  out << "\n" << backend << " vs truth\n";
  out << std::left << std::setw(24) << "output" << std::setw(16) << "shape" << std::right << std::setw(12) << "cosine"
      << std::setw(13) << "max_abs" << std::setw(13) << "max_rel" << std::setw(11) << "snr_db" << std::setw(13)
      << "max_ulp" << std::setw(8) << "top1" << "  nan/inf\n";
  for (const auto& info : outputs) {
    auto g = got.find(info.name);
    auto t = truth.find(info.name);
    out << std::left << std::setw(24) << info.name;
    if (g == got.end() || t == truth.end() || g->second.kind != Value::Kind::kTensor ||
        t->second.kind != Value::Kind::kTensor) {
      out << "(not a tensor on both sides)\n";
      continue;
    }
    const OutputMetrics m = CompareOutputs(g->second.tensor, t->second.tensor, MetricOptions{});
    out << std::setw(16) << DimsToString(t->second.tensor.dims) << std::right;
    if (!m.comparable) {
      out << "  " << m.note << "\n";
      continue;
    }
    auto col = [&](const char* name, int width) {
      auto it = m.values.find(name);
      std::ostringstream cell;
      if (it != m.values.end()) {
        cell << std::setprecision(6) << it->second;
      } else {
        cell << "-";
      }
      out << std::setw(width) << cell.str();
    };
    col("cosine", 12);
    col("max_abs", 13);
    col("max_rel", 13);
    col("snr_db", 11);
    col("max_ulp", 13);
    col("top1_agreement", 8);
    out << "  " << m.got_nan << "/" << m.got_inf << (m.nonfinite_mismatches ? " MISMATCH" : "") << "\n";
  }
}

double Get(const std::map<std::string, double>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? kNaN : it->second;
}

void PrintLayerwise(const report::Layerwise& lw, const std::string& backend, std::ostream& out) {
  out << "\nlayer-wise " << backend << " vs truth (" << lw.metric << ", threshold " << lw.threshold << ")\n";
  out << std::left << std::setw(5) << "#" << std::setw(32) << "value" << std::setw(18) << "op" << std::setw(28)
      << "fused into" << std::right << std::setw(14) << "cumulative" << std::setw(14) << "isolated" << "\n";
  for (const auto& row : lw.rows) {
    const double cumulative = Get(row.cumulative, lw.metric);
    const double isolated = Get(row.isolated, lw.metric);
    out << std::left << std::setw(5) << row.index << std::setw(32) << row.output.substr(0, 31) << std::setw(18)
        << row.op << std::setw(28) << row.fused_into.substr(0, 27) << std::right << std::setprecision(8)
        << std::setw(14) << cumulative << std::setw(14) << isolated
        << (CrossesThreshold(lw.metric, cumulative, lw.threshold) ? "  <- diverged" : "") << "\n";
  }
  if (!lw.first_divergent) {
    out << "no value crosses the threshold\n";
    return;
  }
  const auto& d = *lw.first_divergent;
  double isolated = kNaN;
  for (const auto& row : lw.rows) {
    if (row.output == d.output) isolated = Get(row.isolated, lw.metric);
  }
  out << "first divergent node: '" << d.node << "' (" << d.op << "), output '" << d.output << "': " << lw.metric << " "
      << d.value
      << (std::isnan(isolated) ? ""
          : CrossesThreshold(lw.metric, isolated, lw.threshold) ? " - the node alone diverges too: a local error"
                                                                 : " - the node alone agrees: accumulated error")
      << "\n";
}

}  // namespace

int RunCompare(const CompareOptions& options, std::ostream& out) {
  if (options.backends.size() < 2) throw InputError("--backends needs at least two engines (the first is the truth)");
  const onnx::ModelProto model = LoadModel(options.model_path);
  auto truth = MakeBackend(options.backends[0], options, true, options.layerwise);
  truth->Load(model);
  FeedOptions fo;
  fo.dir = options.inputs_dir;
  fo.seed = options.seed;
  fo.dims = options.dims;
  fo.shapes = options.shapes;
  fo.values = options.values;
  const auto feeds = MakeFeeds(truth->inputs(), fo);
  const auto truth_out = truth->Run(feeds);
  out << "model " << options.model_path << "\ntruth " << truth->name() << "\n";
  for (size_t b = 1; b < options.backends.size(); ++b) {
    auto tested = MakeBackend(options.backends[b], options, false, options.layerwise, &feeds);
    tested->Load(model);
    const auto got = tested->Run(feeds);
    PrintOutputTable(tested->name(), got, truth_out, truth->outputs(), out);
    if (!options.save_dir.empty()) {
      std::filesystem::create_directories(options.save_dir);
      for (const auto& [name, value] : got) {
        if (value.kind == Value::Kind::kTensor) {
          WriteNpy(value.tensor, options.save_dir + "/" + options.backends[b] + "_" + name + ".npy");
        }
      }
    }
    if (options.layerwise) {
      LayerwiseOptions lo;
      lo.tested_kind = options.backends[b];
      lo.tested_options.threads = options.threads;
      lo.tested_options.settings = options.settings;
      lo.metric = options.metric;
      lo.threshold = options.threshold;
      PrintLayerwise(ComputeLayerwise(model, *truth, *tested, feeds, lo), tested->name(), out);
    }
  }
  return 0;
}

}  // namespace parity
