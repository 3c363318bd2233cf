// ConvTranspose: the gradient of Conv with respect to its input ("deconvolution"). Every input cell scatters
//   y[n, m, i*strides - pads_begin + k*dilations] += x[n, c, i] * W[c, m', k]     (m = group(c)*M/group + m')
// then B[m] is added. X is [N, C, D1..Dn], W is [C, M/group, k1..kn], B (optional) is [M]; n = 1, 2, 3 (any n).
// Output size per dim: strides*(in-1) + output_padding + ((k-1)*dilations + 1) - pads_begin - pads_end.
// Attributes: kernel_shape (inferred from W), strides / dilations (default 1), group (default 1),
// output_padding (default 0; extra cells at the end of each dim), pads (default 0), output_shape (when given,
// the output's spatial size; pads are then derived from it unless given), auto_pad: SAME_UPPER / SAME_LOWER
// derive pads so that out = in * strides (or output_shape); of an odd total, SAME_UPPER puts the extra unit at
// the end and SAME_LOWER (and output_shape without auto_pad) at the beginning; VALID means no padding.
//   ConvTranspose-1: float types.  ConvTranspose-11: same semantics.  ConvTranspose-22: adds bfloat16.
#include <algorithm>

#include "core/nn_parallel.h"
#include "core/elementwise.h"
#include "core/nn_window.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

// Row-major odometer over the first `count` entries of `limits`.
void Advance(std::vector<int64_t>& index, const std::vector<int64_t>& limits, int64_t count) {
  for (int64_t i = count - 1; i >= 0; --i) {
    if (++index[i] < limits[i]) return;
    index[i] = 0;
  }
}

std::vector<int64_t> SpatialAttr(const OpContext& ctx, const char* name, int64_t spatial, int64_t fill) {
  if (!ctx.HasAttr(name)) return std::vector<int64_t>(spatial, fill);
  std::vector<int64_t> v = ctx.GetInts(name);
  // output_padding / output_shape are sometimes written with 2*n values or with N and C included.
  if (static_cast<int64_t>(v.size()) == spatial + 2 && std::string(name) == "output_shape") {
    v.erase(v.begin(), v.begin() + 2);
  }
  ctx.Check(static_cast<int64_t>(v.size()) >= spatial,
            std::string(name) + " has " + std::to_string(v.size()) + " values for " + std::to_string(spatial) +
                " spatial dims");
  v.resize(spatial);
  return v;
}

// The output geometry, written in WindowGeometry's terms with in/out swapped: `out` is ConvTranspose's output.
WindowGeometry TransposeGeometry(const OpContext& ctx, const std::vector<int64_t>& in,
                                 const std::vector<int64_t>& weight_kernel) {
  const int64_t n = static_cast<int64_t>(in.size());
  WindowAttrs a = ReadWindowAttrs(ctx, n, weight_kernel, true, false);
  const std::vector<int64_t> output_padding = SpatialAttr(ctx, "output_padding", n, 0);
  const bool has_shape = ctx.HasAttr("output_shape");
  const std::vector<int64_t> output_shape = SpatialAttr(ctx, "output_shape", n, 0);
  const bool same = a.auto_pad == AutoPad::kSameUpper || a.auto_pad == AutoPad::kSameLower;
  WindowGeometry g;
  g.in = in;
  g.kernel = a.kernel;
  g.strides = a.strides;
  g.dilations = a.dilations;
  g.pad_begin.assign(n, 0);
  g.pad_end.assign(n, 0);
  g.out.assign(n, 0);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t natural = a.strides[i] * (in[i] - 1) + output_padding[i] + (a.kernel[i] - 1) * a.dilations[i] + 1;
    if (same || (has_shape && !ctx.HasAttr("pads"))) {
      g.out[i] = has_shape ? output_shape[i] : in[i] * a.strides[i];
      const int64_t total = natural - g.out[i];
      const int64_t half = FloorDiv(total, 2);
      g.pad_begin[i] = a.auto_pad == AutoPad::kSameUpper ? half : total - half;
      g.pad_end[i] = total - g.pad_begin[i];
    } else {
      if (a.auto_pad == AutoPad::kNotSet) {
        g.pad_begin[i] = a.pads[i];
        g.pad_end[i] = a.pads[i + n];
      }
      g.out[i] = has_shape ? output_shape[i] : natural - g.pad_begin[i] - g.pad_end[i];
    }
    ctx.Check(g.out[i] >= 0, "negative output size " + std::to_string(g.out[i]) + " in spatial dim " +
                                 std::to_string(i));
  }
  return g;
}

// y_plane[i*s - pb + k*d] += cols[(m*K + k) * I + i] for one output channel m (cols rows m*K .. m*K + K-1).
void Col2Im(const double* cols, const WindowGeometry& g, double* y) {
  const size_t n = g.in.size();
  if (n == 0) return;
  const int64_t in_size = g.InSize(), kernel_size = g.KernelSize();
  const std::vector<int64_t> out_strides = StridesOf(g.out);
  const size_t l = n - 1;
  const int64_t in_last = g.in[l];
  const int64_t rows = in_size / std::max<int64_t>(in_last, 1);
  std::vector<int64_t> kk(n, 0), ii(n, 0);
  for (int64_t k = 0; k < kernel_size; ++k) {
    const double* src = cols + k * in_size;
    const int64_t off = kk[l] * g.dilations[l] - g.pad_begin[l];
    const int64_t s = g.strides[l];
    const int64_t lo = std::clamp<int64_t>(CeilDiv(-off, s), 0, in_last);
    const int64_t hi = std::clamp<int64_t>(CeilDiv(g.out[l] - off, s), lo, in_last);
    std::fill(ii.begin(), ii.end(), 0);
    for (int64_t r = 0; r < rows; ++r) {
      int64_t dst = 0;
      for (size_t i = 0; i < l && dst >= 0; ++i) {
        const int64_t p = ii[i] * g.strides[i] - g.pad_begin[i] + kk[i] * g.dilations[i];
        dst = (p < 0 || p >= g.out[i]) ? -1 : dst + p * out_strides[i];
      }
      if (dst >= 0) {
        const double* sr = src + r * in_last;
        for (int64_t i = lo; i < hi; ++i) y[dst + i * s + off] += sr[i];
      }
      Advance(ii, g.in, static_cast<int64_t>(l));
    }
    Advance(kk, g.kernel, static_cast<int64_t>(n));
  }
}

void RunConvTranspose(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& w = ctx.Input(1);
  ctx.Check(IsFloating(x.dtype()), "X must be a floating tensor, got " + DataTypeName(x.dtype()));
  ctx.Check(x.rank() >= 3 && w.rank() == x.rank(),
            "X " + ShapeToString(x.shape()) + " and W " + ShapeToString(w.shape()) + " must have the same rank >= 3");
  const int64_t group = ctx.GetInt("group");
  const int64_t n = x.dim(0), c = x.dim(1);
  ctx.Check(group >= 1 && c % group == 0 && w.dim(0) == c,
            "channels do not match: X has " + std::to_string(c) + ", W is " + ShapeToString(w.shape()) +
                ", group " + std::to_string(group));
  const int64_t cg = c / group, mg = w.dim(1), m = mg * group;
  const std::vector<int64_t> in(x.shape().begin() + 2, x.shape().end());
  const std::vector<int64_t> kernel(w.shape().begin() + 2, w.shape().end());
  const WindowGeometry g = TransposeGeometry(ctx, in, kernel);
  const int64_t in_size = g.InSize(), out_size = g.OutSize(), kernel_size = g.KernelSize();

  Tensor y(x.dtype(), WindowOutputShape(n, m, g));
  auto& yv = y.reals();
  std::vector<double> cols(mg * kernel_size * in_size);
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t gi = 0; gi < group; ++gi) {
      // cols[Mg*K x I] = W_g^T[Mg*K x Cg] * X_g[Cg x I]
      ParallelDGemm(true, false, mg * kernel_size, in_size, cg, 1.0, w.reals().data() + gi * cg * mg * kernel_size,
            mg * kernel_size, x.reals().data() + (b * c + gi * cg) * in_size, in_size, 0.0, cols.data(), in_size,
            ctx.threads());
      for (int64_t mm = 0; mm < mg; ++mm) {
        Col2Im(cols.data() + mm * kernel_size * in_size, g, yv.data() + (b * m + gi * mg + mm) * out_size);
      }
    }
  }
  if (ctx.HasInput(2)) {
    const Tensor& bias = ctx.Input(2);
    ctx.Check(bias.size() == m, "B must have " + std::to_string(m) + " values");
    for (int64_t i = 0; i < n * m; ++i) {
      for (int64_t k = 0; k < out_size; ++k) yv[i * out_size + k] += bias.reals()[i % m];
    }
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ConvTranspose")
                        .Versions({1, 11, 22})
                        .String("auto_pad", "NOTSET")
                        .Attr("dilations", AttrType::kInts)
                        .Int("group", 1)
                        .Attr("kernel_shape", AttrType::kInts)
                        .Attr("output_padding", AttrType::kInts)
                        .Attr("output_shape", AttrType::kInts)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunConvTranspose));

}  // namespace parity::ref
