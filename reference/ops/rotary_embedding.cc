// RotaryEmbedding: rotates pairs of features of each head by position-dependent angles (RoPE).
//   Input X: 4-D [B, num_heads, S, head_size], or 3-D [B, S, num_heads*head_size] with the num_heads attribute.
//   cos_cache/sin_cache: [max_pos, R/2] indexed by position_ids [B, S] when given, else [B, S, R/2] directly.
//   R = rotary_embedding_dim (0 = head_size); features past R pass through unchanged.
//   Pairs: interleaved = 0 -> (x[k], x[k + R/2]); interleaved = 1 -> (x[2k], x[2k+1]), for k < R/2:
//     x1' = cos*x1 - sin*x2,   x2' = sin*x1 + cos*x2.
//   RotaryEmbedding-23: the only version.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunRotaryEmbedding(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& cos_cache = ctx.Input(1);
  const Tensor& sin_cache = ctx.Input(2);
  ctx.Check(IsFloating(x.dtype()), "X must be floating point, got " + DataTypeName(x.dtype()));
  ctx.Check(x.rank() == 3 || x.rank() == 4, "X must be 3-D or 4-D, got " + ShapeToString(x.shape()));
  const bool three_d = x.rank() == 3;
  const int64_t B = x.shape()[0];
  int64_t heads, S, head_size;
  if (three_d) {
    heads = ctx.HasAttr("num_heads") ? ctx.GetInt("num_heads") : 0;
    ctx.Check(heads > 0 && x.shape()[2] % heads == 0,
              "3-D input needs num_heads dividing the hidden size " + std::to_string(x.shape()[2]));
    S = x.shape()[1];
    head_size = x.shape()[2] / heads;
  } else {
    heads = x.shape()[1];
    S = x.shape()[2];
    head_size = x.shape()[3];
  }
  int64_t rot = ctx.GetInt("rotary_embedding_dim");
  if (rot == 0) rot = head_size;
  ctx.Check(rot > 0 && rot <= head_size && rot % 2 == 0, "rotary_embedding_dim " + std::to_string(rot) +
                                                             " must be even and at most head_size " +
                                                             std::to_string(head_size));
  const int64_t half = rot / 2;
  const bool interleaved = ctx.GetInt("interleaved") != 0;
  const std::vector<double> cv = cos_cache.ToDoubleVector();
  const std::vector<double> sv = sin_cache.ToDoubleVector();
  ctx.Check(cos_cache.shape() == sin_cache.shape() && cos_cache.rank() >= 2,
            "cos_cache and sin_cache must have one shape of rank 2 or 3");
  ctx.Check(cos_cache.shape().back() == half, "cos/sin cache last dim must be rotary_dim/2 = " + std::to_string(half) +
                                                  ", got " + ShapeToString(cos_cache.shape()));
  std::vector<int64_t> positions;
  if (ctx.HasInput(3)) {
    const Tensor& pos = ctx.Input(3);
    ctx.Check(pos.shape() == Shape({B, S}), "position_ids must be [batch, seq], got " + ShapeToString(pos.shape()));
    positions = pos.ToInt64Vector();
    ctx.Check(cos_cache.rank() == 2, "with position_ids the caches must be 2-D [max_pos, rotary_dim/2]");
    for (int64_t p : positions) {
      ctx.Check(p >= 0 && p < cos_cache.shape()[0], "position id " + std::to_string(p) + " is outside the cache");
    }
  } else {
    ctx.Check(
        cos_cache.shape() == Shape({B, S, half}),
        "without position_ids the caches must be [batch, seq, rotary_dim/2], got " + ShapeToString(cos_cache.shape()));
  }
  const std::vector<double> in = x.ToDoubleVector();
  std::vector<double> out = in;
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t s = 0; s < S; ++s) {
      const int64_t row = positions.empty() ? b * S + s : positions[b * S + s];
      const double* c = cv.data() + row * half;
      const double* sn = sv.data() + row * half;
      for (int64_t h = 0; h < heads; ++h) {
        const int64_t base =
            three_d ? (b * S + s) * heads * head_size + h * head_size : ((b * heads + h) * S + s) * head_size;
        for (int64_t k = 0; k < half; ++k) {
          const int64_t i1 = base + (interleaved ? 2 * k : k);
          const int64_t i2 = base + (interleaved ? 2 * k + 1 : k + half);
          out[i1] = c[k] * in[i1] - sn[k] * in[i2];
          out[i2] = sn[k] * in[i1] + c[k] * in[i2];
        }
      }
    }
  }
  ctx.SetOutput(0, Tensor(x.dtype(), x.shape(), std::move(out)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("RotaryEmbedding")
                        .Versions({23})
                        .Int("interleaved", 0)
                        .Attr("num_heads", AttrType::kInt)
                        .Int("rotary_embedding_dim", 0)
                        .Run(RunRotaryEmbedding));

}  // namespace parity::ref
