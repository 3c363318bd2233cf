// RNN (opset 7/14/22): H_t = f(X_t W^T + H_{t-1} R^T + Wb + Rb); forward, reverse and bidirectional, layout 0/1,
// sequence_lens, initial_h, activations (default Tanh). clip and activation_alpha/beta are refused.
#include "kernels/common/recurrent.h"

namespace parity::rt {
namespace {

class RnnKernel : public RecurrentKernel {
 public:
  std::vector<RnnActivation> acts;  // one per direction

 protected:
  void Step(int64_t d, const float* xw, const float* hr, float* h, float*, float*) const override {
    const RnnActivation& f = acts[d];
    for (int64_t k = 0; k < hid; ++k) h[k] = f(xw[k] + hr[k]);
  }
};

std::unique_ptr<Kernel> MakeRnn(KernelBuilder& b) {
  b.ExpectInputs(3, 6);
  auto k = std::make_unique<RnnKernel>();
  SetupRecurrent(b, 1, 1, k.get());
  k->acts = ParseRnnActivations(b, k->dirs, {"Tanh"});
  return k;
}

PARITY_REGISTER_OP({"", "RNN", 7, kMaxOpset, &MakeRnn});

}  // namespace
}  // namespace parity::rt
