// ConvTranspose (2-D, groups, strides, dilations, pads, output_padding) as GEMM + col2im, with bias and the
// fused activation. output_shape/auto_pad are rejected.
#include "kernels/common/sgemm.h"
#include "kernels/common/window.h"

namespace parity::rt {
namespace {

class ConvTransposeKernel : public Kernel {
 public:
  int64_t n = 1, c = 1, oc = 1, group = 1, ih = 1, iw = 1, oh = 1, ow = 1, kh = 1, kw = 1;
  int64_t sh = 1, sw = 1, dh = 1, dw = 1, pt = 0, pl = 0;
  ConstPtr wt;  // per group: [OCg*kh*kw, Cg]
  ConstPtr bias;
  Act act = Act::kNone;
  float alpha = 0, beta = 0;

  size_t ScratchBytes() const override { return static_cast<size_t>((oc / group) * kh * kw * ih * iw) * 4; }
  double Flops() const override { return 2.0 * n * c * ih * iw * (oc / group) * kh * kw; }

  void Run(const RunContext& ctx) override {
    int64_t cg = c / group, ocg = oc / group, m = ocg * kh * kw, hw = ih * iw;
    float* col = static_cast<float*>(ctx.scratch);
    float* y = ctx.out[0].as<float>();
    std::memset(y, 0, static_cast<size_t>(n * oc * oh * ow) * 4);
    for (int64_t b = 0; b < n; ++b) {
      for (int64_t g = 0; g < group; ++g) {
        const float* x = ctx.in[0].as<float>() + (b * c + g * cg) * hw;
        Sgemm(m, hw, cg, wt->as<float>() + g * m * cg, cg, x, hw, col, hw, EpilogueParams{}, ctx.pool);
        float* yg = y + (b * oc + g * ocg) * oh * ow;
        for (int64_t o = 0; o < ocg; ++o) {
          for (int64_t ki = 0; ki < kh; ++ki) {
            for (int64_t kj = 0; kj < kw; ++kj) {
              const float* cr = col + ((o * kh + ki) * kw + kj) * hw;
              for (int64_t iy = 0; iy < ih; ++iy) {
                int64_t oy = iy * sh - pt + ki * dh;
                if (oy < 0 || oy >= oh) continue;
                for (int64_t ix = 0; ix < iw; ++ix) {
                  int64_t ox = ix * sw - pl + kj * dw;
                  if (ox >= 0 && ox < ow) yg[(o * oh + oy) * ow + ox] += cr[iy * iw + ix];
                }
              }
            }
          }
        }
      }
      EpilogueParams e;
      e.bias = bias ? bias->as<float>() : nullptr;
      e.bias_per_row = true;
      e.act = act;
      e.alpha = alpha;
      e.beta = beta;
      ApplyEpilogue(e, y + b * oc * oh * ow, oh * ow, 0, oc, 0, oh * ow);
    }
  }
};

std::unique_ptr<Kernel> MakeConvTranspose(KernelBuilder& b) {
  b.ExpectInputs(2, 3);
  b.ExpectFloat(0);
  const Node& nd = b.node();
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4, "only 2-D ConvTranspose is supported");
  b.Require(!nd.HasAttr("output_shape"), "output_shape is not supported");
  b.Require(nd.AttrString("auto_pad", "NOTSET") == "NOTSET", "auto_pad is not supported");
  const ConstTensor& w = b.ConstInput(1, "W");
  auto k = std::make_unique<ConvTransposeKernel>();
  k->n = x[0];
  k->c = x[1];
  k->ih = x[2];
  k->iw = x[3];
  k->group = nd.AttrInt("group", 1);
  b.Require(w.dims.size() == 4 && w.dims[0] == k->c && k->c % k->group == 0, "weight dims mismatch");
  k->oc = w.dims[1] * k->group;
  k->kh = w.dims[2];
  k->kw = w.dims[3];
  auto get = [&](const char* a, int64_t def, size_t len) {
    std::vector<int64_t> v = nd.AttrInts(a);
    if (v.empty()) v.assign(len, def);
    b.Require(v.size() == len, std::string(a) + " has wrong length");
    return v;
  };
  auto s = get("strides", 1, 2), d = get("dilations", 1, 2), p = get("pads", 0, 4), op = get("output_padding", 0, 2);
  k->sh = s[0];
  k->sw = s[1];
  k->dh = d[0];
  k->dw = d[1];
  k->pt = p[0];
  k->pl = p[1];
  k->oh = s[0] * (k->ih - 1) + op[0] + (k->kh - 1) * d[0] + 1 - p[0] - p[2];
  k->ow = s[1] * (k->iw - 1) + op[1] + (k->kw - 1) * d[1] + 1 - p[1] - p[3];
  int64_t cg = k->c / k->group, ocg = k->oc / k->group, m = ocg * k->kh * k->kw;
  k->wt = MakeConst(DType::kF32, {k->group, m, cg});
  for (int64_t g = 0; g < k->group; ++g)
    for (int64_t ci = 0; ci < cg; ++ci)
      for (int64_t r = 0; r < m; ++r)
        k->wt->mut<float>()[(g * m + r) * cg + ci] = w.as<float>()[((g * cg + ci) * m) + r];
  if (b.has_input(2)) {
    k->bias = b.in(2).data;
    if (!k->bias) b.ConstInput(2, "B");
  }
  k->act = nd.epilogue.act;
  k->alpha = nd.epilogue.alpha;
  k->beta = nd.epilogue.beta;
  b.SetOutput(0, DType::kF32, {k->n, k->oc, k->oh, k->ow});
  return k;
}

PARITY_REGISTER_OP({"", "ConvTranspose", 1, kMaxOpset, &MakeConvTranspose});

}  // namespace
}  // namespace parity::rt
