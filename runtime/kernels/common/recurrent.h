// Shared driver of the recurrent ops (RNN, GRU, LSTM): attribute parsing (direction, layout, activations,
// sequence_lens), weight packing and the time loop. Per step the driver computes X_t * W^T + Wb and
// H_{t-1} * R^T + Rb for the whole batch with SGEMM; the op's cell turns them into the new state. Batch rows
// whose sequence has ended (sequence_lens) keep their state and write zeros to Y, which also gives the reverse
// direction the right start (it runs from seq-1 down and a row starts once t < its length).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {

struct RnnActivation {
  enum Kind { kSigmoid, kTanh, kRelu, kSoftsign, kSoftplus, kHardSigmoid, kLeakyRelu, kThresholdedRelu, kElu };
  Kind kind = kTanh;
  float alpha = 0.f, beta = 0.f;
  float operator()(float x) const {
    switch (kind) {
      case kSigmoid:
        return 1.f / (1.f + std::exp(-x));
      case kTanh:
        return std::tanh(x);
      case kRelu:
        return x > 0.f ? x : 0.f;
      case kSoftsign:
        return x / (1.f + std::fabs(x));
      case kSoftplus:  // log(1 + e^x) without overflow for large x
        return x > 0.f ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
      case kHardSigmoid:
        return std::clamp(alpha * x + beta, 0.f, 1.f);
      case kLeakyRelu:
        return x >= 0.f ? x : alpha * x;
      case kThresholdedRelu:
        return x > alpha ? x : 0.f;
      case kElu:
        return x >= 0.f ? x : alpha * (std::exp(x) - 1.f);
    }
    return x;
  }
};

// Activations of all directions (per_dir per direction), from the `activations` attribute or the defaults. The
// parameterised ones take their ONNX default alpha/beta; explicit activation_alpha/beta lists are refused.
inline std::vector<RnnActivation> ParseRnnActivations(const KernelBuilder& b, int64_t dirs,
                                                      const std::vector<std::string>& defaults) {
  const Node& n = b.node();
  b.Require(!n.HasAttr("activation_alpha") && !n.HasAttr("activation_beta"),
            "activation_alpha / activation_beta are not supported");
  std::vector<std::string> names;
  auto it = n.attrs.find("activations");
  if (it != n.attrs.end()) {
    for (int i = 0; i < it->second.strings_size(); ++i) names.push_back(it->second.strings(i));
  }
  size_t per_dir = defaults.size();
  if (names.empty()) {
    for (int64_t d = 0; d < dirs; ++d) names.insert(names.end(), defaults.begin(), defaults.end());
  }
  b.Require(names.size() == per_dir * static_cast<size_t>(dirs),
            "activations must list " + std::to_string(per_dir) + " functions per direction");
  std::vector<RnnActivation> out;
  for (const std::string& s : names) {
    RnnActivation a;
    using K = RnnActivation;
    if (s == "Sigmoid")
      a.kind = K::kSigmoid;
    else if (s == "Tanh")
      a.kind = K::kTanh;
    else if (s == "Relu")
      a.kind = K::kRelu;
    else if (s == "Softsign")
      a.kind = K::kSoftsign;
    else if (s == "Softplus")
      a.kind = K::kSoftplus;
    else if (s == "HardSigmoid")
      a = {K::kHardSigmoid, 0.2f, 0.5f};
    else if (s == "LeakyRelu")
      a = {K::kLeakyRelu, 0.01f, 0.f};
    else if (s == "ThresholdedRelu")
      a = {K::kThresholdedRelu, 1.f, 0.f};
    else if (s == "Elu")
      a = {K::kElu, 1.f, 0.f};
    else
      b.Fail("activation '" + s + "' is not supported");
    out.push_back(a);
  }
  return out;
}

class RecurrentKernel : public Kernel {
 public:
  int64_t seq = 0, batch = 0, in = 0, hid = 0, dirs = 1, gates = 1;
  bool reverse_only = false, layout1 = false, has_cell = false;
  ConstPtr wt, rt, wb, rb;  // per direction: W^T [in, G*H], R^T [H, G*H], Wb [G*H], Rb [G*H]
  int init_h_input = 5, init_c_input = -1;

  // W^T and R^T of each direction packed once for the GEMM micro-kernels: packing them per time step was 13% of
  // Silero VAD's run time.
  void Prepare() override {
    int64_t gh = gates * hid;
    for (int64_t d = 0; d < dirs; ++d) {
      wpack_.push_back(PackB(false, in, gh, wt->as<float>() + d * in * gh, gh));
      rpack_.push_back(PackB(false, hid, gh, rt->as<float>() + d * hid * gh, gh));
    }
  }

  size_t ScratchBytes() const override { return static_cast<size_t>(2 * batch * gates * hid + 4 * batch * hid) * 4; }
  double Flops() const override { return 2.0 * dirs * seq * batch * gates * hid * (in + hid); }

  void Run(const RunContext& ctx) override {
    std::vector<int64_t> lens(batch, seq);
    if (ctx.in.size() > 4 && ctx.in[4].data) {
      for (int64_t b = 0; b < batch; ++b) lens[b] = std::clamp<int64_t>(ctx.in[4].as<int64_t>()[b], 0, seq);
    }
    int64_t gh = gates * hid;
    float* xg = static_cast<float*>(ctx.scratch);
    float* hg = xg + batch * gh;
    float* h = hg + batch * gh;
    float* c = h + batch * hid;
    float* tmp = c + batch * hid;
    for (int64_t d = 0; d < dirs; ++d) {
      LoadState(ctx, init_h_input, d, h);
      LoadState(ctx, has_cell ? init_c_input : -1, d, c);
      for (int64_t s = 0; s < seq; ++s) {
        int64_t t = reverse_only || d == 1 ? seq - 1 - s : s;
        Gates(ctx, d, t, xg, hg, h);
        for (int64_t b = 0; b < batch; ++b) {
          if (t < lens[b]) Step(d, xg + b * gh, hg + b * gh, h + b * hid, c + b * hid, tmp + 2 * b * hid);
        }
        WriteY(ctx, d, t, h, lens);
      }
      StoreState(ctx, 1, d, h);
      if (has_cell) StoreState(ctx, 2, d, c);
    }
  }

 protected:
  // Updates one batch row's state h (and c) from xw = X_t W^T + Wb and hr = H_{t-1} R^T + Rb. tmp: 2H floats.
  virtual void Step(int64_t d, const float* xw, const float* hr, float* h, float* c, float* tmp) const = 0;

  // Offset of [d, b] in Y_h-shaped tensors (initial states, Y_h, Y_c).
  int64_t StateOffset(int64_t d, int64_t b) const { return (layout1 ? b * dirs + d : d * batch + b) * hid; }

 private:
  void LoadState(const RunContext& ctx, int input, int64_t d, float* s) const {
    const float* src = input >= 0 && static_cast<int>(ctx.in.size()) > input ? ctx.in[input].as<float>() : nullptr;
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t k = 0; k < hid; ++k) s[b * hid + k] = src ? src[StateOffset(d, b) + k] : 0.f;
    }
  }
  void StoreState(const RunContext& ctx, int output, int64_t d, const float* s) const {
    if (static_cast<int>(ctx.out.size()) <= output || !ctx.out[output].data) return;
    float* dst = ctx.out[output].as<float>();
    for (int64_t b = 0; b < batch; ++b) std::memcpy(dst + StateOffset(d, b), s + b * hid, hid * 4);
  }
  void Gates(const RunContext& ctx, int64_t d, int64_t t, float* xg, float* hg, const float* h) const {
    int64_t gh = gates * hid;
    const float* x = ctx.in[0].as<float>();
    const float* xt = layout1 ? x + t * in : x + t * batch * in;
    int64_t ldx = layout1 ? seq * in : in;
    EpilogueParams e;
    e.bias = wb->as<float>() + d * gh;
    GemmPacked(false, batch, gh, in, 1.f, xt, ldx, wpack_[d], 0.f, xg, gh, ToGemmEpilogue(e));
    e.bias = rb->as<float>() + d * gh;
    GemmPacked(false, batch, gh, hid, 1.f, h, hid, rpack_[d], 0.f, hg, gh, ToGemmEpilogue(e));
  }
  void WriteY(const RunContext& ctx, int64_t d, int64_t t, const float* h, const std::vector<int64_t>& lens) const {
    if (ctx.out.empty() || !ctx.out[0].data) return;
    float* y = ctx.out[0].as<float>();
    for (int64_t b = 0; b < batch; ++b) {
      float* dst = y + (layout1 ? (b * seq + t) * dirs + d : (t * dirs + d) * batch + b) * hid;
      if (t < lens[b]) {
        std::memcpy(dst, h + b * hid, hid * 4);
      } else {
        std::memset(dst, 0, hid * 4);
      }
    }
  }

  std::vector<PackedMatrix> wpack_, rpack_;
};

// Parses the attributes and inputs common to RNN / GRU / LSTM into k (gates = G) and sets the outputs.
// num_states: 1 (Y, Y_h) or 2 (Y, Y_h, Y_c).
inline void SetupRecurrent(KernelBuilder& b, int64_t gates, int num_states, RecurrentKernel* k) {
  const Node& n = b.node();
  b.ExpectFloat(0);
  b.Require(!n.HasAttr("clip"), "clip is not supported");
  int64_t layout = n.AttrInt("layout", 0);
  b.Require(layout == 0 || layout == 1, "layout must be 0 or 1");
  k->layout1 = layout == 1;
  std::string dir = n.AttrString("direction", "forward");
  b.Require(dir == "forward" || dir == "reverse" || dir == "bidirectional", "direction '" + dir + "' is unknown");
  k->dirs = dir == "bidirectional" ? 2 : 1;
  k->reverse_only = dir == "reverse";
  k->gates = gates;
  const Dims& x = b.dims(0);
  b.Require(x.size() == 3, "X must be 3-D");
  k->seq = layout ? x[1] : x[0];
  k->batch = layout ? x[0] : x[1];
  k->in = x[2];
  const ConstTensor& w = b.ConstInput(1, "W");
  const ConstTensor& r = b.ConstInput(2, "R");
  b.Require(r.dims.size() == 3, "R must be 3-D");
  k->hid = r.dims[2];
  if (n.HasAttr("hidden_size")) b.Require(n.AttrInt("hidden_size", 0) == k->hid, "hidden_size does not match R");
  int64_t gh = gates * k->hid;
  b.Require(w.dims == Dims({k->dirs, gh, k->in}) && r.dims == Dims({k->dirs, gh, k->hid}), "W/R dims mismatch");
  b.Require(w.dtype == DType::kF32 && r.dtype == DType::kF32, "W and R must be float");
  if (b.has_input(4)) b.Require(b.dims(4) == Dims({k->batch}), "sequence_lens must have shape [batch]");
  Dims state = layout ? Dims{k->batch, k->dirs, k->hid} : Dims{k->dirs, k->batch, k->hid};
  k->init_h_input = b.has_input(5) ? 5 : -1;
  if (b.has_input(5)) b.Require(b.dims(5) == state, "initial_h dims mismatch");
  k->wt = MakeConst(DType::kF32, {k->dirs, k->in, gh});
  k->rt = MakeConst(DType::kF32, {k->dirs, k->hid, gh});
  k->wb = MakeConst(DType::kF32, {k->dirs, gh});
  k->rb = MakeConst(DType::kF32, {k->dirs, gh});
  const float* bias = nullptr;
  if (b.has_input(3)) {
    const ConstTensor& bt = b.ConstInput(3, "B");
    b.Require(bt.dims == Dims({k->dirs, 2 * gh}) && bt.dtype == DType::kF32, "B dims mismatch");
    bias = bt.as<float>();
  }
  for (int64_t d = 0; d < k->dirs; ++d) {
    for (int64_t g = 0; g < gh; ++g) {
      for (int64_t i = 0; i < k->in; ++i)
        k->wt->mut<float>()[(d * k->in + i) * gh + g] = w.as<float>()[(d * gh + g) * k->in + i];
      for (int64_t i = 0; i < k->hid; ++i)
        k->rt->mut<float>()[(d * k->hid + i) * gh + g] = r.as<float>()[(d * gh + g) * k->hid + i];
      k->wb->mut<float>()[d * gh + g] = bias ? bias[d * 2 * gh + g] : 0.f;
      k->rb->mut<float>()[d * gh + g] = bias ? bias[d * 2 * gh + gh + g] : 0.f;
    }
  }
  Dims y = layout ? Dims{k->batch, k->seq, k->dirs, k->hid} : Dims{k->seq, k->dirs, k->batch, k->hid};
  b.Require(b.num_outputs() <= 1 + num_states, "too many outputs");
  if (b.num_outputs() > 0) b.SetOutput(0, DType::kF32, y);
  for (int i = 1; i < b.num_outputs(); ++i) b.SetOutput(i, DType::kF32, state);
}

}  // namespace parity::rt
