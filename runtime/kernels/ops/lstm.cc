// LSTM (opset 7/14): forward, reverse and bidirectional; default activations (Sigmoid, Tanh, Tanh); gate order
// i, o, f, c as in ONNX; optional B, initial_h, initial_c. sequence_lens (when not all full), peepholes, clip,
// input_forget, custom activations and layout=1 are rejected at compile time.
#include <cmath>

#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {
namespace {

float Sig(float x) {
  return 1.f / (1.f + std::exp(-x));
}

class LstmKernel : public Kernel {
 public:
  int64_t seq = 0, batch = 0, in = 0, hid = 0, dirs = 1;
  bool reverse_only = false;
  ConstPtr wt, rt, bias;  // per direction: W^T [in, 4H], R^T [H, 4H], bias [4H] (Wb + Rb)

  size_t ScratchBytes() const override { return static_cast<size_t>(2 * batch * 4 * hid + 2 * batch * hid) * 4; }
  double Flops() const override { return 2.0 * dirs * seq * batch * 4 * hid * (in + hid); }

  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* h0 = ctx.in.size() > 5 ? ctx.in[5].as<float>() : nullptr;
    const float* c0 = ctx.in.size() > 6 ? ctx.in[6].as<float>() : nullptr;
    float* y = ctx.out.size() > 0 ? ctx.out[0].as<float>() : nullptr;
    float* yh = ctx.out.size() > 1 ? ctx.out[1].as<float>() : nullptr;
    float* yc = ctx.out.size() > 2 ? ctx.out[2].as<float>() : nullptr;
    float* gates = static_cast<float*>(ctx.scratch);
    float* hr = gates + batch * 4 * hid;  // gates + h * R^T
    float* h = hr + batch * 4 * hid;
    float* c = h + batch * hid;
    int64_t g4 = 4 * hid;
    for (int64_t d = 0; d < dirs; ++d) {
      bool rev = reverse_only || d == 1;
      const float* w = wt->as<float>() + d * in * g4;
      const float* r = rt->as<float>() + d * hid * g4;
      const float* bb = bias->as<float>() + d * g4;
      for (int64_t i = 0; i < batch * hid; ++i) {
        h[i] = h0 ? h0[d * batch * hid + i] : 0.f;
        c[i] = c0 ? c0[d * batch * hid + i] : 0.f;
      }
      for (int64_t s = 0; s < seq; ++s) {
        int64_t t = rev ? seq - 1 - s : s;
        EpilogueParams e;
        e.bias = bb;
        Sgemm(batch, g4, in, x + t * batch * in, in, w, g4, gates, g4, e, nullptr);
        EpilogueParams acc;
        acc.residual = gates;
        acc.ld_residual = g4;
        Sgemm(batch, g4, hid, h, hid, r, g4, hr, g4, acc, nullptr);  // hr = h * R^T + gates
        for (int64_t b = 0; b < batch; ++b) {
          const float* gt = hr + b * g4;
          for (int64_t k = 0; k < hid; ++k) {
            float ig = Sig(gt[k]), og = Sig(gt[hid + k]), fg = Sig(gt[2 * hid + k]), cg = std::tanh(gt[3 * hid + k]);
            float cn = fg * c[b * hid + k] + ig * cg;
            c[b * hid + k] = cn;
            h[b * hid + k] = og * std::tanh(cn);
          }
        }
        if (y) {
          for (int64_t b = 0; b < batch; ++b) std::memcpy(y + ((t * dirs + d) * batch + b) * hid, h + b * hid, hid * 4);
        }
      }
      if (yh) std::memcpy(yh + d * batch * hid, h, batch * hid * 4);
      if (yc) std::memcpy(yc + d * batch * hid, c, batch * hid * 4);
    }
  }
};

std::unique_ptr<Kernel> MakeLstm(KernelBuilder& b) {
  b.ExpectInputs(3, 8);
  const Node& n = b.node();
  b.Require(n.AttrInt("layout", 0) == 0, "layout=1 is not supported");
  b.Require(!n.HasAttr("clip"), "clip is not supported");
  b.Require(n.AttrInt("input_forget", 0) == 0, "input_forget is not supported");
  b.Require(!b.has_input(7), "peepholes (input P) are not supported");
  auto acts = n.attrs.find("activations");
  if (acts != n.attrs.end()) {
    for (int i = 0; i < acts->second.strings_size(); ++i) {
      const std::string& a = acts->second.strings(i);
      b.Require(a == (i % 3 == 0 ? "Sigmoid" : "Tanh"), "custom activations are not supported");
    }
  }
  auto k = std::make_unique<LstmKernel>();
  std::string dir = n.AttrString("direction", "forward");
  k->dirs = dir == "bidirectional" ? 2 : 1;
  k->reverse_only = dir == "reverse";
  const Dims& x = b.dims(0);
  b.Require(x.size() == 3, "X must be [seq, batch, input]");
  k->seq = x[0];
  k->batch = x[1];
  k->in = x[2];
  const ConstTensor& w = b.ConstInput(1, "W");
  const ConstTensor& r = b.ConstInput(2, "R");
  k->hid = r.dims[2];
  int64_t g4 = 4 * k->hid;
  b.Require(w.dims == Dims({k->dirs, g4, k->in}) && r.dims == Dims({k->dirs, g4, k->hid}), "W/R dims mismatch");
  if (b.has_input(4)) {
    const ConstTensor& sl = b.ConstInput(4, "sequence_lens");
    for (int64_t i = 0; i < sl.size(); ++i)
      b.Require(sl.as<int64_t>()[i] == k->seq, "partial sequence_lens are not supported");
  }
  for (int i : {5, 6}) {
    if (b.has_input(i)) b.Require(b.dims(i) == Dims({k->dirs, k->batch, k->hid}), "initial state dims mismatch");
  }
  k->wt = MakeConst(DType::kF32, {k->dirs, k->in, g4});
  k->rt = MakeConst(DType::kF32, {k->dirs, k->hid, g4});
  k->bias = MakeConst(DType::kF32, {k->dirs, g4});
  for (int64_t d = 0; d < k->dirs; ++d) {
    for (int64_t g = 0; g < g4; ++g) {
      for (int64_t i = 0; i < k->in; ++i)
        k->wt->mut<float>()[(d * k->in + i) * g4 + g] = w.as<float>()[(d * g4 + g) * k->in + i];
      for (int64_t i = 0; i < k->hid; ++i)
        k->rt->mut<float>()[(d * k->hid + i) * g4 + g] = r.as<float>()[(d * g4 + g) * k->hid + i];
      float bv = 0.f;
      if (b.has_input(3)) {
        const ConstTensor& bt = b.ConstInput(3, "B");
        bv = bt.as<float>()[d * 2 * g4 + g] + bt.as<float>()[d * 2 * g4 + g4 + g];
      }
      k->bias->mut<float>()[d * g4 + g] = bv;
    }
  }
  b.SetOutput(0, DType::kF32, {k->seq, k->dirs, k->batch, k->hid});
  b.SetOutput(1, DType::kF32, {k->dirs, k->batch, k->hid});
  b.SetOutput(2, DType::kF32, {k->dirs, k->batch, k->hid});
  return k;
}

PARITY_REGISTER_OP({"", "LSTM", 7, kMaxOpset, &MakeLstm});

}  // namespace
}  // namespace parity::rt
