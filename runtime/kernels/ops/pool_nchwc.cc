// MaxPool / AveragePool on channel-blocked tensors (N, C/b, H, W, b): same window semantics as pool.cc.
#include <limits>

#include "kernels/common/window.h"

namespace parity::rt {
namespace {

class PoolNchwcKernel : public Kernel {
 public:
  PoolNchwcKernel(Window w, int64_t planes, int b, bool is_max, bool include_pad)
      : w_(w), planes_(planes), b_(b), max_(is_max), include_pad_(include_pad) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, planes_, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) Plane(x + p * w_.ih * w_.iw * b_, y + p * w_.oh * w_.ow * b_);
    });
  }

 private:
  void Plane(const float* x, float* y) const {
    float acc[64];
    for (int64_t oy = 0; oy < w_.oh; ++oy) {
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
        float* out = y + (oy * w_.ow + ox) * b_;
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
