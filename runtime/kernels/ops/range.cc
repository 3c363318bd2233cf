// Range(start, limit, delta) with constant scalar inputs (float or int64).
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class RangeKernel : public Kernel {
 public:
  RangeKernel(DType t, double start, double delta, int64_t n) : t_(t), start_(start), delta_(delta), n_(n) {}
  void Run(const RunContext& ctx) override {
    for (int64_t i = 0; i < n_; ++i) {
      if (t_ == DType::kF32) {
        ctx.out[0].as<float>()[i] = static_cast<float>(start_ + i * delta_);
      } else {
        ctx.out[0].as<int64_t>()[i] = static_cast<int64_t>(start_) + i * static_cast<int64_t>(delta_);
      }
    }
  }

 private:
  DType t_;
  double start_, delta_;
  int64_t n_;
};

double Scalar(const KernelBuilder& b, int i, const char* what) {
  const ConstTensor& t = b.ConstInput(i, what);
  b.Require(t.size() == 1, std::string(what) + " must be a scalar");
  return t.dtype == DType::kF32 ? *t.as<float>() : static_cast<double>(*t.as<int64_t>());
}

std::unique_ptr<Kernel> MakeRange(KernelBuilder& b) {
  b.ExpectInputs(3, 3);
  DType t = b.in(0).dtype;
  b.Require(t != DType::kBool, "bool range");
  double start = Scalar(b, 0, "start"), limit = Scalar(b, 1, "limit"), delta = Scalar(b, 2, "delta");
  b.Require(delta != 0, "delta is 0");
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((limit - start) / delta)));
  b.SetOutput(0, t, {n});
  return std::make_unique<RangeKernel>(t, start, delta, n);
}

PARITY_REGISTER_OP({"", "Range", 11, kMaxOpset, &MakeRange});

}  // namespace
}  // namespace parity::rt
