// DepthToSpace: [N, C, H, W] -> [N, C / bs^2, H * bs, W * bs]. Mode DCR (default) takes the block offset from the
// high channel bits: y[n, c, h*bs+i, w*bs+j] = x[n, (i*bs + j) * C' + c, h, w]; CRD from the low ones:
// x[n, c*bs^2 + i*bs + j, h, w]. Any dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class DepthToSpaceKernel : public Kernel {
 public:
  DepthToSpaceKernel(Dims x, int64_t bs, bool crd, size_t elem) : x_(std::move(x)), bs_(bs), crd_(crd), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    int64_t n = x_[0], c = x_[1] / (bs_ * bs_), h = x_[2], w = x_[3];
    int64_t oh = h * bs_, ow = w * bs_;
    // One output row per (n, c, oh) triple.
    ParallelForOrInline(ctx.pool, n * c * oh, [&](int64_t s, int64_t e) {
      for (int64_t row = s; row < e; ++row) {
        int64_t yy = row % oh, ci = (row / oh) % c, ni = row / (oh * c);
        int64_t hi = yy / bs_, i = yy % bs_;
        uint8_t* dst = y + row * ow * static_cast<int64_t>(elem_);
        for (int64_t xx = 0; xx < ow; ++xx) {
          int64_t wi = xx / bs_, j = xx % bs_;
          int64_t ch = crd_ ? ci * bs_ * bs_ + i * bs_ + j : (i * bs_ + j) * c + ci;
          int64_t src = ((ni * x_[1] + ch) * h + hi) * w + wi;
          std::memcpy(dst + xx * static_cast<int64_t>(elem_), x + src * static_cast<int64_t>(elem_), elem_);
        }
      }
    });
  }

 private:
  Dims x_;
  int64_t bs_;
  bool crd_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeDepthToSpace(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4, "input must be 4-D, got " + DimsToString(x));
  int64_t bs = b.node().AttrInt("blocksize", 0);
  b.Require(bs >= 1, "blocksize must be positive");
  std::string mode = b.node().AttrString("mode", "DCR");
  b.Require(mode == "DCR" || mode == "CRD", "mode '" + mode + "' is not supported");
  b.Require(x[1] % (bs * bs) == 0, "channels must be divisible by blocksize^2");
  b.SetOutput(0, b.in(0).dtype, {x[0], x[1] / (bs * bs), x[2] * bs, x[3] * bs});
  return std::make_unique<DepthToSpaceKernel>(x, bs, mode == "CRD", DTypeSize(b.in(0).dtype));
}

PARITY_REGISTER_OP({"", "DepthToSpace", 1, kMaxOpset, &MakeDepthToSpace});

}  // namespace
}  // namespace parity::rt
