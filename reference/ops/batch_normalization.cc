// BatchNormalization over X [N, C, D1, ...] (statistics per channel c):
//   inference:  y = scale[c] * (x - input_mean[c]) / sqrt(input_var[c] + epsilon) + B[c]
//   training:   the same with the batch statistics mean_b / var_b (population variance over N and D1..), and
//               running_mean = input_mean * momentum + mean_b * (1 - momentum) (likewise running_var).
// Attributes: epsilon (1e-5), momentum (0.9).
//   BatchNormalization-6: as 7, plus is_test (default 0): 1 selects inference whatever outputs are asked for.
//   BatchNormalization-7: spatial (default 1; 0 means statistics per [C, D1, ...] activation, parameters of that
//                         shape). Training is selected by asking for more than one output: Y, mean, var (the
//                         running statistics), saved_mean, saved_var (the batch mean and batch variance).
//   BatchNormalization-9: spatial removed (always per channel).
//   BatchNormalization-14: training_mode attribute (default 0); in training the outputs are Y, running_mean,
//                          running_var.
//   BatchNormalization-15: scale/B and mean/var may have types other than X's (computed in double anyway).
#include <cmath>

#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunBatchNormalization(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) && x.rank() >= 1, "X must be a floating tensor");
  const int version = ctx.version();
  const bool per_activation = version <= 7 && ctx.GetInt("spatial") == 0;
  const bool training = version >= 14  ? ctx.GetInt("training_mode") != 0
                        : version == 6 ? ctx.GetInt("is_test") == 0 && ctx.OutputRequested(1)
                                       : ctx.OutputRequested(1);
  const double epsilon = ctx.GetFloat("epsilon"), momentum = ctx.GetFloat("momentum");
  const int64_t n = x.dim(0), c = x.rank() >= 2 ? x.dim(1) : 1;
  const int64_t plane = n * c == 0 ? 0 : x.size() / (n * c);
  const int64_t stats = per_activation ? c * plane : c;
  // The statistic an element belongs to.
  auto stat_of = [&](int64_t i) { return per_activation ? i % (c * plane) : (i / plane) % c; };

  std::vector<std::vector<double>> params;
  const char* names[] = {"scale", "B", "input_mean", "input_var"};
  for (int k = 1; k <= 4; ++k) {
    params.push_back(ctx.Input(k).ToDoubleVector());
    ctx.Check(static_cast<int64_t>(params.back().size()) == stats, std::string(names[k - 1]) + " must have " +
                                                                       std::to_string(stats) + " values, has shape " +
                                                                       ShapeToString(ctx.Input(k).shape()));
  }
  std::vector<double> mean = params[2], var = params[3];
  const auto& xv = x.reals();
  std::vector<double> batch_mean(stats, 0.0), batch_var(stats, 0.0);
  if (training) {
    const double count = static_cast<double>(x.size() / std::max<int64_t>(stats, 1));
    for (int64_t i = 0; i < x.size(); ++i) batch_mean[stat_of(i)] += xv[i];
    for (double& m : batch_mean) m /= count;
    for (int64_t i = 0; i < x.size(); ++i) {
      const double d = xv[i] - batch_mean[stat_of(i)];
      batch_var[stat_of(i)] += d * d;
    }
    for (double& v : batch_var) v /= count;
    mean = batch_mean;
    var = batch_var;
  } else {
    ctx.Check(version < 14 || (!ctx.OutputRequested(1) && !ctx.OutputRequested(2)),
              "running_mean / running_var are only produced with training_mode = 1");
  }
  Tensor y(x.dtype(), x.shape());
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t s = stat_of(i);
    y.reals()[i] = params[0][s] * (xv[i] - mean[s]) / std::sqrt(var[s] + epsilon) + params[1][s];
  }
  ctx.SetOutput(0, std::move(y));
  if (!training) return;
  auto output = [&](int index, const std::vector<double>& values, const Tensor& like) {
    if (ctx.OutputRequested(index)) ctx.SetOutput(index, Tensor(like.dtype(), like.shape(), values));
  };
  std::vector<double> running_mean(stats), running_var(stats);
  for (int64_t s = 0; s < stats; ++s) {
    running_mean[s] = params[2][s] * momentum + batch_mean[s] * (1 - momentum);
    running_var[s] = params[3][s] * momentum + batch_var[s] * (1 - momentum);
  }
  output(1, running_mean, ctx.Input(3));
  output(2, running_var, ctx.Input(4));
  if (version < 14) {
    output(3, batch_mean, ctx.Input(3));
    output(4, batch_var, ctx.Input(4));
  }
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("BatchNormalization")
                        .Versions({6, 7, 9, 14, 15})
                        .Float("epsilon", 1e-5)
                        .Float("momentum", 0.9)
                        .Int("is_test", 0)
                        .Only(6, 6)
                        .Int("spatial", 1)
                        .Only(6, 7)
                        .Int("training_mode", 0)
                        .Only(14)
                        .Run(RunBatchNormalization));

}  // namespace parity::ref
