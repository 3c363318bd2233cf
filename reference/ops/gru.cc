// GRU: gated recurrent unit over a sequence, per direction (forward, reverse, or both stacked):
//   z = f(clip(Xt*Wz^T + Ht-1*Rz^T + Wbz + Rbz))
//   r = f(clip(Xt*Wr^T + Ht-1*Rr^T + Wbr + Rbr))
//   h = g(clip(Xt*Wh^T + (r.*Ht-1)*Rh^T + Rbh + Wbh))          linear_before_reset = 0 (default)
//   h = g(clip(Xt*Wh^T + r.*(Ht-1*Rh^T + Rbh) + Wbh))          linear_before_reset != 0
//   Ht = (1 - z).*h + z.*Ht-1
// Gate blocks in W/R/B are ordered z, r, h. Inputs: X, W, R, B (opt), sequence_lens (opt), initial_h (opt).
// Outputs: Y (all H), Y_h (last H); rows shorter than seq_len stop early, Y zero past the end.
// Attributes: activations (f, g per direction; default Sigmoid, Tanh), activation_alpha/beta, clip (none when
// absent), direction, hidden_size, linear_before_reset.
//   GRU-7: as above.   GRU-14: adds `layout` (1: batch-major X/Y/states).   GRU-22: adds bfloat16.
#include "core/rnn_common.h"

namespace parity::ref {
namespace {

void RunGru(OpContext& ctx) {
  const RnnProblem p = ReadRnnProblem(ctx, 3);
  const int64_t H = p.hidden, I = p.input_size;
  const auto acts = ParseRnnActivations(ctx, {"Sigmoid", "Tanh"}, p.num_directions);
  const bool linear_before_reset = ctx.GetInt("linear_before_reset") != 0;
  std::vector<double> z(H), rg(H), gated(H), next(H);
  auto step = [&](int64_t d, int64_t, const double* x, double* h_prev) {
    const double* w = p.w.data() + d * 3 * H * I;
    const double* r = p.r.data() + d * 3 * H * H;
    const double* wb = p.b.data() + d * 6 * H;
    const double* rb = wb + 3 * H;
    const RnnActivation& f = acts[d * 2];
    const RnnActivation& g = acts[d * 2 + 1];
    for (int64_t j = 0; j < H; ++j) {
      z[j] = f(RnnClip(RnnDot(w + j * I, x, I) + RnnDot(r + j * H, h_prev, H) + wb[j] + rb[j], p.clip));
      const int64_t rr = H + j;
      rg[j] = f(RnnClip(RnnDot(w + rr * I, x, I) + RnnDot(r + rr * H, h_prev, H) + wb[rr] + rb[rr], p.clip));
      gated[j] = rg[j] * h_prev[j];
    }
    for (int64_t j = 0; j < H; ++j) {
      const int64_t row = 2 * H + j;
      const double xw = RnnDot(w + row * I, x, I) + wb[row];
      const double recur = linear_before_reset ? rg[j] * (RnnDot(r + row * H, h_prev, H) + rb[row])
                                               : RnnDot(r + row * H, gated.data(), H) + rb[row];
      const double cand = g(RnnClip(xw + recur, p.clip));
      next[j] = (1.0 - z[j]) * cand + z[j] * h_prev[j];
    }
    std::copy(next.begin(), next.end(), h_prev);
  };
  const RnnRun run = RunRnnRecurrence(p, 1, {ReadRnnState(ctx, 5, p)}, step);
  WriteRnnOutputs(ctx, p, run, 1);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("GRU")
                        .Versions({7, 14, 22})
                        .Attr("activation_alpha", AttrType::kFloats)
                        .Attr("activation_beta", AttrType::kFloats)
                        .Attr("activations", AttrType::kStrings)
                        .Attr("clip", AttrType::kFloat)
                        .String("direction", "forward")
                        .Attr("hidden_size", AttrType::kInt)
                        .Int("layout", 0)
                        .Only(14)
                        .Int("linear_before_reset", 0)
                        .Run(RunGru));

}  // namespace parity::ref
