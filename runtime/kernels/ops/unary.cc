// Elementwise unary ops. Activations (Relu, Sigmoid, HardSigmoid, HardSwish, LeakyRelu...) and math functions
// (Exp, Sqrt, Erf, ...) on float; Neg/Abs also on int64; Not on bool. Layout-agnostic: blocked inputs are
// processed over their flat storage (padding lanes stay finite for all ops here except Log/Reciprocal, which the
// layout pass never puts on blocked tensors).
#include <cmath>

#include "kernels/common/activation.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

enum class UnOp {
  kAct,
  kExp,
  kLog,
  kSqrt,
  kErf,
  kTanh,
  kNeg,
  kAbs,
  kReciprocal,
  kFloor,
  kCeil,
  kLeakyRelu,
  kNot,
  kSin,
  kCos,
  kGeluTanh
};

float UnaryF(UnOp op, float x, float alpha) {
  switch (op) {
    case UnOp::kExp:
      return std::exp(x);
    case UnOp::kLog:
      return std::log(x);
    case UnOp::kSqrt:
      return std::sqrt(x);
    case UnOp::kErf:
      return std::erf(x);
    case UnOp::kTanh:
      return std::tanh(x);
    case UnOp::kNeg:
      return -x;
    case UnOp::kAbs:
      return std::fabs(x);
    case UnOp::kReciprocal:
      return 1.f / x;
    case UnOp::kFloor:
      return std::floor(x);
    case UnOp::kCeil:
      return std::ceil(x);
    case UnOp::kLeakyRelu:
      return x >= 0.f ? x : alpha * x;
    case UnOp::kSin:
      return std::sin(x);
    case UnOp::kCos:
      return std::cos(x);
    case UnOp::kGeluTanh: {
      float u = 0.79788456080286536f * (x + 0.044715f * x * x * x);  // sqrt(2 / pi) * (x + 0.044715 x^3)
      return 0.5f * x * (1.f + std::tanh(u));
    }
    default:
      return x;
  }
}

// Below this many elements a fork/join costs more than the loop.
constexpr int64_t kMinParallelElements = int64_t{1} << 15;

class UnaryKernel : public Kernel {
 public:
  UnaryKernel(UnOp op, Act act, float alpha, float beta, DType t, int64_t n)
      : op_(op), act_(act), alpha_(alpha), beta_(beta), t_(t), n_(n) {}
  double Flops() const override { return static_cast<double>(n_); }
  bool Splits(const RunContext& ctx) const override {
    return t_ != DType::kBool && t_ != DType::kI64 &&
           WorthSplitting(ctx, static_cast<double>(n_), kMinParallelElements) && Kernel::Splits(ctx);
  }
  void Run(const RunContext& ctx) override {
    if (t_ == DType::kBool) {
      const uint8_t* x = ctx.in[0].as<uint8_t>();
      uint8_t* y = ctx.out[0].as<uint8_t>();
      for (int64_t i = 0; i < n_; ++i) y[i] = !x[i];
      return;
    }
    if (t_ == DType::kI64) {
      const int64_t* x = ctx.in[0].as<int64_t>();
      int64_t* y = ctx.out[0].as<int64_t>();
      for (int64_t i = 0; i < n_; ++i) y[i] = op_ == UnOp::kNeg ? -x[i] : (x[i] < 0 ? -x[i] : x[i]);
      return;
    }
    const float* x = ctx.in[0].as<float>();
    float* y = ctx.out[0].as<float>();
    auto body = [&](int64_t s, int64_t e) {
      if (op_ == UnOp::kAct) {
        CopyIfDistinct(y + s, x + s, (e - s) * sizeof(float));
        ApplyActArray(act_, alpha_, beta_, y + s, e - s);
      } else {
        for (int64_t i = s; i < e; ++i) y[i] = UnaryF(op_, x[i], alpha_);
      }
    };
    if (Splits(ctx)) {
      ParallelForOrInline(ctx.pool, n_, body);
    } else {
      body(0, n_);
    }
  }

 private:
  UnOp op_;
  Act act_;
  float alpha_, beta_;
  DType t_;
  int64_t n_;
};

std::unique_ptr<Kernel> MakeUnaryImpl(KernelBuilder& b, UnOp op, Act act, float alpha, float beta) {
  b.ExpectInputs(1, 1);
  DType t = b.in(0).dtype;
  if (op == UnOp::kNot) {
    b.Require(t == DType::kBool, "Not needs a bool input");
  } else if (!(t == DType::kF32 || (t == DType::kI64 && (op == UnOp::kNeg || op == UnOp::kAbs)))) {
    b.Fail(std::string("unsupported input dtype ") + DTypeName(t));
  }
  b.SetOutput(0, t, b.dims(0), b.in(0).layout, b.in(0).block);
  Value v;
  v.dims = b.dims(0);
  v.layout = b.in(0).layout;
  v.block = b.in(0).block;
  v.dtype = DType::kBool;  // element count = bytes / 1
  return std::make_unique<UnaryKernel>(op, act, alpha, beta, t, static_cast<int64_t>(v.StorageBytes()));
}

template <UnOp op>
std::unique_ptr<Kernel> MakeUnary(KernelBuilder& b) {
  return MakeUnaryImpl(b, op, Act::kNone, b.node().AttrFloat("alpha", 0.01f), 0.f);
}

template <Act act>
std::unique_ptr<Kernel> MakeAct(KernelBuilder& b) {
  float alpha = 0.f, beta = 0.f;
  if (act == Act::kHardSigmoid) {
    alpha = b.node().AttrFloat("alpha", 0.2f);
    beta = b.node().AttrFloat("beta", 0.5f);
  }
  if (act == Act::kGelu) {
    std::string approx = b.node().AttrString("approximate", "none");
    if (approx == "tanh") return MakeUnaryImpl(b, UnOp::kGeluTanh, Act::kNone, 0.f, 0.f);
    b.Require(approx == "none", "unknown Gelu approximate '" + approx + "'");
  }
  return MakeUnaryImpl(b, UnOp::kAct, act, alpha, beta);
}

// Internal op the fusion passes leave for activations they cannot fold into a producer (e.g. a SiLU pattern
// after a non-conv node). attrs: act (Act value), alpha, beta.
std::unique_ptr<Kernel> MakeFusedAct(KernelBuilder& b) {
  auto act = static_cast<Act>(b.node().AttrInt("act", 0));
  return MakeUnaryImpl(b, UnOp::kAct, act, b.node().AttrFloat("alpha", 0.f), b.node().AttrFloat("beta", 0.f));
}

PARITY_REGISTER_OP({"", "Relu", 1, kMaxOpset, &MakeAct<Act::kRelu>});
PARITY_REGISTER_OP({"", "Sigmoid", 1, kMaxOpset, &MakeAct<Act::kSigmoid>});
PARITY_REGISTER_OP({"", "HardSigmoid", 1, kMaxOpset, &MakeAct<Act::kHardSigmoid>});
PARITY_REGISTER_OP({"", "HardSwish", 14, kMaxOpset, &MakeAct<Act::kHardSwish>});
PARITY_REGISTER_OP({"", "Gelu", 20, kMaxOpset, &MakeAct<Act::kGelu>});
PARITY_REGISTER_OP({"parity", "Activation", 1, kMaxOpset, &MakeFusedAct});
PARITY_REGISTER_OP({"", "LeakyRelu", 1, kMaxOpset, &MakeUnary<UnOp::kLeakyRelu>});
PARITY_REGISTER_OP({"", "Exp", 1, kMaxOpset, &MakeUnary<UnOp::kExp>});
PARITY_REGISTER_OP({"", "Log", 1, kMaxOpset, &MakeUnary<UnOp::kLog>});
PARITY_REGISTER_OP({"", "Sqrt", 1, kMaxOpset, &MakeUnary<UnOp::kSqrt>});
PARITY_REGISTER_OP({"", "Erf", 9, kMaxOpset, &MakeUnary<UnOp::kErf>});
PARITY_REGISTER_OP({"", "Tanh", 1, kMaxOpset, &MakeUnary<UnOp::kTanh>});
PARITY_REGISTER_OP({"", "Neg", 1, kMaxOpset, &MakeUnary<UnOp::kNeg>});
PARITY_REGISTER_OP({"", "Abs", 1, kMaxOpset, &MakeUnary<UnOp::kAbs>});
PARITY_REGISTER_OP({"", "Reciprocal", 1, kMaxOpset, &MakeUnary<UnOp::kReciprocal>});
PARITY_REGISTER_OP({"", "Floor", 1, kMaxOpset, &MakeUnary<UnOp::kFloor>});
PARITY_REGISTER_OP({"", "Ceil", 1, kMaxOpset, &MakeUnary<UnOp::kCeil>});
PARITY_REGISTER_OP({"", "Sin", 7, kMaxOpset, &MakeUnary<UnOp::kSin>});
PARITY_REGISTER_OP({"", "Cos", 7, kMaxOpset, &MakeUnary<UnOp::kCos>});
PARITY_REGISTER_OP({"", "Not", 1, kMaxOpset, &MakeUnary<UnOp::kNot>});

}  // namespace
}  // namespace parity::rt
