// MaxPool / AveragePool on channel-blocked tensors (N, C/b, H, W, b): same window semantics as pool.cc.
// Block 16 runs the ISA's row kernel when it has one; the portable loops serve every other block size.
#include <limits>

#include "kernels/common/window.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

constexpr int64_t kMinParallelTaps = int64_t{1} << 18;

class PoolNchwcKernel : public Kernel {
 public:
  PoolNchwcKernel(Window w, int64_t planes, int b, bool is_max, bool include_pad)
      : w_(w), planes_(planes), b_(b), max_(is_max), include_pad_(include_pad) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    const PoolKernelConfig& kernels = ActiveKernelTable().pool;
    const PoolNchwcRowFn row_fn = b_ != 16 ? nullptr : max_ ? kernels.max_pool_nchwc_row : kernels.avg_pool_nchwc_row;
    // Rows, not planes, are the unit of work: a 64-channel tensor has only 4 planes per image.
    // Small pools run on the calling thread: a fork/join costs more than they do (much more when oversubscribed).
    ParallelForOrInline(Splits(ctx) ? ctx.pool : nullptr, planes_ * w_.oh, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        const int64_t p = r / w_.oh, oy = r % w_.oh;
        const float* xp = x + p * w_.ih * w_.iw * b_;
        float* yr = y + (p * w_.oh + oy) * w_.ow * b_;
        if (row_fn != nullptr) {
          const PoolNchwcRowArgs a = RowArgs(xp, yr, oy);
          row_fn(&a);
        } else {
          Row(xp, yr, oy);
        }
      }
    });
  }

  bool Splits(const RunContext& ctx) const override {
    const double taps = static_cast<double>(planes_ * w_.oh * w_.ow * b_ * w_.kh * w_.kw);
    return WorthSplitting(ctx, taps, kMinParallelTaps) && Kernel::Splits(ctx);
  }

 private:
  PoolNchwcRowArgs RowArgs(const float* x, float* yr, int64_t oy) const {
    PoolNchwcRowArgs a;
    a.x = x;
    a.y = yr;
    a.oy = oy;
    a.out_w = w_.ow;
    a.in_h = w_.ih;
    a.in_w = w_.iw;
    a.kernel_h = w_.kh;
    a.kernel_w = w_.kw;
    a.stride_h = w_.sh;
    a.stride_w = w_.sw;
    a.dilation_h = w_.dh;
    a.dilation_w = w_.dw;
    a.pad_top = w_.pt;
    a.pad_left = w_.pl;
    a.pad_bottom = w_.pb;
    a.pad_right = w_.pr;
    a.count_include_pad = include_pad_ ? 1 : 0;
    return a;
  }

  // Output row oy of one plane (portable: any block size up to 64).
  void Row(const float* x, float* yr, int64_t oy) const {
    float acc[64];
    for (int64_t ox = 0; ox < w_.ow; ++ox) {
      for (int j = 0; j < b_; ++j) acc[j] = max_ ? -std::numeric_limits<float>::infinity() : 0.f;
      int64_t cnt = 0;
      for (int64_t ki = 0; ki < w_.kh; ++ki) {
        int64_t iy = oy * w_.sh - w_.pt + ki * w_.dh;
        if (iy < 0 || iy >= w_.ih) continue;
        for (int64_t kj = 0; kj < w_.kw; ++kj) {
          int64_t ix = ox * w_.sw - w_.pl + kj * w_.dw;
          if (ix < 0 || ix >= w_.iw) continue;
          const float* v = x + (iy * w_.iw + ix) * b_;
          for (int j = 0; j < b_; ++j) acc[j] = max_ ? std::max(acc[j], v[j]) : acc[j] + v[j];
          ++cnt;
        }
      }
      float* out = yr + ox * b_;
      if (max_) {
        for (int j = 0; j < b_; ++j) out[j] = acc[j];
        continue;
      }
      int64_t denom = cnt;
      if (include_pad_) {
        int64_t y0 = oy * w_.sh - w_.pt, x0 = ox * w_.sw - w_.pl;
        int64_t y1 = std::min(y0 + w_.kh, w_.ih + w_.pb), x1 = std::min(x0 + w_.kw, w_.iw + w_.pr);
        denom = (y1 - std::max(y0, -w_.pt)) * (x1 - std::max(x0, -w_.pl));
      }
      for (int j = 0; j < b_; ++j) out[j] = denom ? acc[j] / static_cast<float>(denom) : 0.f;
    }
  }
  Window w_;
  int64_t planes_;
  int b_;
  bool max_, include_pad_;
};

}  // namespace

std::unique_ptr<Kernel> MakePoolNchwc(KernelBuilder& b, bool is_max, const Window& w) {
  const Dims& x = b.dims(0);
  b.Require(w.spatial == 2, "blocked pooling needs 2-D input");
  int blk = b.in(0).block;
  b.SetOutput(0, DType::kF32, WindowOutDims(w, x[0], x[1]), MemLayout::kBlocked, blk);
  int64_t planes = x[0] * ((x[1] + blk - 1) / blk);
  return std::make_unique<PoolNchwcKernel>(w, planes, blk, is_max, b.node().AttrInt("count_include_pad", 0) != 0);
}

}  // namespace parity::rt
