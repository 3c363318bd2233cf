// QuantizeLinear (opset 10-25): y = saturate(round_half_even(x / y_scale) + y_zero_point) for integer y; for
// float8 / float4e2m1 y (opset 19+), x / y_scale + y_zero_point rounded to nearest even in the target format
// (`saturate`). Scale and zero point are per-tensor, per-axis (axis) or blocked (block_size). y's type is
// y_zero_point's, else output_dtype's, else uint8. The division is a float32 division (the op divides in y_scale's
// type), so float16 / bfloat16 scales and a `precision` other than float are refused, as is float8e8m0.
#include <cstring>

#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

// Rounds a double to float with round-to-odd: the float keeps a sticky bit, so the later round-to-nearest-even to
// a format with far fewer mantissa bits (float8 / float4) does not suffer double rounding.
float ToFloatRoundOdd(double s) {
  float f = static_cast<float>(s);
  if (!std::isfinite(f) || static_cast<double>(f) == s) return f;
  if (std::fabs(static_cast<double>(f)) > std::fabs(s)) f = std::nextafter(f, 0.f);
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  bits |= 1u;
  std::memcpy(&f, &bits, 4);
  return f;
}

class QuantizeKernel : public Kernel {
 public:
  // target: 0 for integer y (range lo..hi), else the ONNX float type of y.
  QuantizeKernel(QuantLayout l, int64_t n, int64_t lo, int64_t hi, int target, bool saturate)
      : l_(l), n_(n), lo_(lo), hi_(hi), target_(target), saturate_(saturate) {}
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* scale = ctx.in[1].as<float>();
    const bool has_zp = ctx.in.size() > 2 && ctx.in[2].data;
    ParallelForOrInline(ctx.pool, n_, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) {
        int64_t p = l_.Index(i);
        float q = x[i] / scale[p];
        if (target_ == 0) {
          ctx.out[0].as<int64_t>()[i] = QuantizeValue(q, has_zp ? ctx.in[2].as<int64_t>()[p] : 0, lo_, hi_);
        } else {
          double s = static_cast<double>(q) + (has_zp ? static_cast<double>(ctx.in[2].as<float>()[p]) : 0.0);
          NarrowFloatMode mode;
          mode.saturate = saturate_;
          ctx.out[0].as<float>()[i] = RoundToFloatType(target_, ToFloatRoundOdd(s), mode);
        }
      }
    });
  }

 private:
  QuantLayout l_;
  int64_t n_, lo_, hi_;
  int target_;
  bool saturate_;
};

// The ONNX type of y (see the header comment); 0 when it cannot be known.
int TargetType(const KernelBuilder& b) {
  int64_t attr = b.node().AttrInt("output_dtype", 0);
  if (!b.has_input(2)) return attr != 0 ? static_cast<int>(attr) : onnx_type::kUint8;
  int declared = DeclaredOnnxType(b, 2);
  b.Require(declared != 0, "the ONNX dtype of y_zero_point (which sets y's type) is not known");
  b.Require(attr == 0 || attr == declared, "output_dtype does not match y_zero_point's type");
  return declared;
}

// Before opset 19 y_scale is always float32; later it may be float16 / bfloat16, which must then be visible.
std::unique_ptr<Kernel> MakeQuantize(KernelBuilder& b, bool opset19) {
  b.ExpectInputs(2, 3);
  const Node& n = b.node();
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  const int target = TargetType(b);
  int64_t lo = 0, hi = 0;
  const bool is_int = QuantIntRange(target, &lo, &hi) && target != onnx_type::kInt32;
  const bool is_float = opset19 && IsOnnxFloatType(target) && OnnxTypeBits(target) <= 8 && target != 24;
  b.Require(is_int || is_float, "quantizing to " + OnnxTypeName(target) + " is not supported");
  int scale_type = DeclaredOnnxType(b, 1);
  b.Require(scale_type == onnx_type::kFloat || (scale_type == 0 && !opset19),
            "y_scale must be known to be float32 (the division is carried out in its type)");
  b.Require(n.AttrInt("precision", 0) == 0 || n.AttrInt("precision", 0) == onnx_type::kFloat,
            "precision other than float32 is not supported");
  QuantLayout l = ParseQuantLayout(b, b.dims(0), b.dims(1), n.AttrInt("axis", 1), n.AttrInt("block_size", 0));
  const DType storage = is_int ? DType::kI64 : DType::kF32;
  if (b.has_input(2)) {
    b.Require(b.in(2).dtype == storage, "y_zero_point's storage does not match y's type");
    b.Require(b.dims(2) == b.dims(1) || (l.kind == QuantLayout::kTensor && NumElements(b.dims(2)) == 1),
              "y_zero_point must have y_scale's shape");
  }
  b.SetOutput(0, storage, b.dims(0));
  return std::make_unique<QuantizeKernel>(l, NumElements(b.dims(0)), lo, hi, is_int ? 0 : target,
                                          n.AttrInt("saturate", 1) != 0);
}

std::unique_ptr<Kernel> MakeQuantize10(KernelBuilder& b) {
  return MakeQuantize(b, false);
}
std::unique_ptr<Kernel> MakeQuantize19(KernelBuilder& b) {
  return MakeQuantize(b, true);
}

PARITY_REGISTER_OP({"", "QuantizeLinear", 10, 18, &MakeQuantize10});
PARITY_REGISTER_OP({"", "QuantizeLinear", 19, kMaxOpset, &MakeQuantize19});

}  // namespace
}  // namespace parity::rt
