// DequantizeLinear (opset 10-25): y = (x - x_zero_point) * x_scale with per-tensor, per-axis (axis) or blocked
// (block_size) scale / zero point; output float (output_dtype / float16 scales compute in fp32, converted at the
// graph boundary). x may be any integer type (stored int64) or a float8/float4 type (stored f32; its zero point is
// then 0). The product is formed in double and rounded once to float.
#include "kernels/common/quant.h"

namespace parity::rt {
namespace {

class DequantizeKernel : public Kernel {
 public:
  DequantizeKernel(QuantLayout l, int64_t n, DType xt, DType zt) : l_(l), n_(n), xt_(xt), zt_(zt) {}
  void Run(const RunContext& ctx) override {
    const TensorRef& x = ctx.in[0];
    const float* scale = ctx.in[1].as<float>();
    bool has_zp = ctx.in.size() > 2 && ctx.in[2].data;
    float* y = ctx.out[0].as<float>();
    ParallelForOrInline(ctx.pool, n_, [&](int64_t i0, int64_t i1) {
      for (int64_t i = i0; i < i1; ++i) {
        int64_t p = l_.Index(i);
        double zp = has_zp ? ParamAt(ctx.in[2], zt_, p) : 0.0;
        y[i] = static_cast<float>((ParamAt(x, xt_, i) - zp) * static_cast<double>(scale[p]));
      }
    });
  }

 private:
  QuantLayout l_;
  int64_t n_;
  DType xt_, zt_;
};

std::unique_ptr<Kernel> MakeDequantize(KernelBuilder& b) {
  b.ExpectInputs(2, 3);
  const Node& n = b.node();
  b.Require(b.in(0).dtype != DType::kBool, "x must be numeric");
  b.ExpectFloat(1);
  int64_t out_type = n.AttrInt("output_dtype", 0);
  b.Require(out_type == 0 || out_type == onnx_type::kFloat || out_type == onnx_type::kFloat16 ||
                out_type == onnx_type::kDouble || out_type == 16,
            "output_dtype must be a float type");
  QuantLayout l = ParseQuantLayout(b, b.dims(0), b.dims(1), n.AttrInt("axis", 1), n.AttrInt("block_size", 0));
  DType zt = DType::kI64;
  if (b.has_input(2)) {
    b.Require(b.dims(2) == b.dims(1) || (l.kind == QuantLayout::kTensor && NumElements(b.dims(2)) == 1),
              "x_zero_point must have x_scale's shape");
    zt = b.in(2).dtype;
    b.Require(zt == b.in(0).dtype, "x_zero_point must have x's type");
  }
  b.SetOutput(0, DType::kF32, b.dims(0));
  return std::make_unique<DequantizeKernel>(l, NumElements(b.dims(0)), b.in(0).dtype, zt);
}

PARITY_REGISTER_OP({"", "DequantizeLinear", 10, kMaxOpset, &MakeDequantize});

}  // namespace
}  // namespace parity::rt
