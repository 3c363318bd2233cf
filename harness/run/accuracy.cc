#include "harness/run/accuracy.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "harness/core/errors.h"

namespace parity {

std::vector<int64_t> TopClasses(const Value& output, int k) {
  if (output.kind != Value::Kind::kTensor) throw InputError("the classification output is not a tensor");
  const std::vector<double> scores = output.tensor.ToDoubles();
  std::vector<int64_t> idx(scores.size());
  std::iota(idx.begin(), idx.end(), 0);
  const size_t n = std::min<size_t>(k, idx.size());
  std::partial_sort(idx.begin(), idx.begin() + n, idx.end(), [&](int64_t a, int64_t b) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  });
  idx.resize(n);
  return idx;
}

Predictions Predict(Backend& backend, const Dataset& dataset, const std::string& output,
                    const std::function<void(size_t, size_t)>& progress) {
  const std::string name = output.empty() ? backend.outputs().at(0).name : output;
  Predictions p;
  const size_t n = dataset.size();
  p.top.resize(n);
  p.labels.resize(n, -1);
  p.ids.resize(n);
  p.errors.resize(n);
  for (size_t i = 0; i < n; ++i) {
    try {
      Sample s = dataset.Get(i);
      p.labels[i] = s.label;
      p.ids[i] = s.id;
      auto out = backend.Run(s.inputs);
      auto it = out.find(name);
      if (it == out.end()) throw InputError("output '" + name + "' not produced");
      p.top[i] = TopClasses(it->second, 5);
    } catch (const InputError& e) {
      p.errors[i] = e.what();
    }
    if (progress) progress(i + 1, n);
  }
  return p;
}

report::Accuracy ScoreAccuracy(const std::string& dataset_name, const Predictions& truth, const Predictions& tested,
                               size_t max_flips) {
  report::Accuracy a;
  a.dataset = dataset_name;
  int64_t evaluated = 0, t1 = 0, t5 = 0, r1 = 0, r5 = 0;
  for (size_t i = 0; i < tested.top.size(); ++i) {
    if (!tested.errors[i].empty() || !truth.errors[i].empty() || tested.top[i].empty() || truth.top[i].empty()) {
      continue;
    }
    ++evaluated;
    const int64_t label = tested.labels[i];
    auto in = [](const std::vector<int64_t>& top, int64_t c) { return std::find(top.begin(), top.end(), c) != top.end(); };
    t1 += tested.top[i][0] == label;
    t5 += in(tested.top[i], label);
    r1 += truth.top[i][0] == label;
    r5 += in(truth.top[i], label);
    if (tested.top[i][0] != truth.top[i][0]) {
      ++a.flip_count;
      if (a.flips.size() < max_flips) {
        a.flips.push_back({static_cast<int64_t>(i), tested.ids[i], label, truth.top[i][0], tested.top[i][0]});
      }
    }
  }
  a.samples = evaluated;
  const double n = evaluated ? static_cast<double>(evaluated) : 1.0;
  a.top1 = t1 / n;
  a.top5 = t5 / n;
  a.reference_top1 = r1 / n;
  a.reference_top5 = r5 / n;
  a.delta_top1 = a.top1 - a.reference_top1;
  a.delta_top5 = a.top5 - a.reference_top5;
  return a;
}

std::function<void(size_t, size_t)> ProgressBar(const std::string& label) {
  const char* env = std::getenv("PARITY_PROGRESS");
  const bool on = env ? std::string(env) == "1" : isatty(STDERR_FILENO);
  if (!on) return nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [label, last](size_t done, size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - *last < std::chrono::milliseconds(200)) return;
    *last = now;
    std::fprintf(stderr, "\r%s %zu/%zu %.1f%%%s", label.c_str(), done, total, total ? 100.0 * done / total : 100.0,
                 done == total ? "\n" : "");
    std::fflush(stderr);
  };
}

}  // namespace parity
