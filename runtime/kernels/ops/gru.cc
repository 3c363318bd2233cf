// GRU (opset 7/14/22), gates z, r, h as in ONNX: z = f(.), r = f(.), h~ = g(X Wh^T + (r * H) Rh^T + Rbh + Wbh)
// or, with linear_before_reset, g(X Wh^T + r * (H Rh^T + Rbh) + Wbh); H_t = (1 - z) * h~ + z * H. Forward,
// reverse, bidirectional, layout 0/1, sequence_lens, initial_h, activations (default Sigmoid, Tanh). clip and
// activation_alpha/beta are refused.
#include "kernels/common/recurrent.h"

namespace parity::rt {
namespace {

class GruKernel : public RecurrentKernel {
 public:
  std::vector<RnnActivation> acts;  // f, g per direction
  bool linear_before_reset = false;

 protected:
  void Step(int64_t d, const float* xw, const float* hr, float* h, float*, float* tmp) const override {
    const RnnActivation& f = acts[2 * d];
    const RnnActivation& g = acts[2 * d + 1];
    const int64_t gh = 3 * hid;
    // tmp holds r first (needed whole before the candidate when the reset gate multiplies H before R).
    for (int64_t k = 0; k < hid; ++k) tmp[k] = f(xw[hid + k] + hr[hid + k]);
    float* cand = tmp + hid;
    if (linear_before_reset) {
      for (int64_t k = 0; k < hid; ++k) cand[k] = g(xw[2 * hid + k] + tmp[k] * hr[2 * hid + k]);
    } else {
      const float* r_t = rt->as<float>() + d * hid * gh;  // R^T [H, 3H]
      const float* rbh = rb->as<float>() + d * gh + 2 * hid;
      for (int64_t k = 0; k < hid; ++k) {
        float acc = rbh[k];
        for (int64_t j = 0; j < hid; ++j) acc += tmp[j] * h[j] * r_t[j * gh + 2 * hid + k];
        cand[k] = g(xw[2 * hid + k] + acc);
      }
    }
    for (int64_t k = 0; k < hid; ++k) {
      float z = f(xw[k] + hr[k]);
      h[k] = (1.f - z) * cand[k] + z * h[k];
    }
  }
};

std::unique_ptr<Kernel> MakeGru(KernelBuilder& b) {
  b.ExpectInputs(3, 6);
  auto k = std::make_unique<GruKernel>();
  SetupRecurrent(b, 3, 1, k.get());
  k->acts = ParseRnnActivations(b, k->dirs, {"Sigmoid", "Tanh"});
  k->linear_before_reset = b.node().AttrInt("linear_before_reset", 0) != 0;
  return k;
}

PARITY_REGISTER_OP({"", "GRU", 7, kMaxOpset, &MakeGru});

}  // namespace
}  // namespace parity::rt
