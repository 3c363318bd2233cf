// Attention (opset 23, 24): scaled dot-product attention with optional KV cache, masks, grouped-query heads and
// softcap.
//   Inputs: Q, K, V, attn_mask (opt), past_key (opt), past_value (opt), nonpad_kv_seqlen (opt, opset 24).
//   Outputs: Y, present_key (opt), present_value (opt), qk_matmul_output (opt).
//   4-D: Q [B, Hq, Sq, D], K [B, Hkv, Skv, D], V [B, Hkv, Skv, Dv]; Y [B, Hq, Sq, Dv].
//   3-D: Q [B, Sq, Hq*D], K [B, Skv, Hkv*D], V [B, Skv, Hkv*Dv] with q_num_heads / kv_num_heads; Y [B, Sq, Hq*Dv].
//   present_key/value = concat(past, K/V) on the sequence axis: [B, Hkv, T = P + Skv, D or Dv].
// Query head h reads KV head h / (Hq / Hkv) (grouped-query attention). Per query row:
//   raw = scale * Q K^T (scale defaults to 1/sqrt(D)); capped = softcap > 0 ? softcap * tanh(raw / softcap) : raw
//   s = capped + bias; p = softmax(s); Y = p V
// bias sums attn_mask (bool: false -> -inf; float: added; broadcast to [B, Hq, Sq, T]; a last dim shorter than T
// is padded with -inf), the causal mask (key j visible to query i iff j <= i + offset, offset = P with past_key,
// else nonpad_kv_seqlen[b] - Sq when given, else 0) and the padding mask (keys j >= nonpad_kv_seqlen[b]).
// A fully masked row attends to nothing: p = 0 and Y = 0 instead of 0/0.
// qk_matmul_output_mode: 0 -> raw, 1 -> capped, 2 -> s, 3 -> p. softmax_precision is accepted for any float
// type; the softmax runs in fp32 like the rest of the runtime.
#include <cmath>
#include <limits>

#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {
namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();
// Query rows per score block: bounds the score buffer at kRowBlock x T floats per head group however long the
// query sequence is.
constexpr int64_t kRowBlock = 64;

enum class MaskKind { kNone, kFloat, kBool };

struct AttnParams {
  int64_t batch = 0, q_heads = 0, kv_heads = 0, q_len = 0, kv_len = 0, past = 0, total = 0, dim = 0, v_dim = 0;
  bool three_d = false;
  bool has_past = false;
  bool has_nonpad = false;
  bool causal = false;
  float scale = 1.f;
  float softcap = 0.f;
  int mode = 0;
  MaskKind mask = MaskKind::kNone;
  int64_t mask_len = 0;                // last mask dim (<= total)
  int64_t mask_stride[3] = {0, 0, 0};  // element strides of the mask for b, h, i (0 when broadcast)
};

// Layout of the scratch: K transposed per (b, kv head), the concatenated V when there is a past, and one score
// block per head group. Heads are split into one group per thread so the score buffers stay few. Offsets are in
// floats, each 64-byte aligned.
struct ScratchLayout {
  int64_t kt = 0, v = 0, scores = 0, end = 0;
  int64_t groups = 1;      // head groups (one score block each)
  int64_t block_rows = 1;  // query rows per score block
  int64_t block_size = 0;  // floats per score block
};

int64_t Align16(int64_t n) {
  return (n + 15) / 16 * 16;
}

ScratchLayout Layout(const AttnParams& p, int threads) {
  ScratchLayout l;
  l.groups = std::max<int64_t>(1, std::min<int64_t>(p.batch * p.q_heads, threads));
  l.block_rows = std::min(p.q_len, kRowBlock);
  l.block_size = Align16(l.block_rows * p.total);
  l.kt = 0;
  l.v = Align16(p.batch * p.kv_heads * p.dim * p.total);
  l.scores = l.v + Align16(p.has_past ? p.batch * p.kv_heads * p.total * p.v_dim : 0);
  l.end = l.scores + l.groups * l.block_size;
  return l;
}

class AttentionKernel : public Kernel {
 public:
  AttentionKernel(const AttnParams& p, int threads) : p_(p), l_(Layout(p, threads)) {}
  size_t ScratchBytes() const override { return static_cast<size_t>(l_.end) * sizeof(float); }
  double Flops() const override { return 2.0 * p_.batch * p_.q_heads * p_.q_len * p_.total * (p_.dim + p_.v_dim); }

  void Run(const RunContext& ctx) override {
    float* scratch = static_cast<float*>(ctx.scratch);
    std::vector<uint8_t> v_finite(p_.batch * p_.kv_heads, 1);
    ParallelForOrInline(ctx.pool, p_.batch * p_.kv_heads, [&](int64_t s, int64_t e) {
      for (int64_t bk = s; bk < e; ++bk) v_finite[bk] = PrepareKv(ctx, scratch, bk);
    });
    const int64_t heads = p_.batch * p_.q_heads;
    ParallelForOrInline(ctx.pool, l_.groups, [&](int64_t s, int64_t e) {
      for (int64_t g = s; g < e; ++g) {
        float* scores = scratch + l_.scores + g * l_.block_size;
        for (int64_t bh = g * heads / l_.groups; bh < (g + 1) * heads / l_.groups; ++bh) {
          Head(ctx, scratch, scores, bh / p_.q_heads, bh % p_.q_heads, v_finite.data());
        }
      }
    });
  }

 private:
  // Row s of K or V (sequence position s of the current input) for batch b, kv head kvh.
  const float* InputRow(const float* t, int64_t b, int64_t kvh, int64_t s, int64_t dim) const {
    return p_.three_d ? t + ((b * p_.kv_len + s) * p_.kv_heads + kvh) * dim
                      : t + ((b * p_.kv_heads + kvh) * p_.kv_len + s) * dim;
  }

  // Concatenates past and current K/V of one (b, kv head): K transposed into the scratch (the GEMM wants
  // K^T as [D, T]), present_key/present_value when requested, and V into the scratch when a past forces a copy.
  // Returns whether that V is all finite (the GEMM would turn 0 * inf of masked keys into NaN).
  bool PrepareKv(const RunContext& ctx, float* scratch, int64_t bk) const {
    const int64_t b = bk / p_.kv_heads, kvh = bk % p_.kv_heads, T = p_.total, D = p_.dim, Dv = p_.v_dim;
    const float* k = ctx.in[1].as<float>();
    const float* v = ctx.in[2].as<float>();
    const float* past_k = p_.has_past ? ctx.in[4].as<float>() + bk * p_.past * D : nullptr;
    const float* past_v = p_.has_past ? ctx.in[5].as<float>() + bk * p_.past * Dv : nullptr;
    float* kt = scratch + l_.kt + bk * D * T;
    float* present_k = ctx.out.size() > 1 && ctx.out[1].data ? ctx.out[1].as<float>() + bk * T * D : nullptr;
    float* present_v = ctx.out.size() > 2 && ctx.out[2].data ? ctx.out[2].as<float>() + bk * T * Dv : nullptr;
    float* v_copy = p_.has_past ? scratch + l_.v + bk * T * Dv : nullptr;
    bool finite = true;
    for (int64_t j = 0; j < T; ++j) {
      const float* kr = j < p_.past ? past_k + j * D : InputRow(k, b, kvh, j - p_.past, D);
      for (int64_t d = 0; d < D; ++d) kt[d * T + j] = kr[d];
      if (present_k) std::memcpy(present_k + j * D, kr, sizeof(float) * D);
      const float* vr = j < p_.past ? past_v + j * Dv : InputRow(v, b, kvh, j - p_.past, Dv);
      if (present_v) std::memcpy(present_v + j * Dv, vr, sizeof(float) * Dv);
      if (v_copy) std::memcpy(v_copy + j * Dv, vr, sizeof(float) * Dv);
      for (int64_t d = 0; d < Dv; ++d) finite = finite && std::isfinite(vr[d]);
    }
    return finite;
  }

  // One (batch, query head), in blocks of query rows: scores = Q K^T, masking and softmax row by row, Y = P V.
  void Head(const RunContext& ctx, float* scratch, float* scores, int64_t b, int64_t h, const uint8_t* v_finite) const {
    const int64_t T = p_.total, D = p_.dim, Dv = p_.v_dim, Sq = p_.q_len, Hq = p_.q_heads;
    const int64_t kvh = h / (Hq / p_.kv_heads), bk = b * p_.kv_heads + kvh;
    const float* q = ctx.in[0].as<float>();
    const float* q_head = p_.three_d ? q + b * Sq * Hq * D + h * D : q + (b * Hq + h) * Sq * D;
    const int64_t ldq = p_.three_d ? Hq * D : D;
    const float* v_head;
    int64_t ldv;
    if (p_.has_past) {
      v_head = scratch + l_.v + bk * T * Dv, ldv = Dv;
    } else {
      v_head = InputRow(ctx.in[2].as<float>(), b, kvh, 0, Dv), ldv = p_.three_d ? p_.kv_heads * Dv : Dv;
    }
    float* y = ctx.out[0].as<float>();
    float* y_head = p_.three_d ? y + b * Sq * Hq * Dv + h * Dv : y + (b * Hq + h) * Sq * Dv;
    const int64_t ldy = p_.three_d ? Hq * Dv : Dv;
    const int64_t* nonpad = p_.has_nonpad ? ctx.in[6].as<int64_t>() : nullptr;
    int64_t offset = p_.past;
    if (nonpad && !p_.has_past) offset = nonpad[b] - Sq;
    const int64_t visible_end = nonpad ? std::min(nonpad[b], T) : T;
    float* qk_out = ctx.out.size() > 3 && ctx.out[3].data ? ctx.out[3].as<float>() + (b * Hq + h) * Sq * T : nullptr;

    for (int64_t i0 = 0; i0 < Sq; i0 += l_.block_rows) {
      const int64_t rows = std::min(l_.block_rows, Sq - i0);
      SgemmCols(rows, 0, T, D, q_head + i0 * ldq, ldq, scratch + l_.kt + bk * D * T, T, scores, T, EpilogueParams{});
      for (int64_t r = 0; r < rows; ++r) {
        const int64_t i = i0 + r;
        const int64_t causal_end = p_.causal ? std::max<int64_t>(0, std::min(T, i + offset + 1)) : T;
        MaskRow(ctx, b, h, i, std::min(causal_end, visible_end), scores + r * T, qk_out ? qk_out + i * T : nullptr);
      }
      ApplyValues(scores, rows, v_head, ldv, y_head + i0 * ldy, ldy, v_finite[bk] != 0);
    }
  }

  // y[rows, Dv] = p[rows, T] * v[T, Dv].
  void ApplyValues(const float* p, int64_t rows, const float* v, int64_t ldv, float* y, int64_t ldy,
                   bool v_finite) const {
    const int64_t T = p_.total, Dv = p_.v_dim;
    if (v_finite) {
      SgemmCols(rows, 0, Dv, T, p, T, v, ldv, y, ldy, EpilogueParams{});
      return;
    }
    // Masked keys have p == 0 exactly and must not contribute even when their values are inf/NaN.
    for (int64_t i = 0; i < rows; ++i) {
      float* yr = y + i * ldy;
      for (int64_t d = 0; d < Dv; ++d) yr[d] = 0.f;
      for (int64_t j = 0; j < T; ++j) {
        const float pj = p[i * T + j];
        if (pj == 0.f) continue;
        for (int64_t d = 0; d < Dv; ++d) yr[d] += pj * v[j * ldv + d];
      }
    }
  }

  // Turns one row of raw dot products into probabilities in place; keys from `end` on are masked by the causal
  // or padding mask. Writes the row of qk_matmul_output when requested.
  void MaskRow(const RunContext& ctx, int64_t b, int64_t h, int64_t i, int64_t end, float* row, float* qk) const {
    const float* fmask = nullptr;
    const uint8_t* bmask = nullptr;
    if (p_.mask != MaskKind::kNone) {
      const int64_t off = b * p_.mask_stride[0] + h * p_.mask_stride[1] + i * p_.mask_stride[2];
      if (p_.mask == MaskKind::kFloat) fmask = ctx.in[3].as<float>() + off;
      if (p_.mask == MaskKind::kBool) bmask = ctx.in[3].as<uint8_t>() + off;
    }
    bool all_masked = true;
    float mx = kNegInf;
    for (int64_t j = 0; j < p_.total; ++j) {
      const float raw = row[j] * p_.scale;
      float v = p_.softcap > 0.f ? p_.softcap * std::tanh(raw / p_.softcap) : raw;
      if (qk && p_.mode == 0) qk[j] = raw;
      if (qk && p_.mode == 1) qk[j] = v;
      float bias = 0.f;
      if (j >= end || (p_.mask != MaskKind::kNone && j >= p_.mask_len)) {
        bias = kNegInf;
      } else if (fmask) {
        bias = fmask[j];
      } else if (bmask) {
        bias = bmask[j] ? 0.f : kNegInf;
      }
      all_masked = all_masked && bias == kNegInf;
      v += bias;
      if (qk && p_.mode == 2) qk[j] = v;
      row[j] = v;
      mx = std::max(mx, v);
    }
    if (all_masked || mx == kNegInf) {
      for (int64_t j = 0; j < p_.total; ++j) row[j] = 0.f;
    } else {
      float sum = 0.f;
      for (int64_t j = 0; j < p_.total; ++j) sum += row[j] = std::exp(row[j] - mx);
      const float inv = 1.f / sum;
      for (int64_t j = 0; j < p_.total; ++j) row[j] *= inv;
    }
    if (qk && p_.mode == 3) std::memcpy(qk, row, sizeof(float) * p_.total);
  }

  AttnParams p_;
  ScratchLayout l_;
};

// [B, H, S, dim] of a 3-D ([B, S, H*dim]) or 4-D input.
void HeadDims(const KernelBuilder& b, int i, bool three_d, int64_t heads_attr, const char* what, int64_t* batch,
              int64_t* heads, int64_t* seq, int64_t* dim) {
  const Dims& d = b.dims(i);
  if (three_d) {
    b.Require(heads_attr > 0 && d[2] % heads_attr == 0, std::string(what) + " hidden size " + std::to_string(d[2]) +
                                                            " is not a multiple of " + std::to_string(heads_attr) +
                                                            " heads (3-D inputs need q_num_heads and kv_num_heads)");
    *batch = d[0], *heads = heads_attr, *seq = d[1], *dim = d[2] / heads_attr;
  } else {
    b.Require(heads_attr == 0 || heads_attr == d[1], std::string(what) + " " + DimsToString(d) +
                                                         " disagrees with the num_heads attribute " +
                                                         std::to_string(heads_attr));
    *batch = d[0], *heads = d[1], *seq = d[2], *dim = d[3];
  }
}

void ReadMask(const KernelBuilder& b, AttnParams* p) {
  if (!b.has_input(3)) return;
  const DType t = b.in(3).dtype;
  b.Require(t == DType::kF32 || t == DType::kBool, "attn_mask must be bool or float");
  p->mask = t == DType::kBool ? MaskKind::kBool : MaskKind::kFloat;
  const Dims& m = b.dims(3);
  b.Require(m.size() >= 2 && m.size() <= 4, "attn_mask must have rank 2 to 4, got " + DimsToString(m));
  Dims md(4 - m.size(), 1);
  md.insert(md.end(), m.begin(), m.end());
  const int64_t want[3] = {p->batch, p->q_heads, p->q_len};
  for (int d = 0; d < 3; ++d) {
    b.Require(md[d] == 1 || md[d] == want[d], "attn_mask " + DimsToString(m) + " does not broadcast to [" +
                                                  std::to_string(p->batch) + ", " + std::to_string(p->q_heads) + ", " +
                                                  std::to_string(p->q_len) + ", " + std::to_string(p->total) + "]");
  }
  b.Require(md[3] <= p->total, "attn_mask's last dim " + std::to_string(md[3]) + " exceeds the total sequence length " +
                                   std::to_string(p->total));
  p->mask_len = md[3];
  const Dims st = Strides(md);
  for (int d = 0; d < 3; ++d) p->mask_stride[d] = md[d] == 1 ? 0 : st[d];
}

void ReadAttributes(const KernelBuilder& b, AttnParams* p) {
  const Node& n = b.node();
  p->causal = n.AttrInt("is_causal", 0) != 0;
  p->scale = n.HasAttr("scale") ? n.AttrFloat("scale", 1.f) : 1.f / std::sqrt(static_cast<float>(p->dim));
  p->softcap = n.AttrFloat("softcap", 0.f);
  const int64_t mode = n.AttrInt("qk_matmul_output_mode", 0);
  b.Require(mode >= 0 && mode <= 3, "qk_matmul_output_mode must be 0..3, got " + std::to_string(mode));
  p->mode = static_cast<int>(mode);
  if (n.HasAttr("softmax_precision")) {
    const int64_t sp = n.AttrInt("softmax_precision", onnx_type::kFloat);
    b.Require(sp == onnx_type::kFloat || sp == onnx_type::kFloat16 || sp == onnx_type::kDouble || sp == 16,
              "softmax_precision " + std::to_string(sp) + " is not a float type");
  }
}

template <int kOpset>
std::unique_ptr<Kernel> MakeAttention(KernelBuilder& b) {
  b.ExpectInputs(3, kOpset >= 24 ? 7 : 6);
  for (int i : {0, 1, 2, 4, 5}) b.ExpectFloat(i);
  b.Require(b.num_outputs() <= 4, "expects at most 4 outputs");
  const size_t rank = b.dims(0).size();
  b.Require((rank == 3 || rank == 4) && b.dims(1).size() == rank && b.dims(2).size() == rank,
            "Q, K and V must all be 3-D or all 4-D");
  AttnParams p;
  p.three_d = rank == 3;
  const int64_t q_heads_attr = b.node().AttrInt("q_num_heads", 0);
  const int64_t kv_heads_attr = b.node().AttrInt("kv_num_heads", 0);
  int64_t kb, kh, vb, vh, vs, k_dim;
  HeadDims(b, 0, p.three_d, q_heads_attr, "Q", &p.batch, &p.q_heads, &p.q_len, &p.dim);
  HeadDims(b, 1, p.three_d, kv_heads_attr, "K", &kb, &kh, &p.kv_len, &k_dim);
  b.Require(k_dim == p.dim, "K's head size " + std::to_string(k_dim) + " differs from Q's " + std::to_string(p.dim));
  HeadDims(b, 2, p.three_d, kv_heads_attr, "V", &vb, &vh, &vs, &p.v_dim);
  b.Require(kb == p.batch && vb == p.batch, "Q, K and V must share the batch size");
  b.Require(vh == kh && vs == p.kv_len, "K and V must share heads and sequence length");
  p.kv_heads = kh;
  b.Require(kh > 0 && p.q_heads % kh == 0,
            "q heads " + std::to_string(p.q_heads) + " must be a multiple of kv heads " + std::to_string(kh));
  b.Require(b.has_input(4) == b.has_input(5), "past_key and past_value must be given together");
  p.has_past = b.has_input(4);
  if (p.has_past) {
    const Dims& pk = b.dims(4);
    const Dims& pv = b.dims(5);
    b.Require(pk.size() == 4 && pk[0] == p.batch && pk[1] == kh && pk[3] == p.dim,
              "past_key must be [B, kv_heads, P, head_size], got " + DimsToString(pk));
    b.Require(pv == Dims{p.batch, kh, pk[2], p.v_dim},
              "past_value must be [B, kv_heads, P, v_head_size] like past_key, got " + DimsToString(pv));
    p.past = pk[2];
  }
  p.total = p.past + p.kv_len;
  b.Require(p.batch > 0 && p.q_len > 0 && p.dim > 0 && p.v_dim > 0 && p.total > 0 && p.q_heads > 0,
            "empty Q/K/V dims are not supported");
  p.has_nonpad = kOpset >= 24 && b.has_input(6);
  if (p.has_nonpad) {
    b.Require(b.in(6).dtype == DType::kI64, "nonpad_kv_seqlen must be an integer tensor");
    b.Require(b.dims(6) == Dims{p.batch}, "nonpad_kv_seqlen must be [B], got " + DimsToString(b.dims(6)));
  }
  ReadAttributes(b, &p);
  ReadMask(b, &p);
  b.SetOutput(0, DType::kF32,
              p.three_d ? Dims{p.batch, p.q_len, p.q_heads * p.v_dim} : Dims{p.batch, p.q_heads, p.q_len, p.v_dim});
  b.SetOutput(1, DType::kF32, {p.batch, kh, p.total, p.dim});
  b.SetOutput(2, DType::kF32, {p.batch, kh, p.total, p.v_dim});
  b.SetOutput(3, DType::kF32, {p.batch, p.q_heads, p.q_len, p.total});
  return std::make_unique<AttentionKernel>(p, b.options().threads);
}

PARITY_REGISTER_OP({"", "Attention", 23, 23, &MakeAttention<23>});
PARITY_REGISTER_OP({"", "Attention", 24, kMaxOpset, &MakeAttention<24>});

}  // namespace
}  // namespace parity::rt
