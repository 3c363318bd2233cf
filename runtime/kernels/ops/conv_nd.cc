// Portable N-D Conv (see conv_nd.h): per image and group, im2col of the padded / strided / dilated windows into
// scratch ([Cg * K, out positions]) and one SGEMM with the weight rows of the group, whose epilogue adds the bias
// and the fused residual and applies the fused activation.
#include "kernels/ops/conv_nd.h"

#include "kernels/common/sgemm.h"
#include "kernels/common/window.h"

namespace parity::rt {
namespace {

class ConvNdKernel : public Kernel {
 public:
  WindowNd w;
  int64_t n = 1, c = 1, oc = 1, group = 1;
  ConstPtr weight, bias;
  int residual = -1;
  Act act = Act::kNone;
  float alpha = 0, beta = 0;

  int64_t KSize() const { return NumElements(w.kernel); }
  size_t ScratchBytes() const override { return static_cast<size_t>((c / group) * KSize() * w.OutSize()) * 4; }
  double Flops() const override { return 2.0 * n * oc * w.OutSize() * (c / group) * KSize(); }

  void Run(const RunContext& ctx) override {
    const int64_t cg = c / group, ocg = oc / group, osz = w.OutSize(), isz = w.InSize(), kk = cg * KSize();
    float* col = static_cast<float*>(ctx.scratch);
    for (int64_t b = 0; b < n; ++b) {
      for (int64_t g = 0; g < group; ++g) {
        const float* x = ctx.in[0].as<float>() + (b * c + g * cg) * isz;
        ParallelForOrInline(ctx.pool, cg, [&](int64_t c0, int64_t c1) {
          for (int64_t ci = c0; ci < c1; ++ci) Im2Col(x + ci * isz, col + ci * KSize() * osz);
        });
        EpilogueParams e;
        e.bias = bias ? bias->as<float>() + g * ocg : nullptr;
        e.bias_per_row = true;
        e.residual = residual >= 0 ? ctx.in[residual].as<float>() + (b * oc + g * ocg) * osz : nullptr;
        e.ld_residual = osz;
        e.act = act;
        e.alpha = alpha;
        e.beta = beta;
        float* y = ctx.out[0].as<float>() + (b * oc + g * ocg) * osz;
        Sgemm(ocg, osz, kk, weight->as<float>() + g * ocg * kk, kk, col, osz, y, osz, e, ctx.pool);
      }
    }
  }

 private:
  // col[kf][o] = x at output position o shifted by kernel offset kf (0 in the padding) for one input channel.
  void Im2Col(const float* x, float* col) const {
    const size_t nd = w.in.size();
    const int64_t osz = w.OutSize();
    Dims is = Strides(w.in);
    int64_t kidx[kMaxRank], oo[kMaxRank];
    for (int64_t kf = 0; kf < KSize(); ++kf) {
      for (size_t i = nd, r = kf; i-- > 0;) {
        kidx[i] = static_cast<int64_t>(r) % w.kernel[i];
        r /= w.kernel[i];
      }
      float* dst = col + kf * osz;
      std::fill(oo, oo + nd, 0);
      for (int64_t o = 0; o < osz; ++o) {
        int64_t off = 0;
        bool inside = true;
        for (size_t i = 0; i < nd; ++i) {
          int64_t pos = oo[i] * w.strides[i] - w.pad_begin[i] + kidx[i] * w.dilations[i];
          inside = inside && pos >= 0 && pos < w.in[i];
          off += pos * is[i];
        }
        dst[o] = inside ? x[off] : 0.f;
        for (size_t i = nd; i-- > 0;) {
          if (++oo[i] < w.out[i]) break;
          oo[i] = 0;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeConvNd(KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  b.ExpectFloat(0);
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported by the N-D Conv kernel");
  const Node& nd = b.node();
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 3 && x.size() - 2 <= static_cast<size_t>(kMaxRank), "input must be [N, C, D1..Dn]");
  const ConstTensor& wt = b.ConstInput(1, "W");
  b.Require(wt.dtype == DType::kF32 && wt.dims.size() == x.size(), "weight must be float with the input's rank");
  auto k = std::make_unique<ConvNdKernel>();
  k->n = x[0];
  k->c = x[1];
  k->oc = wt.dims[0];
  k->group = nd.AttrInt("group", 1);
  b.Require(k->group >= 1 && k->c % k->group == 0 && k->oc % k->group == 0 && wt.dims[1] == k->c / k->group,
            "weight channels do not match the input and group");
  k->w = ParseWindowNd(b, x, false, Dims(wt.dims.begin() + 2, wt.dims.end()));
  k->weight = b.in(1).data;
  if (b.has_input(2)) {
    k->bias = b.in(2).data;
    if (!k->bias) b.ConstInput(2, "B");
    b.Require(k->bias->size() == k->oc, "bias must have OC elements");
  }
  Dims out = {k->n, k->oc};
  out.insert(out.end(), k->w.out.begin(), k->w.out.end());
  k->residual = nd.residual_input;
  if (k->residual >= 0) {
    b.Require(b.has_input(k->residual) && b.dims(k->residual) == out, "fused residual must have the output's dims");
  }
  k->act = nd.epilogue.act;
  k->alpha = nd.epilogue.alpha;
  k->beta = nd.epilogue.beta;
  b.SetOutput(0, DType::kF32, out);
  return k;
}

}  // namespace parity::rt
