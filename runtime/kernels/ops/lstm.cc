// LSTM (opset 7/14/22), gate order i, o, f, c as in ONNX: forward, reverse and bidirectional, layout 0/1,
// sequence_lens, optional B, initial_h, initial_c, peepholes P (pi, po, pf) and activations (default Sigmoid,
// Tanh, Tanh). clip, input_forget and activation_alpha/beta are refused.
#include "kernels/common/recurrent.h"

namespace parity::rt {
namespace {

class LstmKernel : public RecurrentKernel {
 public:
  std::vector<RnnActivation> acts;  // f, g, h per direction
  std::vector<float> peep;          // [dirs, 3H] or empty

 protected:
  void Step(int64_t d, const float* xw, const float* hr, float* h, float* c, float*) const override {
    const RnnActivation& f = acts[3 * d];
    const RnnActivation& g = acts[3 * d + 1];
    const RnnActivation& hf = acts[3 * d + 2];
    const float* p = peep.empty() ? nullptr : peep.data() + d * 3 * hid;
    for (int64_t k = 0; k < hid; ++k) {
      float pi = p ? p[k] * c[k] : 0.f, pf = p ? p[2 * hid + k] * c[k] : 0.f;
      float ig = f(xw[k] + hr[k] + pi);
      float fg = f(xw[2 * hid + k] + hr[2 * hid + k] + pf);
      float cg = g(xw[3 * hid + k] + hr[3 * hid + k]);
      float cn = fg * c[k] + ig * cg;
      float og = f(xw[hid + k] + hr[hid + k] + (p ? p[hid + k] * cn : 0.f));
      c[k] = cn;
      h[k] = og * hf(cn);
    }
  }
};

std::unique_ptr<Kernel> MakeLstm(KernelBuilder& b) {
  b.ExpectInputs(3, 8);
  const Node& n = b.node();
  b.Require(n.AttrInt("input_forget", 0) == 0, "input_forget is not supported");
  auto k = std::make_unique<LstmKernel>();
  SetupRecurrent(b, 4, 2, k.get());
  k->has_cell = true;
  Dims state = k->layout1 ? Dims{k->batch, k->dirs, k->hid} : Dims{k->dirs, k->batch, k->hid};
  k->init_c_input = b.has_input(6) ? 6 : -1;
  if (b.has_input(6)) b.Require(b.dims(6) == state, "initial_c dims mismatch");
  k->acts = ParseRnnActivations(b, k->dirs, {"Sigmoid", "Tanh", "Tanh"});
  if (b.has_input(7)) {
    const ConstTensor& p = b.ConstInput(7, "P");
    b.Require(p.dims == Dims({k->dirs, 3 * k->hid}) && p.dtype == DType::kF32, "P dims mismatch");
    k->peep.assign(p.as<float>(), p.as<float>() + p.size());
  }
  return k;
}

PARITY_REGISTER_OP({"", "LSTM", 7, kMaxOpset, &MakeLstm});

}  // namespace
}  // namespace parity::rt
