// LSTM: long short-term memory over a sequence, per direction (forward, reverse, or both stacked):
//   i = f(clip(Xt*Wi^T + Ht-1*Ri^T + Pi.*Ct-1 + Wbi + Rbi))
//   f = f(clip(Xt*Wf^T + Ht-1*Rf^T + Pf.*Ct-1 + Wbf + Rbf))     (input_forget = 1: f = 1 - i)
//   c = g(clip(Xt*Wc^T + Ht-1*Rc^T + Wbc + Rbc))
//   Ct = f.*Ct-1 + i.*c
//   o = f(clip(Xt*Wo^T + Ht-1*Ro^T + Po.*Ct + Wbo + Rbo))
//   Ht = o.*h(Ct)
// Gate blocks in W/R/B are ordered i, o, f, c; peepholes P [num_dir, 3*hidden] are ordered i, o, f.
// Inputs: X, W, R, B (opt), sequence_lens (opt), initial_h (opt), initial_c (opt), P (opt).
// Outputs: Y (all H), Y_h (last H), Y_c (last C); rows shorter than seq_len stop early, Y zero past the end.
// Attributes: activations (f, g, h per direction; default Sigmoid, Tanh, Tanh), activation_alpha/beta, clip
// (no clipping when absent), direction, hidden_size, input_forget.
//   LSTM-7: as above.   LSTM-14: adds `layout` (1: batch-major X/Y/states).   LSTM-22: adds bfloat16.
#include "core/rnn_common.h"

namespace parity::ref {
namespace {

void RunLstm(OpContext& ctx) {
  const RnnProblem p = ReadRnnProblem(ctx, 4);
  const int64_t H = p.hidden, I = p.input_size;
  const auto acts = ParseRnnActivations(ctx, {"Sigmoid", "Tanh", "Tanh"}, p.num_directions);
  const bool input_forget = ctx.GetInt("input_forget") != 0;
  std::vector<double> peep(p.num_directions * 3 * H, 0.0);
  if (ctx.HasInput(7)) {
    const Tensor& pt = ctx.Input(7);
    ctx.Check(pt.shape() == Shape({p.num_directions, 3 * H}),
              "P must be " + ShapeToString({p.num_directions, 3 * H}) + ", got " + ShapeToString(pt.shape()));
    peep = pt.ToDoubleVector();
  }
  std::vector<double> pre(4 * H);
  auto step = [&](int64_t d, int64_t, const double* x, double* state) {
    const double* w = p.w.data() + d * 4 * H * I;
    const double* r = p.r.data() + d * 4 * H * H;
    const double* wb = p.b.data() + d * 8 * H;
    const double* rb = wb + 4 * H;
    const double* pd = peep.data() + d * 3 * H;
    const RnnActivation& f = acts[d * 3];
    const RnnActivation& g = acts[d * 3 + 1];
    const RnnActivation& h = acts[d * 3 + 2];
    double* h_prev = state;
    double* c_prev = state + H;
    for (int64_t row = 0; row < 4 * H; ++row) {
      pre[row] = RnnDot(w + row * I, x, I) + RnnDot(r + row * H, h_prev, H) + wb[row] + rb[row];
    }
    for (int64_t j = 0; j < H; ++j) {
      const double i_gate = f(RnnClip(pre[j] + pd[j] * c_prev[j], p.clip));
      const double f_gate =
          input_forget ? 1.0 - i_gate : f(RnnClip(pre[2 * H + j] + pd[2 * H + j] * c_prev[j], p.clip));
      const double c_cand = g(RnnClip(pre[3 * H + j], p.clip));
      const double c = f_gate * c_prev[j] + i_gate * c_cand;
      const double o_gate = f(RnnClip(pre[H + j] + pd[H + j] * c, p.clip));
      c_prev[j] = c;
      pre[j] = o_gate * h(c);  // Ht goes into the spent i-gate slot, copied to the state below
    }
    std::copy_n(pre.begin(), H, h_prev);
  };
  const RnnRun run = RunRnnRecurrence(p, 2, {ReadRnnState(ctx, 5, p), ReadRnnState(ctx, 6, p)}, step);
  WriteRnnOutputs(ctx, p, run, 2);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LSTM")
                        .Versions({7, 14, 22})
                        .Attr("activation_alpha", AttrType::kFloats)
                        .Attr("activation_beta", AttrType::kFloats)
                        .Attr("activations", AttrType::kStrings)
                        .Attr("clip", AttrType::kFloat)
                        .String("direction", "forward")
                        .Attr("hidden_size", AttrType::kInt)
                        .Int("input_forget", 0)
                        .Int("layout", 0)
                        .Only(14)
                        .Run(RunLstm));

}  // namespace parity::ref
