// SpaceToDepth: [N, C, H, W] -> [N, C * bs^2, H / bs, W / bs] with y[n, (i*bs + j) * C + c, h, w] =
// x[n, c, h*bs + i, w*bs + j] (block offset in the high channel bits, the inverse of DepthToSpace DCR). Any dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class SpaceToDepthKernel : public Kernel {
 public:
  SpaceToDepthKernel(Dims x, int64_t bs, size_t elem) : x_(std::move(x)), bs_(bs), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    int64_t n = x_[0], c = x_[1], h = x_[2], w = x_[3];
    int64_t oc = c * bs_ * bs_, oh = h / bs_, ow = w / bs_;
    // One output row per (n, oc, oh) triple.
    ParallelForOrInline(ctx.pool, n * oc * oh, [&](int64_t s, int64_t e) {
      for (int64_t row = s; row < e; ++row) {
        int64_t hi = row % oh, ch = (row / oh) % oc, ni = row / (oh * oc);
        int64_t ci = ch % c, blk = ch / c, i = blk / bs_, j = blk % bs_;
        uint8_t* dst = y + row * ow * static_cast<int64_t>(elem_);
        for (int64_t wi = 0; wi < ow; ++wi) {
          int64_t src = ((ni * c + ci) * h + hi * bs_ + i) * w + wi * bs_ + j;
          std::memcpy(dst + wi * static_cast<int64_t>(elem_), x + src * static_cast<int64_t>(elem_), elem_);
        }
      }
    });
  }

 private:
  Dims x_;
  int64_t bs_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeSpaceToDepth(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4, "input must be 4-D, got " + DimsToString(x));
  int64_t bs = b.node().AttrInt("blocksize", 0);
  b.Require(bs >= 1, "blocksize must be positive");
  b.Require(x[2] % bs == 0 && x[3] % bs == 0, "height and width must be divisible by blocksize");
  b.SetOutput(0, b.in(0).dtype, {x[0], x[1] * bs * bs, x[2] / bs, x[3] / bs});
  return std::make_unique<SpaceToDepthKernel>(x, bs, DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "SpaceToDepth", 1, kMaxOpset, &MakeSpaceToDepth});

}  // namespace
}  // namespace parity::rt
