#include "core/nn_window.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/nn_parallel.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

int64_t Product(const std::vector<int64_t>& v) {
  int64_t p = 1;
  for (int64_t x : v) p *= x;
  return p;
}

// floor(a / b) and ceil(a / b) for b > 0 and any sign of a.
int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
int64_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

std::vector<int64_t> RowMajorStrides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> s(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) s[i - 1] = s[i] * dims[i];
  return s;
}

// Advances a row-major odometer over `limits`; false once it wraps around.
bool Next(std::vector<int64_t>& index, const std::vector<int64_t>& limits, size_t count) {
  for (size_t i = count; i-- > 0;) {
    if (++index[i] < limits[i]) return true;
    index[i] = 0;
  }
  return false;
}

std::vector<int64_t> AttrOrOnes(const OpContext& ctx, const char* name, int64_t spatial) {
  if (!ctx.HasAttr(name)) return std::vector<int64_t>(spatial, 1);
  std::vector<int64_t> v = ctx.GetInts(name);
  ctx.Check(static_cast<int64_t>(v.size()) == spatial, std::string(name) + " has " + std::to_string(v.size()) +
                                                           " values for " + std::to_string(spatial) + " spatial dims");
  for (int64_t x : v) ctx.Check(x >= 1, std::string(name) + " values must be >= 1");
  return v;
}

// Shared part of ConvWindow / PoolWindow; `ceil_mode` only for pools.
WindowGeometry Resolve(const WindowAttrs& a, const std::vector<int64_t>& in, bool ceil_mode) {
  WindowGeometry g;
  const size_t n = in.size();
  g.in = in;
  g.kernel = a.kernel;
  g.strides = a.strides;
  g.dilations = a.dilations;
  g.pad_begin.assign(n, 0);
  g.pad_end.assign(n, 0);
  g.out.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const int64_t s = a.strides[i];
    const int64_t span = (a.kernel[i] - 1) * a.dilations[i] + 1;
    if (a.auto_pad == AutoPad::kSameUpper || a.auto_pad == AutoPad::kSameLower) {
      g.out[i] = CeilDiv(in[i], s);
      const int64_t total = std::max<int64_t>(0, (g.out[i] - 1) * s + span - in[i]);
      const int64_t small = total / 2;
      g.pad_begin[i] = a.auto_pad == AutoPad::kSameUpper ? small : total - small;
      g.pad_end[i] = total - g.pad_begin[i];
      continue;
    }
    if (a.auto_pad == AutoPad::kNotSet) {
      g.pad_begin[i] = a.pads[i];
      g.pad_end[i] = a.pads[i + n];
    }
    const int64_t room = in[i] + g.pad_begin[i] + g.pad_end[i] - span;
    if (room < 0) {
      g.out[i] = 0;
    } else if (!ceil_mode) {
      g.out[i] = room / s + 1;
    } else {
      g.out[i] = CeilDiv(room, s) + 1;
      // The last window must start inside the input or the leading pad.
      if ((g.out[i] - 1) * s >= in[i] + g.pad_begin[i]) --g.out[i];
    }
  }
  return g;
}

// Under kernel offset kk, output position o of the last dim reads input o*stride + off; [lo, hi) are the
// outputs whose input lies inside x (the rest read padding).
struct RowRange {
  int64_t lo, hi, off, stride;
};

RowRange LastDimRange(const WindowGeometry& g, const std::vector<int64_t>& kk) {
  const size_t l = g.in.size() - 1;
  RowRange r;
  r.stride = g.strides[l];
  r.off = kk[l] * g.dilations[l] - g.pad_begin[l];
  r.lo = std::clamp<int64_t>(CeilDiv(-r.off, r.stride), 0, g.out[l]);
  r.hi = std::clamp<int64_t>(CeilDiv(g.in[l] - r.off, r.stride), r.lo, g.out[l]);
  return r;
}

// Calls row(r, src) for every row r of the output (all dims but the last) under kernel offset kk: src is the
// offset in the input plane of the row's input (last-dim position 0 aside), or -1 when the row reads padding.
template <typename RowFn>
void ForEachRow(const WindowGeometry& g, const std::vector<int64_t>& kk, const std::vector<int64_t>& in_strides,
                RowFn&& row) {
  const size_t outer = g.in.size() - 1;
  std::vector<int64_t> oo(outer, 0);
  const int64_t rows = outer == 0 ? 1 : Product({g.out.begin(), g.out.begin() + outer});
  for (int64_t r = 0; r < rows; ++r) {
    int64_t src = 0;
    for (size_t i = 0; i < outer && src >= 0; ++i) {
      const int64_t p = oo[i] * g.strides[i] - g.pad_begin[i] + kk[i] * g.dilations[i];
      src = (p < 0 || p >= g.in[i]) ? -1 : src + p * in_strides[i];
    }
    row(r, src);
    Next(oo, g.out, outer);
  }
}

// cols[(c*K + k) * O + o] = x[c, o*s - pb + k*d] or 0 in padding.
void Im2Col(const double* x, int64_t channels, const WindowGeometry& g, double* cols) {
  const int64_t in_size = g.InSize(), out_size = g.OutSize(), kernel_size = g.KernelSize();
  const int64_t out_last = g.out.back();
  const std::vector<int64_t> in_strides = RowMajorStrides(g.in);
  std::vector<int64_t> kk(g.kernel.size(), 0);
  for (int64_t k = 0; k < kernel_size; ++k) {
    const RowRange rr = LastDimRange(g, kk);
    for (int64_t c = 0; c < channels; ++c) {
      const double* xc = x + c * in_size;
      double* dst = cols + (c * kernel_size + k) * out_size;
      ForEachRow(g, kk, in_strides, [&](int64_t r, int64_t src) {
        double* d = dst + r * out_last;
        if (src < 0) {
          std::fill(d, d + out_last, 0.0);
          return;
        }
        const double* s = xc + src + rr.off;
        std::fill(d, d + rr.lo, 0.0);
        if (rr.stride == 1) {
          std::copy(s + rr.lo, s + rr.hi, d + rr.lo);
        } else {
          for (int64_t o = rr.lo; o < rr.hi; ++o) d[o] = s[o * rr.stride];
        }
        std::fill(d + rr.hi, d + out_last, 0.0);
      });
    }
    Next(kk, g.kernel, kk.size());
  }
}

// Depthwise (one input and one output channel per group): y[o] += w[k] * x[o*s - pb + k*d], directly.
void DepthwisePlane(const double* x, const double* w, const WindowGeometry& g, double* y) {
  const int64_t out_last = g.out.back();
  const std::vector<int64_t> in_strides = RowMajorStrides(g.in);
  std::fill(y, y + g.OutSize(), 0.0);
  std::vector<int64_t> kk(g.kernel.size(), 0);
  for (int64_t k = 0; k < g.KernelSize(); ++k) {
    const RowRange rr = LastDimRange(g, kk);
    const double wk = w[k];
    ForEachRow(g, kk, in_strides, [&](int64_t r, int64_t src) {
      if (src < 0) return;
      const double* s = x + src + rr.off;
      double* d = y + r * out_last;
      for (int64_t o = rr.lo; o < rr.hi; ++o) d[o] += wk * s[o * rr.stride];
    });
    Next(kk, g.kernel, kk.size());
  }
}

bool IsPointwise(const WindowGeometry& g) {
  for (size_t i = 0; i < g.in.size(); ++i) {
    if (g.kernel[i] != 1 || g.strides[i] != 1 || g.pad_begin[i] != 0 || g.out[i] != g.in[i]) return false;
  }
  return true;
}

// Zero-dimensional windows (Conv over [N, C]) behave as one spatial dim of size 1.
WindowGeometry AtLeastOneDim(const WindowGeometry& g) {
  if (!g.in.empty()) return g;
  WindowGeometry one;
  one.in = one.kernel = one.strides = one.dilations = one.out = {1};
  one.pad_begin = one.pad_end = {0};
  return one;
}

}  // namespace

int64_t WindowGeometry::InSize() const { return Product(in); }
int64_t WindowGeometry::OutSize() const { return Product(out); }
int64_t WindowGeometry::KernelSize() const { return Product(kernel); }

AutoPad ParseAutoPad(const OpContext& ctx) {
  const std::string s = ctx.GetString("auto_pad");
  if (s == "NOTSET") return AutoPad::kNotSet;
  if (s == "SAME_UPPER") return AutoPad::kSameUpper;
  if (s == "SAME_LOWER") return AutoPad::kSameLower;
  if (s == "VALID") return AutoPad::kValid;
  ctx.Fail("auto_pad '" + s + "' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
}

WindowAttrs ReadWindowAttrs(const OpContext& ctx, int64_t spatial, const std::vector<int64_t>& weight_kernel,
                            bool read_dilations, bool read_ceil_mode) {
  WindowAttrs a;
  a.auto_pad = ParseAutoPad(ctx);
  if (ctx.HasAttr("kernel_shape")) {
    a.kernel = ctx.GetInts("kernel_shape");
    ctx.Check(static_cast<int64_t>(a.kernel.size()) == spatial,
              "kernel_shape has " + std::to_string(a.kernel.size()) + " values for " + std::to_string(spatial) +
                  " spatial dims");
    ctx.Check(weight_kernel.empty() || a.kernel == weight_kernel,
              "kernel_shape " + ShapeToString(a.kernel) + " disagrees with W's kernel " + ShapeToString(weight_kernel));
  } else {
    ctx.Check(!weight_kernel.empty(), "kernel_shape is required");
    a.kernel = weight_kernel;
  }
  for (int64_t k : a.kernel) ctx.Check(k >= 1, "kernel_shape values must be >= 1");
  a.strides = AttrOrOnes(ctx, "strides", spatial);
  a.dilations = read_dilations ? AttrOrOnes(ctx, "dilations", spatial) : std::vector<int64_t>(spatial, 1);
  a.pads.assign(2 * spatial, 0);
  if (ctx.HasAttr("pads")) {
    a.pads = ctx.GetInts("pads");
    ctx.Check(static_cast<int64_t>(a.pads.size()) == 2 * spatial,
              "pads has " + std::to_string(a.pads.size()) + " values, expected " + std::to_string(2 * spatial));
    for (int64_t p : a.pads) ctx.Check(p >= 0, "pads must be >= 0");
  }
  a.ceil_mode = read_ceil_mode && ctx.GetInt("ceil_mode") != 0;
  return a;
}

WindowGeometry ConvWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in) {
  return Resolve(attrs, in, false);
}

WindowGeometry PoolWindow(const WindowAttrs& attrs, const std::vector<int64_t>& in) {
  return Resolve(attrs, in, attrs.ceil_mode && attrs.auto_pad != AutoPad::kSameUpper &&
                                attrs.auto_pad != AutoPad::kSameLower);
}

Shape WindowOutputShape(int64_t n, int64_t c, const WindowGeometry& g) {
  Shape s = {n, c};
  s.insert(s.end(), g.out.begin(), g.out.end());
  return s;
}

void Convolve(const double* x, const double* w, const WindowGeometry& geometry, int64_t images, int64_t channels,
              int64_t out_channels, int64_t group, double* y, int threads) {
  const WindowGeometry g = AtLeastOneDim(geometry);
  const int64_t cg = channels / group, mg = out_channels / group;
  const int64_t in_size = g.InSize(), out_size = g.OutSize(), kernel_size = g.KernelSize();
  if (images == 0 || out_channels == 0 || out_size == 0) return;
  if (cg == 1 && mg == 1) {
    ParallelFor(images * channels, threads, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t p = lo; p < hi; ++p) {
        const int64_t n = p / channels, c = p % channels;
        DepthwisePlane(x + p * in_size, w + c * kernel_size, g, y + (n * out_channels + c) * out_size);
      }
    });
    return;
  }
  const bool pointwise = IsPointwise(g);
  // The im2col buffer is kept per thread between calls: re-faulting tens of MB per Conv costs more than the copy.
  thread_local std::vector<double> cols;
  if (!pointwise && cols.size() < static_cast<size_t>(cg * kernel_size * out_size)) {
    cols.resize(cg * kernel_size * out_size);
  }
  for (int64_t n = 0; n < images; ++n) {
    for (int64_t gi = 0; gi < group; ++gi) {
      const double* xg = x + (n * channels + gi * cg) * in_size;
      const double* b = xg;
      if (!pointwise) {
        double* dst = cols.data();
        ParallelFor(cg, threads, 1, [&](int64_t c0, int64_t c1) {
          Im2Col(xg + c0 * in_size, c1 - c0, g, dst + c0 * kernel_size * out_size);
        });
        b = cols.data();
      }
      ParallelDGemm(false, false, mg, out_size, cg * kernel_size, 1.0, w + gi * mg * cg * kernel_size,
                    cg * kernel_size, b, out_size, 0.0, y + (n * out_channels + gi * mg) * out_size, out_size,
                    threads);
    }
  }
  // Keep at most 64 MB around for the next Conv; a huge one-off buffer goes back to the system.
  if (cols.size() > (size_t{8} << 20)) std::vector<double>().swap(cols);
}

Tensor RunPoolOp(const OpContext& ctx, const PoolOptions& options, bool has_dilations, bool has_ceil_mode,
                 std::vector<int64_t>* argmax) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(x.rank() >= 3, "X must be [N, C, D1, ...], got " + ShapeToString(x.shape()));
  const std::vector<int64_t> in(x.shape().begin() + 2, x.shape().end());
  const WindowGeometry g = PoolWindow(ReadWindowAttrs(ctx, x.rank() - 2, {}, has_dilations, has_ceil_mode), in);
  const Shape out_shape = WindowOutputShape(x.dim(0), x.dim(1), g);
  std::vector<double> y(ElementCount(out_shape));
  if (argmax != nullptr) argmax->assign(y.size(), -1);
  const std::vector<double> xv = x.ToDoubleVector();
  Pool(xv.data(), x.dim(0) * x.dim(1), g, options, y.data(), argmax ? argmax->data() : nullptr);
  Tensor out(DataType::kDouble, out_shape, std::move(y));
  return IsFloating(x.dtype()) ? Tensor(x.dtype(), out_shape, std::move(out.reals())) : out.WithDtype(x.dtype());
}

void Pool(const double* x, int64_t planes, const WindowGeometry& geometry, const PoolOptions& options, double* y,
          int64_t* argmax) {
  const WindowGeometry g = AtLeastOneDim(geometry);
  const size_t n = g.in.size();
  const int64_t in_size = g.InSize(), out_size = g.OutSize();
  const std::vector<int64_t> in_strides = RowMajorStrides(g.in);
  // Per dim and output coordinate: first input position, valid kernel range, and cells inside the explicit
  // padding (the count_include_pad divisor).
  std::vector<std::vector<int64_t>> start(n), klo(n), khi(n), padded(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t d = g.dilations[i];
    for (int64_t o = 0; o < g.out[i]; ++o) {
      const int64_t s = o * g.strides[i] - g.pad_begin[i];
      const int64_t lo = std::clamp<int64_t>(CeilDiv(-s, d), 0, g.kernel[i]);
      const int64_t hi = std::clamp<int64_t>(CeilDiv(g.in[i] - s, d), lo, g.kernel[i]);
      const int64_t plo = std::clamp<int64_t>(CeilDiv(-s - g.pad_begin[i], d), 0, g.kernel[i]);
      const int64_t phi = std::clamp<int64_t>(CeilDiv(g.in[i] + g.pad_end[i] - s, d), plo, g.kernel[i]);
      start[i].push_back(s);
      klo[i].push_back(lo);
      khi[i].push_back(hi);
      padded[i].push_back(phi - plo);
    }
  }
  std::vector<int64_t> oo(n), kk(n), lo(n), hi(n);
  for (int64_t plane = 0; plane < planes; ++plane) {
    const double* xp = x + plane * in_size;
    std::fill(oo.begin(), oo.end(), 0);
    for (int64_t o = 0; o < out_size; ++o) {
      bool empty = false;
      int64_t include_count = 1;
      for (size_t i = 0; i < n; ++i) {
        lo[i] = klo[i][oo[i]];
        hi[i] = khi[i][oo[i]];
        empty = empty || lo[i] == hi[i];
        include_count *= padded[i][oo[i]];
      }
      double acc = options.kind == PoolKind::kMax ? -std::numeric_limits<double>::infinity() : 0.0;
      int64_t best = -1, count = 0;
      if (!empty) {
        kk = lo;
        do {
          int64_t off = 0;
          for (size_t i = 0; i < n; ++i) off += (start[i][oo[i]] + kk[i] * g.dilations[i]) * in_strides[i];
          const double v = xp[off];
          ++count;
          if (options.kind == PoolKind::kMax) {
            // The first maximum wins; NaN cells lose to any number.
            if (best < 0 || v > acc || (std::isnan(acc) && !std::isnan(v))) {
              acc = v;
              best = off;
            }
          } else if (options.kind == PoolKind::kAverage) {
            acc += v;
          } else {
            acc += std::pow(std::fabs(v), options.p);
          }
          // Odometer over the valid kernel ranges.
          size_t i = n;
          while (i-- > 0) {
            if (++kk[i] < hi[i]) break;
            kk[i] = lo[i];
          }
          if (i == static_cast<size_t>(-1)) break;
        } while (true);
      }
      double result = acc;
      if (options.kind == PoolKind::kAverage) {
        const int64_t divisor = options.count_include_pad ? include_count : count;
        result = divisor > 0 ? acc / static_cast<double>(divisor) : std::nan("");
      } else if (options.kind == PoolKind::kLp) {
        result = std::pow(acc, 1.0 / options.p);
      }
      y[plane * out_size + o] = result;
      if (argmax != nullptr) argmax[plane * out_size + o] = best;
      Next(oo, g.out, n);
    }
  }
}

}  // namespace parity::ref
