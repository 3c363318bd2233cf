// Cast between ONNX dtypes on top of the three storage types. The result is rounded to the *target* type and kept
// in storage form, so the graph output converts to the ONNX encoding exactly: casting to float16/bfloat16/float8/
// float4 rounds to nearest even on that type's grid (float8 `saturate`, float8e8m0 `round_mode`), floats to integers
// truncate toward zero and integers wrap to the target width (two's complement), as numpy does.
#include "kernels/ops/cast.h"

#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

// Truncation toward zero; NaN, infinities and values outside int64 give INT64_MIN (what x86 produces; ONNX leaves
// them undefined). uint64 targets keep [2^63, 2^64) as their two's complement bit pattern.
int64_t TruncateToInt(double v, int to) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (to == onnx_type::kUint64 && v >= kTwo63 && v < 2 * kTwo63) {
    return static_cast<int64_t>(static_cast<uint64_t>(v));
  }
  if (!(v >= -kTwo63 && v < kTwo63)) return INT64_MIN;  // also NaN
  return static_cast<int64_t>(v);
}

constexpr int64_t kMinParallelElements = int64_t{1} << 14;

class CastKernel : public Kernel {
 public:
  CastKernel(DType from, DType to, int to_onnx, NarrowFloatMode mode, int64_t n)
      : from_(from), to_(to), to_onnx_(to_onnx), mode_(mode), n_(n) {}

  void Run(const RunContext& ctx) override {
    const void* in = ctx.in[0].data;
    void* out = ctx.out[0].data;
    // Casts of a few elements (shape arithmetic, flags) run inline: waking the pool costs more than them.
    ParallelForOrInline(n_ >= kMinParallelElements ? ctx.pool : nullptr, n_, [&](int64_t s, int64_t e) {
      for (int64_t i = s; i < e; ++i) Convert(in, out, i);
    });
  }

 private:
  double Load(const void* p, int64_t i) const {
    if (from_ == DType::kF32) return static_cast<const float*>(p)[i];
    if (from_ == DType::kI64) return static_cast<double>(static_cast<const int64_t*>(p)[i]);
    return static_cast<const uint8_t*>(p)[i];
  }

  void Convert(const void* in, void* out, int64_t i) const {
    if (to_ == DType::kI64) {
      // Integer inputs bypass the double so large values stay exact.
      const int64_t x =
          from_ == DType::kI64 ? static_cast<const int64_t*>(in)[i] : TruncateToInt(Load(in, i), to_onnx_);
      static_cast<int64_t*>(out)[i] = WrapToIntType(to_onnx_, x);
    } else if (to_ == DType::kF32) {
      static_cast<float*>(out)[i] = RoundToFloatType(to_onnx_, static_cast<float>(Load(in, i)), mode_);
    } else {
      static_cast<uint8_t*>(out)[i] = Load(in, i) != 0.0;
    }
  }

  DType from_, to_;
  int to_onnx_;
  NarrowFloatMode mode_;
  int64_t n_;
};

std::unique_ptr<Kernel> MakeCast(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  b.Require(b.node().HasAttr("to"), "attribute 'to' is required");
  return MakeCastTo(b, static_cast<int>(b.node().AttrInt("to", 0)));
}

PARITY_REGISTER_OP({"", "Cast", 1, kMaxOpset, &MakeCast});

}  // namespace

std::unique_ptr<Kernel> MakeCastTo(KernelBuilder& b, int to) {
  DType st;
  b.Require(StorageOf(to, &st), "cast to " + OnnxTypeName(to) + " is not supported");
  NarrowFloatMode mode;
  const int64_t saturate = b.node().AttrInt("saturate", 1);
  b.Require(saturate == 0 || saturate == 1, "saturate must be 0 or 1, got " + std::to_string(saturate));
  mode.saturate = saturate == 1;
  const std::string round = b.node().AttrString("round_mode", "up");
  if (round == "up") {
    mode.e8m0 = E8M0Rounding::kUp;
  } else if (round == "down") {
    mode.e8m0 = E8M0Rounding::kDown;
  } else if (round == "nearest") {
    mode.e8m0 = E8M0Rounding::kNearest;
  } else {
    b.Fail("round_mode must be \"up\", \"down\" or \"nearest\", got \"" + round + "\"");
  }
  b.SetOutput(0, st, b.dims(0));
  return std::make_unique<CastKernel>(b.in(0).dtype, st, to, mode, NumElements(b.dims(0)));
}

}  // namespace parity::rt
