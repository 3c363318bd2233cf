// EyeLike: a 2-D tensor of input 0's dims with ones on the k-th diagonal (y[i, i + k] = 1) and zeros elsewhere.
// Output dtype from the `dtype` attribute, else the input's.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class EyeLikeKernel : public Kernel {
 public:
  EyeLikeKernel(int64_t rows, int64_t cols, int64_t k, DType t) : rows_(rows), cols_(cols), k_(k), t_(t) {}
  void Run(const RunContext& ctx) override {
    size_t elem = DTypeSize(t_);
    auto* y = ctx.out[0].as<uint8_t>();
    std::memset(y, 0, static_cast<size_t>(rows_ * cols_) * elem);
    for (int64_t i = std::max<int64_t>(0, -k_); i < rows_ && i + k_ < cols_; ++i) {
      uint8_t* at = y + (i * cols_ + i + k_) * static_cast<int64_t>(elem);
      if (t_ == DType::kF32) {
        *reinterpret_cast<float*>(at) = 1.f;
      } else if (t_ == DType::kI64) {
        *reinterpret_cast<int64_t*>(at) = 1;
      } else {
        *at = 1;
      }
    }
  }

 private:
  int64_t rows_, cols_, k_;
  DType t_;
};

std::unique_ptr<Kernel> MakeEyeLike(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  b.Require(x.size() == 2, "input must be 2-D, got " + DimsToString(x));
  DType t = b.in(0).dtype;
  if (b.node().HasAttr("dtype")) {
    int onnx = static_cast<int>(b.node().AttrInt("dtype", onnx_type::kFloat));
    b.Require(StorageOf(onnx, &t), "dtype " + OnnxTypeName(onnx) + " is not supported");
  }
  b.SetOutput(0, t, x);
  return std::make_unique<EyeLikeKernel>(x[0], x[1], b.node().AttrInt("k", 0), t);
}

PARITY_REGISTER_OP({"", "EyeLike", 9, kMaxOpset, &MakeEyeLike});

}  // namespace
}  // namespace parity::rt
