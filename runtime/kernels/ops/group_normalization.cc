// GroupNormalization over x [N, C, D1, ...]: C splits into num_groups groups of consecutive channels; per
// (n, group), mean and population variance over the group's channels and spatial dims, then
//   y = scale * (x - mean) / sqrt(var + epsilon) + bias
//   opset 18: scale and bias hold one value per group [num_groups].
//   opset 21: one value per channel [C]; stash_type (statistics precision) added. Statistics are accumulated in
//             double here, at least as precise as any float stash type.
#include <cmath>

#include "kernels/common/normalization.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class GroupNormKernel : public Kernel {
 public:
  GroupNormKernel(int64_t n, int64_t c, int64_t groups, int64_t spatial, bool per_channel, float eps, ConstPtr scale,
                  ConstPtr bias)
      : n_(n),
        c_(c),
        groups_(groups),
        spatial_(spatial),
        per_channel_(per_channel),
        eps_(eps),
        scale_(std::move(scale)),
        bias_(std::move(bias)) {}
  double Flops() const override { return 6.0 * n_ * c_ * spatial_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* scale = ctx.in[1].as<float>();
    const float* bias = ctx.in[2].as<float>();
    float* y = ctx.out[0].as<float>();
    const int64_t ch_per_group = c_ / groups_;
    const int64_t len = ch_per_group * spatial_;
    ParallelForOrInline(ctx.pool, n_ * groups_, [&](int64_t s, int64_t e) {
      for (int64_t ng = s; ng < e; ++ng) {
        const int64_t g = ng % groups_;
        const float* xg = x + ng * len;
        float* yg = y + ng * len;
        const Moments mo = MeanInvStd(xg, len, eps_);
        const float inv = mo.inv_std;
        const float m = mo.mean;
        for (int64_t ci = 0; ci < ch_per_group; ++ci) {
          const int64_t p = per_channel_ ? g * ch_per_group + ci : g;
          const float mul = inv * scale[p];
          const float add = bias[p] - m * mul;
          const float* xc = xg + ci * spatial_;
          float* yc = yg + ci * spatial_;
          for (int64_t i = 0; i < spatial_; ++i) yc[i] = xc[i] * mul + add;
        }
      }
    });
  }

 private:
  int64_t n_, c_, groups_, spatial_;
  bool per_channel_;
  float eps_;
  ConstPtr scale_, bias_;
};

template <bool kPerChannel>
std::unique_ptr<Kernel> MakeGroupNorm(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  for (int i = 0; i < 3; ++i) b.ExpectFloat(i);
  b.Require(b.num_outputs() == 1, "expects one output");
  b.Require(b.node().HasAttr("num_groups"), "attribute num_groups is required");
  int64_t stash = b.node().AttrInt("stash_type", 1);
  b.Require(stash == onnx_type::kFloat || stash == onnx_type::kFloat16 || stash == onnx_type::kDouble || stash == 16,
            "stash_type " + std::to_string(stash) + " is not a float type");
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2, "X must be at least 2-D [N, C, ...]");
  const int64_t c = x[1];
  const int64_t groups = b.node().AttrInt("num_groups", 0);
  b.Require(groups > 0 && c % groups == 0,
            "num_groups " + std::to_string(groups) + " must divide the channel count " + std::to_string(c));
  const int64_t params = kPerChannel ? c : groups;
  const char* want = kPerChannel ? "[C]" : "[num_groups]";
  for (int i = 1; i <= 2; ++i) {
    b.Require(b.dims(i).size() == 1 && b.dims(i)[0] == params, std::string(i == 1 ? "scale " : "bias ") +
                                                                   DimsToString(b.dims(i)) + " must be " + want +
                                                                   " = [" + std::to_string(params) + "]");
  }
  int64_t spatial = 1;
  for (size_t i = 2; i < x.size(); ++i) spatial *= x[i];
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<GroupNormKernel>(x[0], c, groups, spatial, kPerChannel, b.node().AttrFloat("epsilon", 1e-5f),
                                           KeepConst(b, 1), KeepConst(b, 2));
}

PARITY_REGISTER_OP({"", "GroupNormalization", 18, 20, &MakeGroupNorm<false>});
PARITY_REGISTER_OP({"", "GroupNormalization", 21, kMaxOpset, &MakeGroupNorm<true>});

}  // namespace
}  // namespace parity::rt
