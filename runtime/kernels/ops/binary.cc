// Elementwise binary ops with numpy broadcasting: Add, Sub, Mul, Div, Pow, Max, Min (float and int64) and the
// comparisons Equal, Less, Greater (bool output), And/Or/Xor (bool). Float paths run in parallel for big tensors.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

enum class BinOp { kAdd, kSub, kMul, kDiv, kPow, kMax, kMin, kEqual, kLess, kGreater, kAnd, kOr, kXor };

template <typename T, BinOp op>
struct Apply;
#define PARITY_BIN(OP, EXPR)                 \
  template <typename T>                      \
  struct Apply<T, BinOp::OP> {               \
    static auto F(T a, T b) { return EXPR; } \
  };
PARITY_BIN(kAdd, a + b)
PARITY_BIN(kSub, a - b)
PARITY_BIN(kMul, a* b)
PARITY_BIN(kDiv, b == T(0) && std::is_integral<T>::value ? T(0) : a / b)
PARITY_BIN(kPow, static_cast<T>(std::pow(a, b)))
PARITY_BIN(kMax, a > b ? a : b)
PARITY_BIN(kMin, a < b ? a : b)
PARITY_BIN(kEqual, static_cast<uint8_t>(a == b))
PARITY_BIN(kLess, static_cast<uint8_t>(a < b))
PARITY_BIN(kGreater, static_cast<uint8_t>(a > b))
PARITY_BIN(kAnd, static_cast<uint8_t>(a&& b))
PARITY_BIN(kOr, static_cast<uint8_t>(a || b))
PARITY_BIN(kXor, static_cast<uint8_t>((a != 0) != (b != 0)))
#undef PARITY_BIN

template <typename T, typename R, BinOp op>
class BinaryKernel : public Kernel {
 public:
  BinaryKernel(Dims a, Dims b, Dims out) : out_(std::move(out)) {
    sa_ = BroadcastStrides(a, out_);
    sb_ = BroadcastStrides(b, out_);
    n_ = NumElements(out_);
    same_ = a == out_ && b == out_;
    a_scalar_ = NumElements(a) == 1;
    b_scalar_ = NumElements(b) == 1;
  }
  double Flops() const override { return static_cast<double>(n_); }

  void Run(const RunContext& ctx) override {
    const T* a = ctx.in[0].as<T>();
    const T* b = ctx.in[1].as<T>();
    R* y = ctx.out[0].as<R>();
    if (same_ || a_scalar_ || b_scalar_) {
      bool big = n_ > (1 << 16);
      auto body = [&](int64_t s, int64_t e) {
        if (same_) {
          for (int64_t i = s; i < e; ++i) y[i] = Apply<T, op>::F(a[i], b[i]);
        } else if (b_scalar_) {
          T bv = b[0];
          for (int64_t i = s; i < e; ++i) y[i] = Apply<T, op>::F(a[i], bv);
        } else {
          T av = a[0];
          for (int64_t i = s; i < e; ++i) y[i] = Apply<T, op>::F(av, b[i]);
        }
      };
      if (big) {
        ParallelForOrInline(ctx.pool, n_, body);
      } else {
        body(0, n_);
      }
      return;
    }
    General(a, b, y);
  }

 private:
  void General(const T* a, const T* b, R* y) const {
    size_t r = out_.size();
    int64_t inner = out_[r - 1];
    int64_t ia = sa_[r - 1], ib = sb_[r - 1];
    int64_t outer = n_ / std::max<int64_t>(inner, 1);
    int64_t idx[kMaxRank] = {};
    for (int64_t o = 0; o < outer; ++o) {
      int64_t offa = 0, offb = 0;
      for (size_t d = 0; d + 1 < r; ++d) {
        offa += idx[d] * sa_[d];
        offb += idx[d] * sb_[d];
      }
      R* yo = y + o * inner;
      for (int64_t i = 0; i < inner; ++i) yo[i] = Apply<T, op>::F(a[offa + i * ia], b[offb + i * ib]);
      for (int d = static_cast<int>(r) - 2; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

  Dims out_, sa_, sb_;
  int64_t n_ = 0;
  bool same_ = false, a_scalar_ = false, b_scalar_ = false;
};

template <BinOp op>
std::unique_ptr<Kernel> MakeBinary(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  DType t = b.in(0).dtype;
  b.Require(t == b.in(1).dtype,
            std::string("input dtypes differ: ") + DTypeName(t) + " vs " + DTypeName(b.in(1).dtype));
  // Opset < 7 `broadcast` + `axis` aligns B at `axis`, not at the trailing dims as numpy does.
  if (b.node().HasAttr("axis") && b.dims(0) != b.dims(1)) b.Fail("legacy broadcast with an axis is not supported");
  Dims out = BroadcastDims(b, b.dims(0), b.dims(1));
  b.Require(out.size() <= kMaxRank, "rank above 8 is not supported");
  bool blocked = b.in(0).layout == MemLayout::kBlocked || b.in(1).layout == MemLayout::kBlocked;
  if (blocked) {
    // Blocked tensors are only combined with an identically shaped blocked tensor (the layout pass ensures it);
    // the padding lanes then stay finite for Add/Mul/Sub/Max/Min.
    b.Require(b.in(0).layout == b.in(1).layout && b.dims(0) == b.dims(1),
              "blocked layout needs both operands blocked with equal dims");
  }
  constexpr bool cmp = op >= BinOp::kEqual;
  constexpr bool logic = op >= BinOp::kAnd;
  MemLayout lay = b.in(0).layout;
  int blk = b.in(0).block;
  Dims storage = out;
  if (blocked) {  // operate on the flat storage, padding included
    Value v;
    v.dims = out;
    v.layout = MemLayout::kBlocked;
    v.block = blk;
    v.dtype = DType::kF32;
    storage = {static_cast<int64_t>(v.StorageBytes() / 4)};
  }
  if constexpr (logic) {
    b.Require(t == DType::kBool, "logical ops need bool inputs");
    b.SetOutput(0, DType::kBool, out);
    return std::make_unique<BinaryKernel<uint8_t, uint8_t, op>>(b.dims(0), b.dims(1), out);
  } else {
    DType rt = cmp ? DType::kBool : t;
    b.SetOutput(0, rt, out, cmp ? MemLayout::kPlain : lay, blk);
    const Dims& da = blocked ? storage : b.dims(0);
    const Dims& db = blocked ? storage : b.dims(1);
    const Dims& dout = blocked ? storage : out;
    if (t == DType::kF32) {
      if constexpr (cmp)
        return std::make_unique<BinaryKernel<float, uint8_t, op>>(da, db, dout);
      else
        return std::make_unique<BinaryKernel<float, float, op>>(da, db, dout);
    }
    if (t == DType::kI64) {
      if constexpr (cmp)
        return std::make_unique<BinaryKernel<int64_t, uint8_t, op>>(da, db, dout);
      else
        return std::make_unique<BinaryKernel<int64_t, int64_t, op>>(da, db, dout);
    }
    if (t == DType::kBool && op == BinOp::kEqual)
      return std::make_unique<BinaryKernel<uint8_t, uint8_t, op>>(da, db, dout);
    b.Fail(std::string("unsupported dtype ") + DTypeName(t));
  }
}

PARITY_REGISTER_OP({"", "Add", 1, kMaxOpset, &MakeBinary<BinOp::kAdd>});
PARITY_REGISTER_OP({"", "Sub", 1, kMaxOpset, &MakeBinary<BinOp::kSub>});
PARITY_REGISTER_OP({"", "Mul", 1, kMaxOpset, &MakeBinary<BinOp::kMul>});
PARITY_REGISTER_OP({"", "Div", 1, kMaxOpset, &MakeBinary<BinOp::kDiv>});
PARITY_REGISTER_OP({"", "Pow", 1, kMaxOpset, &MakeBinary<BinOp::kPow>});
PARITY_REGISTER_OP({"", "Equal", 1, kMaxOpset, &MakeBinary<BinOp::kEqual>});
PARITY_REGISTER_OP({"", "Less", 1, kMaxOpset, &MakeBinary<BinOp::kLess>});
PARITY_REGISTER_OP({"", "Greater", 1, kMaxOpset, &MakeBinary<BinOp::kGreater>});
PARITY_REGISTER_OP({"", "And", 1, kMaxOpset, &MakeBinary<BinOp::kAnd>});
PARITY_REGISTER_OP({"", "Or", 1, kMaxOpset, &MakeBinary<BinOp::kOr>});
PARITY_REGISTER_OP({"", "Xor", 1, kMaxOpset, &MakeBinary<BinOp::kXor>});

// Max/Min are variadic in ONNX; the two-input form is what exported models use.
template <BinOp op>
std::unique_ptr<Kernel> MakeMaxMin(KernelBuilder& b) {
  b.Require(b.num_inputs() == 2, "only the two-input form is supported");
  return MakeBinary<op>(b);
}
PARITY_REGISTER_OP({"", "Max", 8, kMaxOpset, &MakeMaxMin<BinOp::kMax>});
PARITY_REGISTER_OP({"", "Min", 8, kMaxOpset, &MakeMaxMin<BinOp::kMin>});

}  // namespace
}  // namespace parity::rt
