// RNN: simple (Elman) recurrence over a sequence, per direction (forward, reverse, or both stacked):
//   Ht = f(clip(Xt*Wi^T + Ht-1*Ri^T + Wbi + Rbi))
// Inputs: X, W, R, B (opt), sequence_lens (opt), initial_h (opt). Outputs: Y (all H), Y_h (last H); rows shorter
// than seq_len stop early, Y zero past the end.
// Attributes: activations (one per direction; default Tanh), activation_alpha/beta, clip (none when absent),
// direction, hidden_size.
//   RNN-7: as above.   RNN-14: adds `layout` (1: batch-major X/Y/states).   RNN-22: adds bfloat16.
#include "core/rnn_common.h"

namespace parity::ref {
namespace {

void RunRnn(OpContext& ctx) {
  const RnnProblem p = ReadRnnProblem(ctx, 1);
  const int64_t H = p.hidden, I = p.input_size;
  const auto acts = ParseRnnActivations(ctx, {"Tanh"}, p.num_directions);
  std::vector<double> next(H);
  auto step = [&](int64_t d, int64_t, const double* x, double* h_prev) {
    const double* w = p.w.data() + d * H * I;
    const double* r = p.r.data() + d * H * H;
    const double* wb = p.b.data() + d * 2 * H;
    const double* rb = wb + H;
    for (int64_t j = 0; j < H; ++j) {
      next[j] = acts[d](RnnClip(RnnDot(w + j * I, x, I) + RnnDot(r + j * H, h_prev, H) + wb[j] + rb[j], p.clip));
    }
    std::copy(next.begin(), next.end(), h_prev);
  };
  const RnnRun run = RunRnnRecurrence(p, 1, {ReadRnnState(ctx, 5, p)}, step);
  WriteRnnOutputs(ctx, p, run, 1);
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("RNN")
                        .Versions({7, 14, 22})
                        .Attr("activation_alpha", AttrType::kFloats)
                        .Attr("activation_beta", AttrType::kFloats)
                        .Strings("activations", {"Tanh", "Tanh"})
                        .Attr("clip", AttrType::kFloat)
                        .String("direction", "forward")
                        .Attr("hidden_size", AttrType::kInt)
                        .Int("layout", 0)
                        .Only(14)
                        .Run(RunRnn));

}  // namespace parity::ref
