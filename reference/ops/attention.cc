// Attention: scaled dot-product attention with optional KV cache, masks, grouped-query heads and softcap.
//   Inputs: Q, K, V, attn_mask (opt), past_key (opt), past_value (opt), nonpad_kv_seqlen (opt, version 24).
//   Outputs: Y, present_key (opt), present_value (opt), qk_matmul_output (opt).
// Shapes: 4-D Q [B, Hq, Sq, D], K [B, Hkv, Skv, D], V [B, Hkv, Skv, Dv]; 3-D Q [B, Sq, Hq*D], K/V [B, Skv, Hkv*D]
// with q_num_heads / kv_num_heads attributes (required for 3-D), and then Y is 3-D [B, Sq, Hq*Dv] too.
// present_key/value = concat(past, K/V) on the sequence axis: [B, Hkv, T = P + Skv, D]. Grouped-query attention
// (Hq a multiple of Hkv): query head h reads KV head h / (Hq / Hkv).
// For every (b, h, i, j):
//   qk = scale * <Q[b,h,i], K[b,kv(h),j]>                 scale defaults to 1/sqrt(D)
//   capped = softcap > 0 ? softcap * tanh(qk / softcap) : qk
//   s = capped + bias[b,h,i,j]
//   p = softmax_j(s); a row whose bias is -inf everywhere (fully masked) gets p = 0 rather than NaN
//   Y[b,h,i] = sum_j p[j] * V[b,kv(h),j]
// bias is the sum of: attn_mask (bool: true keeps, false -> -inf; float: added as is; rank 2..4, broadcast to
// [B, Hq, Sq, T]; a last dim shorter than T is padded with -inf / false), the causal mask when is_causal (key j
// is visible to query i iff j <= i + offset; offset = P with past_key, else nonpad_kv_seqlen[b] - Sq when that
// input is given, else 0), and the padding mask of nonpad_kv_seqlen (keys j >= nonpad_kv_seqlen[b] hidden).
// qk_matmul_output_mode: 0 -> qk, 1 -> capped, 2 -> s, 3 -> p. softmax_precision names the type the softmax
// runs in; the reference always computes in double, which is at least as precise.
//   Attention-23: as above without nonpad_kv_seqlen.   Attention-24: adds nonpad_kv_seqlen.
#include <cmath>
#include <limits>

#include "core/op_context.h"

namespace parity::ref {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// A [B, H, S, D] view of Q/K/V/past inputs given in 4-D or 3-D ([B, S, H*D]) form.
struct Heads {
  int64_t batch = 0, heads = 0, seq = 0, dim = 0;
  std::vector<double> data;  // [B][H][S][D]
  double at(int64_t b, int64_t h, int64_t s, int64_t d) const { return data[((b * heads + h) * seq + s) * dim + d]; }
};

Heads ToHeads(const OpContext& ctx, const Tensor& t, int64_t num_heads, const char* what) {
  Heads x;
  std::vector<double> v = t.ToDoubleVector();
  if (t.rank() == 4) {
    x.batch = t.shape()[0], x.heads = t.shape()[1], x.seq = t.shape()[2], x.dim = t.shape()[3];
    x.data = std::move(v);
    return x;
  }
  ctx.Check(t.rank() == 3, std::string(what) + " must be 3-D or 4-D, got " + ShapeToString(t.shape()));
  ctx.Check(num_heads > 0 && t.shape()[2] % num_heads == 0,
            std::string(what) + " hidden size " + std::to_string(t.shape()[2]) + " is not a multiple of " +
                std::to_string(num_heads) + " heads (3-D inputs need q_num_heads and kv_num_heads)");
  x.batch = t.shape()[0], x.heads = num_heads, x.seq = t.shape()[1], x.dim = t.shape()[2] / num_heads;
  x.data.resize(v.size());
  for (int64_t b = 0; b < x.batch; ++b) {
    for (int64_t s = 0; s < x.seq; ++s) {
      for (int64_t h = 0; h < x.heads; ++h) {
        for (int64_t d = 0; d < x.dim; ++d) {
          x.data[((b * x.heads + h) * x.seq + s) * x.dim + d] = v[((b * x.seq + s) * x.heads + h) * x.dim + d];
        }
      }
    }
  }
  return x;
}

// present = concat(past, cur) along the sequence axis.
Heads WithPast(const OpContext& ctx, const Heads& cur, int input, const char* what) {
  if (!ctx.HasInput(input)) return cur;
  const Tensor& past = ctx.Input(input);
  ctx.Check(
      past.rank() == 4 && past.shape()[0] == cur.batch && past.shape()[1] == cur.heads && past.shape()[3] == cur.dim,
      std::string(what) + " must be [" + std::to_string(cur.batch) + ", " + std::to_string(cur.heads) + ", past_len, " +
          std::to_string(cur.dim) + "], got " + ShapeToString(past.shape()));
  Heads out = cur;
  const int64_t past_len = past.shape()[2];
  out.seq = past_len + cur.seq;
  out.data.assign(out.batch * out.heads * out.seq * out.dim, 0.0);
  const std::vector<double> pv = past.ToDoubleVector();
  for (int64_t bh = 0; bh < out.batch * out.heads; ++bh) {
    std::copy_n(pv.begin() + bh * past_len * out.dim, past_len * out.dim, out.data.begin() + bh * out.seq * out.dim);
    std::copy_n(cur.data.begin() + bh * cur.seq * cur.dim, cur.seq * cur.dim,
                out.data.begin() + (bh * out.seq + past_len) * out.dim);
  }
  return out;
}

// attn_mask as an additive bias with a lookup over [B, Hq, Sq, T] (right-aligned broadcasting).
struct MaskBias {
  bool present = false;
  bool is_bool = false;
  std::vector<double> values;
  int64_t dims[4] = {1, 1, 1, 1};  // mask dims, left-padded with 1s
  double at(int64_t b, int64_t h, int64_t i, int64_t j) const {
    if (!present) return 0;
    if (j >= dims[3]) return kNegInf;  // padding up to the total sequence length
    const int64_t idx[4] = {dims[0] == 1 ? 0 : b, dims[1] == 1 ? 0 : h, dims[2] == 1 ? 0 : i, j};
    const double v = values[((idx[0] * dims[1] + idx[1]) * dims[2] + idx[2]) * dims[3] + idx[3]];
    return is_bool ? (v != 0 ? 0.0 : kNegInf) : v;
  }
};

MaskBias ReadMask(const OpContext& ctx, int64_t batch, int64_t heads, int64_t q_len, int64_t total) {
  MaskBias m;
  if (!ctx.HasInput(3)) return m;
  const Tensor& mask = ctx.Input(3);
  ctx.Check(mask.rank() >= 2 && mask.rank() <= 4,
            "attn_mask must have rank 2 to 4, got " + ShapeToString(mask.shape()));
  m.present = true;
  m.is_bool = mask.dtype() == DataType::kBool;
  m.values = mask.ToDoubleVector();
  const int64_t pad = 4 - mask.rank();
  for (int64_t d = 0; d < mask.rank(); ++d) m.dims[pad + d] = mask.shape()[d];
  const int64_t want[4] = {batch, heads, q_len, total};
  for (int d = 0; d < 3; ++d) {
    ctx.Check(m.dims[d] == 1 || m.dims[d] == want[d],
              "attn_mask " + ShapeToString(mask.shape()) + " does not broadcast to [" + std::to_string(batch) + ", " +
                  std::to_string(heads) + ", " + std::to_string(q_len) + ", " + std::to_string(total) + "]");
  }
  ctx.Check(m.dims[3] <= total, "attn_mask's last dim " + std::to_string(m.dims[3]) +
                                    " exceeds the total sequence length " + std::to_string(total));
  return m;
}

// Y (and the optional outputs) written back as [B, H, S, D] or, for 3-D inputs, [B, S, H*D].
Tensor FromHeads(DataType dtype, const std::vector<double>& data, int64_t batch, int64_t heads, int64_t seq,
                 int64_t dim, bool three_d) {
  if (!three_d) return Tensor(dtype, {batch, heads, seq, dim}, data);
  std::vector<double> out(data.size());
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t h = 0; h < heads; ++h) {
      for (int64_t s = 0; s < seq; ++s) {
        for (int64_t d = 0; d < dim; ++d) {
          out[((b * seq + s) * heads + h) * dim + d] = data[((b * heads + h) * seq + s) * dim + d];
        }
      }
    }
  }
  return Tensor(dtype, {batch, seq, heads * dim}, std::move(out));
}

void RunAttention(OpContext& ctx) {
  const Tensor& q_in = ctx.Input(0);
  const Tensor& k_in = ctx.Input(1);
  const Tensor& v_in = ctx.Input(2);
  ctx.Check(IsFloating(q_in.dtype()), "Q must be floating point, got " + DataTypeName(q_in.dtype()));
  ctx.Check(q_in.rank() == k_in.rank() && q_in.rank() == v_in.rank(), "Q, K and V must have the same rank");
  const bool three_d = q_in.rank() == 3;
  const int64_t q_heads_attr = ctx.HasAttr("q_num_heads") ? ctx.GetInt("q_num_heads") : 0;
  const int64_t kv_heads_attr = ctx.HasAttr("kv_num_heads") ? ctx.GetInt("kv_num_heads") : 0;
  const Heads q = ToHeads(ctx, q_in, q_heads_attr, "Q");
  const Heads k = WithPast(ctx, ToHeads(ctx, k_in, kv_heads_attr, "K"), 4, "past_key");
  const Heads v = WithPast(ctx, ToHeads(ctx, v_in, kv_heads_attr, "V"), 5, "past_value");
  const int64_t B = q.batch, Hq = q.heads, Sq = q.seq, D = q.dim, Hkv = k.heads, T = k.seq, Dv = v.dim;
  ctx.Check(k.batch == B && v.batch == B, "Q, K and V must share the batch size");
  ctx.Check(k.dim == D, "K's head size " + std::to_string(k.dim) + " differs from Q's " + std::to_string(D));
  ctx.Check(v.heads == Hkv && v.seq == T, "K and V (with their past) must share heads and sequence length");
  ctx.Check(Hkv > 0 && Hq % Hkv == 0,
            "q heads " + std::to_string(Hq) + " must be a multiple of kv heads " + std::to_string(Hkv));
  const int64_t group = Hq / Hkv;
  const double scale = ctx.HasAttr("scale") ? ctx.GetFloat("scale") : 1.0 / std::sqrt(static_cast<double>(D));
  const double softcap = ctx.GetFloat("softcap");
  const int64_t mode = ctx.GetInt("qk_matmul_output_mode");
  ctx.Check(mode >= 0 && mode <= 3, "qk_matmul_output_mode must be 0..3, got " + std::to_string(mode));
  const bool is_causal = ctx.GetInt("is_causal") != 0;
  const int64_t past_len = ctx.HasInput(4) ? ctx.Input(4).shape()[2] : 0;
  std::vector<int64_t> nonpad;
  ctx.Check(ctx.version() >= 24 || !ctx.HasInput(6), "nonpad_kv_seqlen needs Attention-24");
  if (ctx.HasInput(6)) {
    nonpad = ctx.Input(6).ToInt64Vector();
    ctx.Check(static_cast<int64_t>(nonpad.size()) == B, "nonpad_kv_seqlen must have one entry per batch");
  }
  const MaskBias mask = ReadMask(ctx, B, Hq, Sq, T);

  std::vector<double> y(B * Hq * Sq * Dv, 0.0);
  std::vector<double> qk_out(B * Hq * Sq * T, 0.0);
  std::vector<double> raw(T), capped(T), biased(T), probs(T);
  for (int64_t b = 0; b < B; ++b) {
    const int64_t causal_offset = ctx.HasInput(4) || nonpad.empty() ? past_len : nonpad[b] - Sq;
    for (int64_t h = 0; h < Hq; ++h) {
      const int64_t kvh = h / group;
      for (int64_t i = 0; i < Sq; ++i) {
        bool all_masked = true;
        for (int64_t j = 0; j < T; ++j) {
          double dot = 0;
          for (int64_t d = 0; d < D; ++d) dot += q.at(b, h, i, d) * k.at(b, kvh, j, d);
          raw[j] = dot * scale;
          capped[j] = softcap > 0 ? softcap * std::tanh(raw[j] / softcap) : raw[j];
          double bias = mask.at(b, h, i, j);
          if (is_causal && j > i + causal_offset) bias = kNegInf;
          if (!nonpad.empty() && j >= nonpad[b]) bias = kNegInf;
          all_masked = all_masked && bias == kNegInf;
          biased[j] = capped[j] + bias;
        }
        double row_max = kNegInf;
        for (int64_t j = 0; j < T; ++j) row_max = std::max(row_max, biased[j]);
        // A fully masked row attends to nothing: zero weights instead of 0/0.
        if (all_masked || row_max == kNegInf) {
          std::fill(probs.begin(), probs.end(), 0.0);
        } else {
          double sum = 0;
          for (int64_t j = 0; j < T; ++j) sum += probs[j] = std::exp(biased[j] - row_max);
          for (int64_t j = 0; j < T; ++j) probs[j] /= sum;
        }
        const std::vector<double>& chosen = mode == 0 ? raw : mode == 1 ? capped : mode == 2 ? biased : probs;
        std::copy(chosen.begin(), chosen.end(), qk_out.begin() + ((b * Hq + h) * Sq + i) * T);
        double* yrow = y.data() + ((b * Hq + h) * Sq + i) * Dv;
        for (int64_t j = 0; j < T; ++j) {
          if (probs[j] == 0) continue;
          for (int64_t d = 0; d < Dv; ++d) yrow[d] += probs[j] * v.at(b, kvh, j, d);
        }
      }
    }
  }
  const DataType dtype = q_in.dtype();
  ctx.SetOutput(0, FromHeads(dtype, y, B, Hq, Sq, Dv, three_d));
  if (ctx.OutputRequested(1)) ctx.SetOutput(1, Tensor(k_in.dtype(), {B, Hkv, T, D}, k.data));
  if (ctx.OutputRequested(2)) ctx.SetOutput(2, Tensor(v_in.dtype(), {B, Hkv, T, Dv}, v.data));
  if (ctx.OutputRequested(3)) ctx.SetOutput(3, Tensor(dtype, {B, Hq, Sq, T}, std::move(qk_out)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Attention")
                        .Versions({23, 24})
                        .Int("is_causal", 0)
                        .Attr("kv_num_heads", AttrType::kInt)
                        .Attr("q_num_heads", AttrType::kInt)
                        .Int("qk_matmul_output_mode", 0)
                        .Attr("scale", AttrType::kFloat)
                        .Float("softcap", 0.0)
                        .Attr("softmax_precision", AttrType::kInt)
                        .Run(RunAttention));

}  // namespace parity::ref
