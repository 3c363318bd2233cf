// ConvTranspose over any number of spatial dims (groups, strides, dilations, pads, output_padding, output_shape,
// auto_pad) as GEMM + col2im, with bias and the fused activation.
#include "kernels/common/sgemm.h"
#include "kernels/common/window.h"

namespace parity::rt {
namespace {

class ConvTransposeKernel : public Kernel {
 public:
  int64_t n = 1, c = 1, oc = 1, group = 1;
  Dims in, out, kernel, strides, dilations, pad_begin;  // spatial
  ConstPtr wt;  // per group: [OCg*K, Cg]
  ConstPtr bias;
  Act act = Act::kNone;
  float alpha = 0, beta = 0;

  int64_t InSize() const { return NumElements(in); }
  int64_t OutSize() const { return NumElements(out); }
  int64_t KSize() const { return NumElements(kernel); }
  size_t ScratchBytes() const override { return static_cast<size_t>((oc / group) * KSize() * InSize()) * 4; }
  double Flops() const override { return 2.0 * n * c * InSize() * (oc / group) * KSize(); }

  void Run(const RunContext& ctx) override {
    int64_t cg = c / group, ocg = oc / group, m = ocg * KSize(), isz = InSize(), osz = OutSize();
    float* col = static_cast<float*>(ctx.scratch);
    float* y = ctx.out[0].as<float>();
    std::memset(y, 0, static_cast<size_t>(n * oc * osz) * 4);
    for (int64_t b = 0; b < n; ++b) {
      for (int64_t g = 0; g < group; ++g) {
        const float* x = ctx.in[0].as<float>() + (b * c + g * cg) * isz;
        Sgemm(m, isz, cg, wt->as<float>() + g * m * cg, cg, x, isz, col, isz, EpilogueParams{}, ctx.pool);
        float* yg = y + (b * oc + g * ocg) * osz;
        ParallelForOrInline(ctx.pool, ocg, [&](int64_t o0, int64_t o1) {
          for (int64_t o = o0; o < o1; ++o) Col2Im(col + o * KSize() * isz, yg + o * osz);
        });
      }
      EpilogueParams e;
      e.bias = bias ? bias->as<float>() : nullptr;
      e.bias_per_row = true;
      e.act = act;
      e.alpha = alpha;
      e.beta = beta;
      ApplyEpilogue(e, y + b * oc * osz, osz, 0, oc, 0, osz);
    }
  }

 private:
  // y[i * s - pad + k * d] += col[k][i] for one output channel; the last spatial dim is the inner loop.
  void Col2Im(const float* col, float* y) const {
    const size_t nd = in.size(), last = nd - 1;
    const int64_t isz = InSize(), rows = isz / in[last];
    int64_t kidx[kMaxRank], iidx[kMaxRank];
    for (int64_t kf = 0; kf < KSize(); ++kf) {
      for (size_t i = nd, r = kf; i-- > 0;) {
        kidx[i] = static_cast<int64_t>(r) % kernel[i];
        r /= kernel[i];
      }
      const float* cr = col + kf * isz;
      const int64_t shift = kidx[last] * dilations[last] - pad_begin[last];
      for (int64_t r = 0; r < rows; ++r) {
        for (size_t i = last, q = r; i-- > 0;) {
          iidx[i] = static_cast<int64_t>(q) % in[i];
          q /= in[i];
        }
        int64_t off = 0;
        bool valid = true;
        for (size_t i = 0; i < last && valid; ++i) {
          int64_t oi = iidx[i] * strides[i] - pad_begin[i] + kidx[i] * dilations[i];
          valid = oi >= 0 && oi < out[i];
          off = off * out[i] + oi;
        }
        if (!valid) continue;
        float* yr = y + off * out[last];
        const float* xr = cr + r * in[last];
        for (int64_t ix = 0; ix < in[last]; ++ix) {
          int64_t ox = ix * strides[last] + shift;
          if (ox >= 0 && ox < out[last]) yr[ox] += xr[ix];
        }
      }
    }
  }
};

// Spatial attribute of length sp (output_shape may also be written with N and C included).
std::vector<int64_t> SpatialAttr(const KernelBuilder& b, const char* name, size_t sp, int64_t def) {
  std::vector<int64_t> v = b.node().AttrInts(name);
  if (v.empty()) v.assign(sp, def);
  if (v.size() == sp + 2 && std::string(name) == "output_shape") v.erase(v.begin(), v.begin() + 2);
  b.Require(v.size() == sp, std::string(name) + " has wrong length");
  return v;
}

// Resolves pads and output sizes (output_shape / auto_pad derive the pads; of an odd total SAME_UPPER puts the
// extra unit at the end, SAME_LOWER and plain output_shape at the beginning).
void ResolveGeometry(const KernelBuilder& b, ConvTransposeKernel* k) {
  const Node& nd = b.node();
  const size_t sp = k->in.size();
  k->strides = SpatialAttr(b, "strides", sp, 1);
  k->dilations = SpatialAttr(b, "dilations", sp, 1);
  std::vector<int64_t> op = SpatialAttr(b, "output_padding", sp, 0);
  std::vector<int64_t> pads = nd.AttrInts("pads");
  if (pads.empty()) pads.assign(2 * sp, 0);
  b.Require(pads.size() == 2 * sp, "pads has wrong length");
  bool has_shape = nd.HasAttr("output_shape");
  std::vector<int64_t> shape = SpatialAttr(b, "output_shape", sp, 0);
  std::string ap = nd.AttrString("auto_pad", "NOTSET");
  b.Require(ap == "NOTSET" || ap == "VALID" || ap == "SAME_UPPER" || ap == "SAME_LOWER",
            "auto_pad=" + ap + " is not supported");
  bool same = ap == "SAME_UPPER" || ap == "SAME_LOWER";
  k->pad_begin.assign(sp, 0);
  k->out.assign(sp, 0);
  for (size_t i = 0; i < sp; ++i) {
    b.Require(k->strides[i] >= 1 && k->dilations[i] >= 1, "strides and dilations must be >= 1");
    int64_t natural = k->strides[i] * (k->in[i] - 1) + op[i] + (k->kernel[i] - 1) * k->dilations[i] + 1;
    if (same || (has_shape && !nd.HasAttr("pads"))) {
      k->out[i] = has_shape ? shape[i] : k->in[i] * k->strides[i];
      int64_t total = natural - k->out[i];
      int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);  // floor
      k->pad_begin[i] = ap == "SAME_UPPER" ? half : total - half;
    } else {
      int64_t pb = ap == "NOTSET" ? pads[i] : 0, pe = ap == "NOTSET" ? pads[i + sp] : 0;
      k->pad_begin[i] = pb;
      k->out[i] = has_shape ? shape[i] : natural - pb - pe;
    }
    b.Require(k->out[i] >= 0, "negative output size");
  }
}

std::unique_ptr<Kernel> MakeConvTranspose(KernelBuilder& b) {
  b.ExpectInputs(2, 3);
  b.ExpectFloat(0);
  const Node& nd = b.node();
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 3 && x.size() - 2 <= static_cast<size_t>(kMaxRank), "input must be [N, C, D1..Dn]");
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported");
  const ConstTensor& w = b.ConstInput(1, "W");
  auto k = std::make_unique<ConvTransposeKernel>();
  k->n = x[0];
  k->c = x[1];
  k->in.assign(x.begin() + 2, x.end());
  k->group = nd.AttrInt("group", 1);
  b.Require(k->group >= 1 && w.dims.size() == x.size() && w.dims[0] == k->c && k->c % k->group == 0,
            "weight dims mismatch");
  k->oc = w.dims[1] * k->group;
  k->kernel.assign(w.dims.begin() + 2, w.dims.end());
  std::vector<int64_t> ks = nd.AttrInts("kernel_shape");
  b.Require(ks.empty() || ks == k->kernel, "kernel_shape does not match W");
  ResolveGeometry(b, k.get());
  int64_t cg = k->c / k->group, ocg = k->oc / k->group, m = ocg * k->KSize();
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
  Dims out = {k->n, k->oc};
  out.insert(out.end(), k->out.begin(), k->out.end());
  b.SetOutput(0, DType::kF32, out);
  return k;
}

PARITY_REGISTER_OP({"", "ConvTranspose", 1, kMaxOpset, &MakeConvTranspose});

}  // namespace
}  // namespace parity::rt
