// MaxPool / AveragePool (1-D and 2-D, pads, strides, dilations for max, ceil_mode, count_include_pad) on plain
// NCHW float tensors; blocked tensors go to pool_nchwc.cc, and everything else (3-D+, MaxPool's Indices output,
// integer MaxPool, dilated AveragePool) to the portable kernel in pool_nd.cc.
#include <limits>

#include "kernels/common/window.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {

std::unique_ptr<Kernel> MakePoolNchwc(KernelBuilder& b, bool is_max, const Window& w);
std::unique_ptr<Kernel> MakePoolNd(KernelBuilder& b, bool is_max);

namespace {

class PoolKernel : public Kernel {
 public:
  PoolKernel(Window w, int64_t planes, bool is_max, bool include_pad)
      : w_(w), planes_(planes), max_(is_max), include_pad_(include_pad) {}
  double Flops() const override { return static_cast<double>(planes_ * w_.oh * w_.ow * w_.kh * w_.kw); }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    if (max_ && w_.dh == 1 && w_.dw == 1) return RunMaxPlanes(x, y, ctx.pool);
    ParallelForOrInline(ctx.pool, planes_, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) Plane(x + p * w_.ih * w_.iw, y + p * w_.oh * w_.ow);
    });
  }

 private:
  // Valid kernel taps [lo, hi) for output position o along one axis (no bounds checks in the inner loops).
  static void TapRange(int64_t o, int64_t s, int64_t pad, int64_t d, int64_t k, int64_t in, int64_t* lo, int64_t* hi) {
    int64_t start = o * s - pad;
    *lo = start >= 0 ? 0 : (-start + d - 1) / d;
    *hi = in - start <= 0 ? 0 : std::min(k, (in - start + d - 1) / d);
    if (*hi < *lo) *hi = *lo;
  }

  void Plane(const float* x, float* y) const {
    for (int64_t oy = 0; oy < w_.oh; ++oy) {
      int64_t ky0, ky1;
      TapRange(oy, w_.sh, w_.pt, w_.dh, w_.kh, w_.ih, &ky0, &ky1);
      const float* xr = x + (oy * w_.sh - w_.pt) * w_.iw;
      for (int64_t ox = 0; ox < w_.ow; ++ox) {
        int64_t kx0, kx1;
        TapRange(ox, w_.sw, w_.pl, w_.dw, w_.kw, w_.iw, &kx0, &kx1);
        const float* xp = xr + ox * w_.sw - w_.pl;
        float acc = max_ ? -std::numeric_limits<float>::infinity() : 0.f;
        for (int64_t ki = ky0; ki < ky1; ++ki) {
          const float* row = xp + ki * w_.dh * w_.iw;
          for (int64_t kj = kx0; kj < kx1; ++kj) {
            float v = row[kj * w_.dw];
            acc = max_ ? (v > acc ? v : acc) : acc + v;
          }
        }
        if (!max_) acc = Average(acc, (ky1 - ky0) * (kx1 - kx0), oy, ox);
        y[oy * w_.ow + ox] = acc;
      }
    }
  }

  // Undilated MaxPool (every CNN's): the ISA's separable plane kernel.
  void RunMaxPlanes(const float* x, float* y, ThreadPool* pool) const {
    const MaxPoolPlaneFn plane_fn = ActiveKernelTable().pool.max_pool_plane;
    ParallelForOrInline(pool, planes_, [&](int64_t p0, int64_t p1) {
      std::vector<float> row(static_cast<size_t>(MaxPoolScratchFloats(w_.iw, w_.ow, w_.kw, w_.sw, w_.pl)));
      MaxPoolPlaneArgs a{nullptr, w_.ih, w_.iw, w_.kh, w_.kw, w_.sh, w_.sw, w_.pt, w_.pl, nullptr, w_.oh, w_.ow,
                         row.data()};
      for (int64_t p = p0; p < p1; ++p) {
        a.input = x + p * w_.ih * w_.iw;
        a.out = y + p * w_.oh * w_.ow;
        plane_fn(&a);
      }
    });
  }

  float Average(float sum, int64_t cnt, int64_t oy, int64_t ox) const {
    int64_t denom = cnt;
    if (include_pad_) {  // window clipped to the padded extent
      int64_t y0 = oy * w_.sh - w_.pt, x0 = ox * w_.sw - w_.pl;
      int64_t y1 = std::min(y0 + w_.kh, w_.ih + w_.pb), x1 = std::min(x0 + w_.kw, w_.iw + w_.pr);
      denom = (y1 - std::max(y0, -w_.pt)) * (x1 - std::max(x0, -w_.pl));
    }
    return denom ? sum / static_cast<float>(denom) : 0.f;
  }
  Window w_;
  int64_t planes_;
  bool max_, include_pad_;
};

template <bool kMax>
std::unique_ptr<Kernel> MakePool(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  // The rare cases (3-D+, Indices output, integer MaxPool, dilated AveragePool) take the portable N-D kernel.
  const Dims& in = b.dims(0);
  bool dilated = false;
  for (int64_t d : b.node().AttrInts("dilations")) dilated = dilated || d != 1;
  if (in.size() < 3 || in.size() > 4 || b.num_outputs() > 1 || b.in(0).dtype != DType::kF32 || (!kMax && dilated)) {
    return MakePoolNd(b, kMax);
  }
  Window w = ParseWindow(b, b.dims(0), {}, b.node().AttrInt("ceil_mode", 0) != 0);
  if (b.in(0).layout == MemLayout::kBlocked) return MakePoolNchwc(b, kMax, w);
  const Dims& x = b.dims(0);
  b.SetOutput(0, DType::kF32, WindowOutDims(w, x[0], x[1]));
  return std::make_unique<PoolKernel>(w, x[0] * x[1], kMax, b.node().AttrInt("count_include_pad", 0) != 0);
}

PARITY_REGISTER_OP({"", "MaxPool", 1, kMaxOpset, &MakePool<true>});
PARITY_REGISTER_OP({"", "AveragePool", 1, kMaxOpset, &MakePool<false>});

}  // namespace
}  // namespace parity::rt
