#include "core/rnn_common.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace parity::ref {

namespace {

struct ActivationSpec {
  const char* name;
  bool takes_alpha, takes_beta;
  double alpha, beta;  // defaults (those of the ONNX op of the same name)
};

const ActivationSpec kActivationSpecs[] = {
    {"relu", false, false, 0, 0},         {"tanh", false, false, 0, 0},
    {"sigmoid", false, false, 0, 0},      {"affine", true, true, 1.0, 0.0},
    {"leakyrelu", true, false, 0.01, 0},  {"thresholdedrelu", true, false, 1.0, 0},
    {"scaledtanh", true, true, 1.0, 1.0}, {"hardsigmoid", true, true, 0.2, 0.5},
    {"elu", true, false, 1.0, 0},         {"softsign", false, false, 0, 0},
    {"softplus", false, false, 0, 0},
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

double RnnActivation::operator()(double x) const {
  if (name == "sigmoid") return 1.0 / (1.0 + std::exp(-x));
  if (name == "tanh") return std::tanh(x);
  if (name == "relu") return x > 0 ? x : 0;
  if (name == "affine") return alpha * x + beta;
  if (name == "leakyrelu") return x >= 0 ? x : alpha * x;
  if (name == "thresholdedrelu") return x > alpha ? x : 0;
  if (name == "scaledtanh") return alpha * std::tanh(beta * x);
  if (name == "hardsigmoid") return std::max(0.0, std::min(1.0, alpha * x + beta));
  if (name == "elu") return x >= 0 ? x : alpha * (std::exp(x) - 1);
  if (name == "softsign") return x / (1 + std::fabs(x));
  if (name == "softplus") return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
  return x;  // unreachable: names are checked when parsed
}

std::vector<RnnActivation> ParseRnnActivations(const OpContext& ctx, const std::vector<std::string>& defaults,
                                               int64_t num_directions) {
  const size_t per_dir = defaults.size();
  std::vector<std::string> names;
  if (ctx.HasAttr("activations")) {
    names = ctx.GetStrings("activations");
    // A single direction's list given to a bidirectional node applies to both directions.
    if (num_directions == 2 && names.size() == per_dir) names.insert(names.end(), names.begin(), names.end());
  } else {
    for (int64_t d = 0; d < num_directions; ++d) names.insert(names.end(), defaults.begin(), defaults.end());
  }
  ctx.Check(names.size() == per_dir * num_directions, "activations has " + std::to_string(names.size()) +
                                                          " entries, expected " +
                                                          std::to_string(per_dir * num_directions));
  const std::vector<double> alphas =
      ctx.HasAttr("activation_alpha") ? ctx.GetFloats("activation_alpha") : std::vector<double>{};
  const std::vector<double> betas =
      ctx.HasAttr("activation_beta") ? ctx.GetFloats("activation_beta") : std::vector<double>{};
  size_t next_alpha = 0, next_beta = 0;
  std::vector<RnnActivation> out;
  for (const std::string& raw : names) {
    RnnActivation a;
    a.name = Lower(raw);
    const ActivationSpec* spec = nullptr;
    for (const auto& s : kActivationSpecs) {
      if (a.name == s.name) spec = &s;
    }
    ctx.Check(spec != nullptr, "unknown activation function '" + raw + "'");
    a.alpha = spec->alpha;
    a.beta = spec->beta;
    if (spec->takes_alpha && next_alpha < alphas.size()) a.alpha = alphas[next_alpha++];
    if (spec->takes_beta && next_beta < betas.size()) a.beta = betas[next_beta++];
    out.push_back(a);
  }
  return out;
}

RnnProblem ReadRnnProblem(const OpContext& ctx, int64_t gates) {
  RnnProblem p;
  const Tensor& x = ctx.Input(0);
  const Tensor& w = ctx.Input(1);
  const Tensor& r = ctx.Input(2);
  ctx.Check(IsFloating(x.dtype()), "X must be floating point, got " + DataTypeName(x.dtype()));
  ctx.Check(x.rank() == 3, "X must be 3-D, got shape " + ShapeToString(x.shape()));
  p.dtype = x.dtype();
  p.layout = ctx.version() >= 14 ? ctx.GetInt("layout") : 0;
  ctx.Check(p.layout == 0 || p.layout == 1, "layout must be 0 or 1, got " + std::to_string(p.layout));
  p.seq_len = x.shape()[p.layout == 0 ? 0 : 1];
  p.batch = x.shape()[p.layout == 0 ? 1 : 0];
  p.input_size = x.shape()[2];
  const std::string direction = ctx.GetString("direction");
  ctx.Check(direction == "forward" || direction == "reverse" || direction == "bidirectional",
            "direction must be forward, reverse or bidirectional, got '" + direction + "'");
  p.num_directions = direction == "bidirectional" ? 2 : 1;
  p.reverse_only = direction == "reverse";
  ctx.Check(
      w.rank() == 3 && w.shape()[0] == p.num_directions && w.shape()[2] == p.input_size && w.shape()[1] % gates == 0,
      "W must be [num_directions=" + std::to_string(p.num_directions) + ", " + std::to_string(gates) +
          "*hidden_size, input_size=" + std::to_string(p.input_size) + "], got " + ShapeToString(w.shape()));
  p.hidden = ctx.HasAttr("hidden_size") ? ctx.GetInt("hidden_size") : w.shape()[1] / gates;
  ctx.Check(w.shape()[1] == gates * p.hidden, "W's second dim " + std::to_string(w.shape()[1]) + " != " +
                                                  std::to_string(gates) + " * hidden_size " + std::to_string(p.hidden));
  ctx.Check(r.shape() == Shape({p.num_directions, gates * p.hidden, p.hidden}),
            "R must be " + ShapeToString({p.num_directions, gates * p.hidden, p.hidden}) + ", got " +
                ShapeToString(r.shape()));
  p.w = w.ToDoubleVector();
  p.r = r.ToDoubleVector();
  p.b.assign(p.num_directions * 2 * gates * p.hidden, 0.0);
  if (ctx.HasInput(3)) {
    const Tensor& b = ctx.Input(3);
    ctx.Check(
        b.shape() == Shape({p.num_directions, 2 * gates * p.hidden}),
        "B must be " + ShapeToString({p.num_directions, 2 * gates * p.hidden}) + ", got " + ShapeToString(b.shape()));
    p.b = b.ToDoubleVector();
  }
  p.lengths.assign(p.batch, p.seq_len);
  if (ctx.HasInput(4)) {
    const Tensor& lens = ctx.Input(4);
    ctx.Check(lens.size() == p.batch, "sequence_lens must have batch_size = " + std::to_string(p.batch) +
                                          " entries, got shape " + ShapeToString(lens.shape()));
    p.lengths = lens.ToInt64Vector();
    for (int64_t l : p.lengths) {
      ctx.Check(l >= 0 && l <= p.seq_len,
                "sequence_lens entry " + std::to_string(l) + " is outside [0, " + std::to_string(p.seq_len) + "]");
    }
  }
  if (ctx.HasAttr("clip")) {
    p.clip = ctx.GetFloat("clip");
    ctx.Check(p.clip > 0, "clip must be positive, got " + std::to_string(p.clip));
  }
  // X in seq-major order whatever the layout.
  const std::vector<double> xs = x.ToDoubleVector();
  p.x.resize(xs.size());
  for (int64_t t = 0; t < p.seq_len; ++t) {
    for (int64_t b = 0; b < p.batch; ++b) {
      const int64_t src = (p.layout == 0 ? t * p.batch + b : b * p.seq_len + t) * p.input_size;
      std::copy(xs.begin() + src, xs.begin() + src + p.input_size, p.x.begin() + (t * p.batch + b) * p.input_size);
    }
  }
  return p;
}

std::vector<double> ReadRnnState(const OpContext& ctx, int index, const RnnProblem& p) {
  std::vector<double> state(p.num_directions * p.batch * p.hidden, 0.0);
  if (!ctx.HasInput(index)) return state;
  const Tensor& t = ctx.Input(index);
  const Shape expected =
      p.layout == 0 ? Shape{p.num_directions, p.batch, p.hidden} : Shape{p.batch, p.num_directions, p.hidden};
  ctx.Check(t.shape() == expected, "initial state input " + std::to_string(index) + " must be " +
                                       ShapeToString(expected) + ", got " + ShapeToString(t.shape()));
  const std::vector<double> v = t.ToDoubleVector();
  for (int64_t d = 0; d < p.num_directions; ++d) {
    for (int64_t b = 0; b < p.batch; ++b) {
      const int64_t src = (p.layout == 0 ? d * p.batch + b : b * p.num_directions + d) * p.hidden;
      std::copy(v.begin() + src, v.begin() + src + p.hidden, state.begin() + (d * p.batch + b) * p.hidden);
    }
  }
  return state;
}

RnnRun RunRnnRecurrence(const RnnProblem& p, int state_count, const std::vector<std::vector<double>>& initial,
                        const RnnStep& step) {
  const int64_t H = p.hidden;
  RnnRun run;
  run.y.assign(p.seq_len * p.num_directions * p.batch * H, 0.0);
  run.finals.assign(state_count * p.num_directions * p.batch * H, 0.0);
  std::vector<double> state(state_count * H);
  for (int64_t d = 0; d < p.num_directions; ++d) {
    const bool reverse = p.reverse_only || d == 1;
    for (int64_t b = 0; b < p.batch; ++b) {
      for (int s = 0; s < state_count; ++s) {
        std::copy_n(initial[s].begin() + (d * p.batch + b) * H, H, state.begin() + s * H);
      }
      const int64_t len = p.lengths[b];
      for (int64_t i = 0; i < len; ++i) {
        const int64_t t = reverse ? len - 1 - i : i;
        step(d, b, p.x.data() + (t * p.batch + b) * p.input_size, state.data());
        std::copy_n(state.begin(), H, run.y.begin() + ((t * p.num_directions + d) * p.batch + b) * H);
      }
      for (int s = 0; s < state_count; ++s) {
        std::copy_n(state.begin() + s * H, H, run.finals.begin() + ((s * p.num_directions + d) * p.batch + b) * H);
      }
    }
  }
  return run;
}

void WriteRnnOutputs(OpContext& ctx, const RnnProblem& p, const RnnRun& run, int state_count) {
  const int64_t H = p.hidden, D = p.num_directions, B = p.batch, S = p.seq_len;
  if (ctx.OutputRequested(0)) {
    std::vector<double> y(run.y.size());
    for (int64_t t = 0; t < S; ++t) {
      for (int64_t d = 0; d < D; ++d) {
        for (int64_t b = 0; b < B; ++b) {
          const int64_t src = ((t * D + d) * B + b) * H;
          const int64_t dst = p.layout == 0 ? src : ((b * S + t) * D + d) * H;
          std::copy_n(run.y.begin() + src, H, y.begin() + dst);
        }
      }
    }
    const Shape shape = p.layout == 0 ? Shape{S, D, B, H} : Shape{B, S, D, H};
    ctx.SetOutput(0, Tensor(p.dtype, shape, std::move(y)));
  }
  for (int s = 0; s < state_count; ++s) {
    if (!ctx.OutputRequested(1 + s)) continue;
    std::vector<double> out(D * B * H);
    for (int64_t d = 0; d < D; ++d) {
      for (int64_t b = 0; b < B; ++b) {
        const int64_t src = ((s * D + d) * B + b) * H;
        const int64_t dst = (p.layout == 0 ? d * B + b : b * D + d) * H;
        std::copy_n(run.finals.begin() + src, H, out.begin() + dst);
      }
    }
    const Shape shape = p.layout == 0 ? Shape{D, B, H} : Shape{B, D, H};
    ctx.SetOutput(1 + s, Tensor(p.dtype, shape, std::move(out)));
  }
}

}  // namespace parity::ref
