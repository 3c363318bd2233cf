// Elementwise binary ops with numpy broadcasting: Add, Sub, Mul, Div, Pow, Max, Min (float and int64) and the
// comparisons Equal, Less, Greater, GreaterOrEqual, LessOrEqual (bool output), And/Or/Xor (bool). Float paths run
// in parallel for big tensors. Also: Pow with a float base and integer exponent or the reverse, variadic Max/Min,
// and the opset < 7 `broadcast`/`axis` attributes (B aligned with A at `axis`).
#include <cmath>
#include <type_traits>

#include "kernels/common/elementwise.h"
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

enum class BinOp {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kPow,
  kMax,
  kMin,
  kEqual,  // comparisons from here on
  kLess,
  kGreater,
  kGreaterEqual,
  kLessEqual,
  kAnd,  // logical (bool in, bool out) from here on
  kOr,
  kXor
};

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
// x^2 (the variance of LayerNorm-style subgraphs) as one multiply: pow(x, 2) and x * x are both the correctly
// rounded square, so the result is identical, at a fraction of pow's cost (measured: the encoder's unfused Pow nodes
// 0.44 ms each).
PARITY_BIN(kPow, std::is_floating_point<T>::value&& b == T(2) ? a * a : static_cast<T>(std::pow(a, b)))
PARITY_BIN(kMax, a != a || a > b ? a : b)  // a != a: NaN propagates from either side, as in numpy
PARITY_BIN(kMin, a != a || a < b ? a : b)
PARITY_BIN(kEqual, static_cast<uint8_t>(a == b))
PARITY_BIN(kLess, static_cast<uint8_t>(a < b))
PARITY_BIN(kGreater, static_cast<uint8_t>(a > b))
PARITY_BIN(kGreaterEqual, static_cast<uint8_t>(a >= b))
PARITY_BIN(kLessEqual, static_cast<uint8_t>(a <= b))
PARITY_BIN(kAnd, static_cast<uint8_t>(a&& b))
PARITY_BIN(kOr, static_cast<uint8_t>(a || b))
PARITY_BIN(kXor, static_cast<uint8_t>((a != 0) != (b != 0)))
#undef PARITY_BIN

// Exact integer power by squaring, wrapping like two's complement; a negative exponent gives the truncated
// reciprocal (only |a| = 1 survives), as numpy-based ONNX reference outputs do.
int64_t IntPow(int64_t a, int64_t e) {
  if (e < 0) return a == 1 ? 1 : (a == -1 ? (e % 2 ? -1 : 1) : 0);
  uint64_t r = 1, base = static_cast<uint64_t>(a);
  for (auto k = static_cast<uint64_t>(e); k; k >>= 1) {
    if (k & 1) r *= base;
    base *= base;
  }
  return static_cast<int64_t>(r);
}
template <>
struct Apply<int64_t, BinOp::kPow> {
  static int64_t F(int64_t a, int64_t b) { return IntPow(a, b); }
};

// Below this many elements a fork/join costs more than the loop.
constexpr int64_t kMinParallelElements = int64_t{1} << 16;

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
    // [P, S, L] against [P, 1, L]: a per-(plane, lane) vector broadcast over S (blocked [N, C, 1, 1] operands).
    auto lane_vector = [&](const Dims& v) { return out_.size() == 3 && v == Dims{out_[0], 1, out_[2]}; };
    a_lanes_ = lane_vector(a) && b == out_;
    b_lanes_ = lane_vector(b) && a == out_;
  }
  double Flops() const override { return static_cast<double>(n_); }
  bool Splits(const RunContext& ctx) const override {
    return (same_ || a_scalar_ || b_scalar_ || a_lanes_ || b_lanes_) &&
           WorthSplitting(ctx, static_cast<double>(n_), kMinParallelElements) && Kernel::Splits(ctx);
  }

  void Run(const RunContext& ctx) override {
    const T* a = ctx.in[0].as<T>();
    const T* b = ctx.in[1].as<T>();
    R* y = ctx.out[0].as<R>();
    if (same_ || a_scalar_ || b_scalar_) {
      const bool big = Splits(ctx);
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
    if (a_lanes_ || b_lanes_) {
      Lanes(a, b, y, Splits(ctx) ? ctx.pool : nullptr);
      return;
    }
    General(a, b, y);
  }

 private:
  void Lanes(const T* a, const T* b, R* y, ThreadPool* pool) const {
    int64_t planes = out_[0], s = out_[1], lanes = out_[2];
    auto body = [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {  // r = plane * s + row
        const T* v = (a_lanes_ ? a : b) + r / s * lanes;
        const T* full = (a_lanes_ ? b : a) + r * lanes;
        R* yr = y + r * lanes;
        if (a_lanes_) {
          for (int64_t j = 0; j < lanes; ++j) yr[j] = Apply<T, op>::F(v[j], full[j]);
        } else {
          for (int64_t j = 0; j < lanes; ++j) yr[j] = Apply<T, op>::F(full[j], v[j]);
        }
      }
    };
    ParallelForOrInline(pool, planes * s, body);
  }

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
  bool same_ = false, a_scalar_ = false, b_scalar_ = false, a_lanes_ = false, b_lanes_ = false;
};

// Dims of B as numpy broadcasting should see them. Opset < 7 nodes carry `broadcast` (and maybe `axis`): without
// broadcast = 1 the shapes must match; with it B lines up with A starting at `axis` (default: trailing dims), so
// B gets trailing 1s.
Dims OperandBDims(const KernelBuilder& b) {
  const Dims& da = b.dims(0);
  const Dims& db = b.dims(1);
  if (!b.node().HasAttr("broadcast") && !b.node().HasAttr("axis")) return db;
  if (b.node().AttrInt("broadcast", 0) == 0) {
    b.Require(da == db, "without broadcast=1 the legacy form needs equal shapes");
    return db;
  }
  auto ra = static_cast<int64_t>(da.size()), rb = static_cast<int64_t>(db.size());
  int64_t axis = b.node().AttrInt("axis", ra - rb);
  b.Require(axis >= 0 && axis + rb <= ra, "legacy broadcast axis does not place B inside A");
  Dims shaped = db;
  shaped.resize(ra - axis, 1);
  b.Require(BroadcastDims(b, da, shaped) == da, "legacy broadcast must produce A's shape");
  return shaped;
}

// Pow-12+: float base with an integer exponent (float result) or integer base with a float exponent (integer
// result, the double power truncated toward zero).
std::unique_ptr<Kernel> MakeMixedPow(KernelBuilder& b) {
  DType ta = b.in(0).dtype, tb = b.in(1).dtype;
  b.Require(!b.node().HasAttr("broadcast"), "legacy Pow (opset < 7) needs equal input dtypes");
  if (ta == DType::kF32 && tb == DType::kI64) {
    return MakeBroadcast<float, int64_t, float>(
        b, ta, [](float x, int64_t e) { return static_cast<float>(std::pow(static_cast<double>(x), e)); });
  }
  if (ta == DType::kI64 && tb == DType::kF32) {
    return MakeBroadcast<int64_t, float, int64_t>(b, ta, [](int64_t x, float e) -> int64_t {
      double v = std::pow(static_cast<double>(x), static_cast<double>(e));
      return std::isfinite(v) && std::fabs(v) < 9.2e18 ? static_cast<int64_t>(v) : 0;
    });
  }
  b.Fail(std::string("unsupported dtypes ") + DTypeName(ta) + " ^ " + DTypeName(tb));
}

// Storage dims of a blocked binary op (the layout pass creates three kinds; padding lanes stay finite in all):
//   both operands blocked with equal dims:        flat storage, elementwise;
//   one blocked, the other a one-element tensor:  flat storage against a scalar;
//   both blocked, one [N, C, 1, 1] (an SE gate):  [N*Cb, H*W, b] against [N*Cb, 1, b].
void BlockedStorage(const KernelBuilder& b, const Dims& out, int blk, Dims* sa, Dims* sb, Dims* sy) {
  auto storage = [&](const Dims& d) {
    int64_t spatial = 1;
    for (size_t i = 2; i < d.size(); ++i) spatial *= d[i];
    return Dims{d[0] * ((d[1] + blk - 1) / blk), spatial, blk};
  };
  auto flat = [](const Dims& d) { return Dims{d[0] * d[1] * d[2]}; };
  b.Require(out.size() >= 2, "blocked layout needs N and C dims");
  *sy = storage(out);
  Dims* s[2] = {sa, sb};
  for (int i = 0; i < 2; ++i) {
    const TensorDesc& in = b.in(i);
    if (in.layout == MemLayout::kBlocked) {
      b.Require(in.block == blk && in.dims.size() == out.size(), "blocked operands need one block size and rank");
      *s[i] = storage(in.dims);
      b.Require(in.dims == out || ((*s[i])[0] == (*sy)[0] && (*s[i])[1] == 1),
                "a blocked operand must have the output's dims or [N, C, 1, 1]");
    } else {
      b.Require(NumElements(in.dims) == 1, "a plain operand of a blocked op must be one element");
      *s[i] = {1};
    }
  }
  bool lanes = *sa != *sy || *sb != *sy;
  bool scalar = *sa == Dims{1} || *sb == Dims{1};
  if (scalar || !lanes) {
    if (*sa != Dims{1}) *sa = flat(*sa);
    if (*sb != Dims{1}) *sb = flat(*sb);
    *sy = flat(*sy);
  }
}

template <BinOp op>
std::unique_ptr<Kernel> MakeBinary(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  DType t = b.in(0).dtype;
  if (op == BinOp::kPow && t != b.in(1).dtype) return MakeMixedPow(b);
  b.Require(t == b.in(1).dtype,
            std::string("input dtypes differ: ") + DTypeName(t) + " vs " + DTypeName(b.in(1).dtype));
  Dims dims_b = OperandBDims(b);
  Dims out = BroadcastDims(b, b.dims(0), dims_b);
  b.Require(out.size() <= kMaxRank, "rank above 8 is not supported");
  constexpr bool cmp = op >= BinOp::kEqual;
  constexpr bool logic = op >= BinOp::kAnd;
  bool blocked = b.in(0).layout == MemLayout::kBlocked || b.in(1).layout == MemLayout::kBlocked;
  MemLayout lay = blocked ? MemLayout::kBlocked : MemLayout::kPlain;
  int blk = b.in(b.in(0).layout == MemLayout::kBlocked ? 0 : 1).block;
  Dims storage_a, storage_b, storage;
  if (blocked) {
    b.Require(!cmp && !logic && t == DType::kF32, "blocked layout is for float arithmetic only");
    BlockedStorage(b, out, blk, &storage_a, &storage_b, &storage);
  }
  if constexpr (logic) {
    b.Require(t == DType::kBool, "logical ops need bool inputs");
    b.SetOutput(0, DType::kBool, out);
    return std::make_unique<BinaryKernel<uint8_t, uint8_t, op>>(b.dims(0), dims_b, out);
  } else {
    DType rt = cmp ? DType::kBool : t;
    b.SetOutput(0, rt, out, cmp ? MemLayout::kPlain : lay, blk);
    const Dims& da = blocked ? storage_a : b.dims(0);
    const Dims& db = blocked ? storage_b : dims_b;
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
PARITY_REGISTER_OP({"", "GreaterOrEqual", 12, kMaxOpset, &MakeBinary<BinOp::kGreaterEqual>});
PARITY_REGISTER_OP({"", "LessOrEqual", 12, kMaxOpset, &MakeBinary<BinOp::kLessEqual>});
PARITY_REGISTER_OP({"", "And", 1, kMaxOpset, &MakeBinary<BinOp::kAnd>});
PARITY_REGISTER_OP({"", "Or", 1, kMaxOpset, &MakeBinary<BinOp::kOr>});
PARITY_REGISTER_OP({"", "Xor", 1, kMaxOpset, &MakeBinary<BinOp::kXor>});

// Max/Min with one or more than two inputs: every input broadcast to the common shape and folded left to right.
template <typename T, BinOp op>
class VariadicKernel : public Kernel {
 public:
  VariadicKernel(Dims out, std::vector<Dims> strides) : out_(std::move(out)), st_(std::move(strides)) {
    n_ = NumElements(out_);
  }
  double Flops() const override { return static_cast<double>(n_ * st_.size()); }
  void Run(const RunContext& ctx) override {
    T* y = ctx.out[0].as<T>();
    size_t r = out_.size();
    int64_t idx[kMaxRank] = {};
    for (int64_t i = 0; i < n_; ++i) {
      T acc = T();
      for (size_t k = 0; k < st_.size(); ++k) {
        int64_t off = 0;
        for (size_t d = 0; d < r; ++d) off += idx[d] * st_[k][d];
        T v = ctx.in[k].as<T>()[off];
        acc = k == 0 ? v : Apply<T, op>::F(acc, v);
      }
      y[i] = acc;
      for (int d = static_cast<int>(r) - 1; d >= 0; --d) {
        if (++idx[d] < out_[d]) break;
        idx[d] = 0;
      }
    }
  }

 private:
  Dims out_;
  std::vector<Dims> st_;
  int64_t n_ = 0;
};

// The two-input form (what exported models use) takes the fast, layout-aware binary path.
template <BinOp op>
std::unique_ptr<Kernel> MakeMaxMin(KernelBuilder& b) {
  if (b.num_inputs() == 2) return MakeBinary<op>(b);
  b.Require(b.num_inputs() >= 1, "needs at least one input");
  DType t = b.in(0).dtype;
  Dims out = b.dims(0);
  for (int i = 0; i < b.num_inputs(); ++i) {
    b.Require(b.has_input(i), "omitted input");
    b.Require(b.in(i).dtype == t, "input dtypes differ");
    b.Require(b.in(i).layout == MemLayout::kPlain, "blocked layout is not supported");
    out = BroadcastDims(b, out, b.dims(i));
  }
  b.Require(out.size() <= kMaxRank, "rank above 8 is not supported");
  std::vector<Dims> st;
  st.reserve(b.num_inputs());
  for (int i = 0; i < b.num_inputs(); ++i) st.push_back(BroadcastStrides(b.dims(i), out));
  b.SetOutput(0, t, out);
  if (t == DType::kF32) return std::make_unique<VariadicKernel<float, op>>(out, std::move(st));
  if (t == DType::kI64) return std::make_unique<VariadicKernel<int64_t, op>>(out, std::move(st));
  b.Fail(std::string("unsupported dtype ") + DTypeName(t));
}
PARITY_REGISTER_OP({"", "Max", 6, kMaxOpset, &MakeMaxMin<BinOp::kMax>});
PARITY_REGISTER_OP({"", "Min", 6, kMaxOpset, &MakeMaxMin<BinOp::kMin>});

}  // namespace
}  // namespace parity::rt
