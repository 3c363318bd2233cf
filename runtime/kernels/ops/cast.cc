// Cast between storage types. Float targets (float16/double) compute in fp32 internally, so casting to float16
// rounds through half precision to keep the model's numerics; integer targets truncate toward zero.
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class CastKernel : public Kernel {
 public:
  CastKernel(DType from, DType to, int to_onnx, int64_t n) : from_(from), to_(to), to_onnx_(to_onnx), n_(n) {}
  void Run(const RunContext& ctx) override {
    for (int64_t i = 0; i < n_; ++i) {
      double v = Load(ctx.in[0].data, i);
      Store(ctx.out[0].data, i, v);
    }
  }

 private:
  double Load(const void* p, int64_t i) const {
    if (from_ == DType::kF32) return static_cast<const float*>(p)[i];
    if (from_ == DType::kI64) return static_cast<double>(static_cast<const int64_t*>(p)[i]);
    return static_cast<const uint8_t*>(p)[i];
  }
  void Store(void* p, int64_t i, double v) const {
    if (to_ == DType::kF32) {
      float f = static_cast<float>(v);
      if (to_onnx_ == onnx_type::kFloat16) f = HalfToFloat(FloatToHalf(f));
      static_cast<float*>(p)[i] = f;
    } else if (to_ == DType::kI64) {
      int64_t x = std::isfinite(v) ? static_cast<int64_t>(v) : 0;
      if (to_onnx_ == onnx_type::kInt32) x = static_cast<int32_t>(x);
      if (to_onnx_ == onnx_type::kUint8) x = static_cast<uint8_t>(x);
      if (to_onnx_ == onnx_type::kInt8) x = static_cast<int8_t>(x);
      static_cast<int64_t*>(p)[i] = x;
    } else {
      static_cast<uint8_t*>(p)[i] = v != 0.0;
    }
  }
  DType from_, to_;
  int to_onnx_;
  int64_t n_;
};

std::unique_ptr<Kernel> MakeCast(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  int to = static_cast<int>(b.node().AttrInt("to", 0));
  DType st;
  b.Require(StorageOf(to, &st), "cast to " + OnnxTypeName(to) + " is not supported");
  b.SetOutput(0, st, b.dims(0));
  return std::make_unique<CastKernel>(b.in(0).dtype, st, to, NumElements(b.dims(0)));
}

PARITY_REGISTER_OP({"", "Cast", 1, kMaxOpset, &MakeCast});

}  // namespace
}  // namespace parity::rt
