// Direct convolution producing a channel-blocked output (N, OC/b, OH, OW, b), with the fused epilogue.
// The input is blocked (N, C/b, H, W, b) or, for the first conv of a chain (few channels), plain NCHW.
// Supports group == 1 and depthwise (group == C == OC). Weights are packed to [OC/b][C][kh][kw][b] (depthwise:
// [C/b][kh][kw][b]) so the innermost loop runs over b output channels.
#include "core/cpu_features.h"
#include "kernels/common/op_util.h"
#include "kernels/ops/conv_common.h"
#include "kernels/ops/conv_nchwc_row.h"

namespace parity::rt {
namespace {

constexpr int kMaxBlock = 16;

class ConvNchwcKernel : public Kernel {
 public:
  ConvSetup s;
  int b = 16;
  bool in_blocked = true, depthwise = false;
  bool avx512 = false;             // 16-lane rows of group-1 convs run the AVX-512 row kernel
  int64_t ox_in0 = 0, ox_in1 = 0;  // columns whose taps are all inside the input horizontally
  int64_t icb = 1, ocb = 1;        // channel blocks
  ConstPtr packed, bias_padded;

  double Flops() const override { return s.flops; }
  void Prepare() override {
    const float* w = s.weight->as<float>();
    int64_t kk = s.w.kh * s.w.kw;
    if (depthwise) {
      packed = MakeConst(DType::kF32, {ocb, kk, b});
      for (int64_t c = 0; c < s.c; ++c)
        for (int64_t k = 0; k < kk; ++k) packed->mut<float>()[((c / b) * kk + k) * b + c % b] = w[c * kk + k];
    } else {
      packed = MakeConst(DType::kF32, {ocb, s.c, kk, b});
      for (int64_t o = 0; o < s.oc; ++o)
        for (int64_t c = 0; c < s.c; ++c)
          for (int64_t k = 0; k < kk; ++k)
            packed->mut<float>()[(((o / b) * s.c + c) * kk + k) * b + o % b] = w[(o * s.c + c) * kk + k];
    }
    bias_padded = MakeConst(DType::kF32, {ocb * b});
    if (s.bias)
      for (int64_t o = 0; o < s.oc; ++o) bias_padded->mut<float>()[o] = s.bias->as<float>()[o];
  }

  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* res = s.residual_index >= 0 ? ctx.in[s.residual_index].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    int64_t rows = s.n * ocb * s.w.oh;
    ParallelForOrInline(ctx.pool, rows, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) Row(x, res, y, r);
    });
  }

 private:
  // One output row (image n, block ob, row oy): all ox, b lanes each.
  void Row(const float* x, const float* res, float* y, int64_t r) const {
    const Window& w = s.w;
    int64_t oy = r % w.oh, ob = (r / w.oh) % ocb, n = r / (w.oh * ocb);
    int64_t kk = w.kh * w.kw;
    float* yr = y + r * w.ow * b;
    const float* bias = bias_padded->as<float>() + ob * b;
    if (avx512 && ox_in1 > ox_in0) {
      NchwcRowArgs a{in_blocked ? x + n * icb * w.ih * w.iw * b : x + n * s.c * w.ih * w.iw,
                     packed->as<float>() + ob * s.c * kk * b,
                     bias,
                     res ? res + r * w.ow * b : nullptr,
                     yr,
                     ox_in0,
                     ox_in1,
                     oy,
                     s.c,
                     w.ih,
                     w.iw,
                     w.kh,
                     w.kw,
                     w.sh,
                     w.sw,
                     w.dh,
                     w.dw,
                     w.pt,
                     w.pl,
                     in_blocked ? 1 : 0};
      ConvNchwcRowAvx512(a);
      if (s.act != Act::kNone) ApplyActArray(s.act, s.alpha, s.beta, yr + ox_in0 * b, (ox_in1 - ox_in0) * b);
    }
    for (int64_t ox = 0; ox < w.ow; ++ox) {
      if (avx512 && ox >= ox_in0 && ox < ox_in1) continue;
      float acc[kMaxBlock];
      for (int j = 0; j < b; ++j) acc[j] = bias[j];
      for (int64_t ki = 0; ki < w.kh; ++ki) {
        int64_t iy = oy * w.sh - w.pt + ki * w.dh;
        if (iy < 0 || iy >= w.ih) continue;
        for (int64_t kj = 0; kj < w.kw; ++kj) {
          int64_t ix = ox * w.sw - w.pl + kj * w.dw;
          if (ix < 0 || ix >= w.iw) continue;
          if (depthwise) {
            const float* xv = x + (((n * icb + ob) * w.ih + iy) * w.iw + ix) * b;
            const float* wv = packed->as<float>() + (ob * kk + ki * w.kw + kj) * b;
            for (int j = 0; j < b; ++j) acc[j] += xv[j] * wv[j];
            continue;
          }
          const float* wbase = packed->as<float>() + (ob * s.c * kk + ki * w.kw + kj) * b;
          for (int64_t c = 0; c < s.c; ++c) {
            float xv = in_blocked ? x[(((n * icb + c / b) * w.ih + iy) * w.iw + ix) * b + c % b]
                                  : x[((n * s.c + c) * w.ih + iy) * w.iw + ix];
            const float* wv = wbase + c * kk * b;
            for (int j = 0; j < b; ++j) acc[j] += xv * wv[j];
          }
        }
      }
      float* out = yr + ox * b;
      const float* rv = res ? res + (r * w.ow + ox) * b : nullptr;
      for (int j = 0; j < b; ++j) {
        float v = acc[j] + (rv ? rv[j] : 0.f);
        out[j] = ApplyAct(s.act, v, s.alpha, s.beta);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeConvNchwc(KernelBuilder& b) {
  auto k = std::make_unique<ConvNchwcKernel>();
  k->s = ParseConv(b);
  const ConvSetup& s = k->s;
  k->in_blocked = b.in(0).layout == MemLayout::kBlocked;
  k->b = k->in_blocked ? b.in(0).block : b.options().channel_block;
  b.Require(k->b <= kMaxBlock, "channel block too large");
  b.Require(b.options().conv_algo != ConvAlgo::kIm2col && b.options().conv_algo != ConvAlgo::kGemm1x1,
            "blocked layout conv needs conv=auto or direct");
  b.Require(s.w.spatial == 2, "blocked layout conv needs a 2-D conv");
  k->depthwise = s.group == s.c && s.group == s.oc && s.group > 1;
  b.Require(s.group == 1 || k->depthwise, "blocked layout conv supports group 1 or depthwise only");
  b.Require(!k->depthwise || k->in_blocked, "blocked depthwise conv needs a blocked input");
  if (s.residual_index >= 0) {
    b.Require(b.in(s.residual_index).layout == MemLayout::kBlocked, "fused residual must be blocked too");
  }
  k->icb = (s.c + k->b - 1) / k->b;
  k->avx512 = k->b == 16 && !k->depthwise && ActiveIsa() >= Isa::kAvx512;
  // Interior columns: ox * sw - pl >= 0 and ox * sw - pl + (kw - 1) * dw < iw.
  k->ox_in0 = std::min(s.w.ow, (s.w.pl + s.w.sw - 1) / s.w.sw);
  int64_t span = s.w.iw + s.w.pl - (s.w.kw - 1) * s.w.dw;  // ox * sw < span
  k->ox_in1 = span <= 0 ? k->ox_in0 : std::max(k->ox_in0, std::min(s.w.ow, (span + s.w.sw - 1) / s.w.sw));
  k->ocb = (s.oc + k->b - 1) / k->b;
  b.SetOutput(0, DType::kF32, WindowOutDims(s.w, s.n, s.oc), MemLayout::kBlocked, k->b);
  return k;
}

}  // namespace parity::rt
