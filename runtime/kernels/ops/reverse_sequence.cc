// ReverseSequence: for every batch entry b, reverses the first sequence_lens[b] steps along time_axis and copies
// the rest. time_axis / batch_axis are 0 and 1 in either order; input rank >= 2. Lengths outside [0, max_len]
// are a run error. Any dtype.
#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

class ReverseSequenceKernel : public Kernel {
 public:
  // inner: bytes of one (time, batch) cell, i.e. the product of the trailing dims times the element size.
  ReverseSequenceKernel(int64_t steps, int64_t batch, bool time_major, int64_t inner)
      : steps_(steps), batch_(batch), time_major_(time_major), inner_(inner) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    const int64_t* lens = ctx.in[1].as<int64_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    for (int64_t b = 0; b < batch_; ++b) {
      if (lens[b] < 0 || lens[b] > steps_) {
        throw RunError("ReverseSequence: sequence length " + std::to_string(lens[b]) + " out of range [0, " +
                       std::to_string(steps_) + "]");
      }
    }
    for (int64_t b = 0; b < batch_; ++b) {
      for (int64_t t = 0; t < steps_; ++t) {
        int64_t src_t = t < lens[b] ? lens[b] - 1 - t : t;
        std::memcpy(y + Cell(t, b) * inner_, x + Cell(src_t, b) * inner_, static_cast<size_t>(inner_));
      }
    }
  }

 private:
  int64_t Cell(int64_t t, int64_t b) const { return time_major_ ? t * batch_ + b : b * steps_ + t; }

  int64_t steps_, batch_;
  bool time_major_;
  int64_t inner_;
};

std::unique_ptr<Kernel> MakeReverseSequence(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(1).dtype == DType::kI64, "sequence_lens must be integers");
  const Dims& x = b.dims(0);
  b.Require(x.size() >= 2, "input must have rank >= 2");
  int64_t ta = b.node().AttrInt("time_axis", 0), ba = b.node().AttrInt("batch_axis", 1);
  b.Require((ta == 0 && ba == 1) || (ta == 1 && ba == 0), "time_axis and batch_axis must be 0 and 1");
  b.Require(b.dims(1) == Dims{x[ba]}, "sequence_lens must be [batch]");
  int64_t inner = static_cast<int64_t>(DTypeSize(b.in(0).dtype));
  for (size_t d = 2; d < x.size(); ++d) inner *= x[d];
  b.SetOutput(0, b.in(0).dtype, x);
  return std::make_unique<ReverseSequenceKernel>(x[ta], x[ba], ta == 0, inner);
}

PARITY_REGISTER_OP({"", "ReverseSequence", 10, kMaxOpset, &MakeReverseSequence});

}  // namespace
}  // namespace parity::rt
