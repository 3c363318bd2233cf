// Compress: keeps the slices along `axis` (or the elements of the flattened input when axis is absent) whose
// condition entry is true; a condition shorter than that dim leaves the rest out. The output shape depends on
// the condition's values, so a run-time condition makes the graph dynamic. Any dtype.
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class CompressKernel : public Kernel {
 public:
  // Copies the `slice`-byte slices listed in keep from each of `outer` blocks of `dim` slices.
  CompressKernel(int64_t outer, int64_t dim, int64_t slice, std::vector<int64_t> keep)
      : outer_(outer), dim_(dim), slice_(slice), keep_(std::move(keep)) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    int64_t kept = static_cast<int64_t>(keep_.size());
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t j = 0; j < kept; ++j) {
        std::memcpy(y + (o * kept + j) * slice_, x + (o * dim_ + keep_[j]) * slice_, static_cast<size_t>(slice_));
      }
    }
  }

 private:
  int64_t outer_, dim_, slice_;
  std::vector<int64_t> keep_;
};

std::unique_ptr<Kernel> MakeCompress(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(1).dtype == DType::kBool, "condition must be bool");
  b.Require(b.dims(1).size() == 1, "condition must be 1-D");
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  bool has_axis = b.node().HasAttr("axis");
  int64_t axis = has_axis ? NormAxis(b, b.node().AttrInt("axis", 0), rank) : 0;
  int64_t dim = has_axis ? x[axis] : NumElements(x);
  const ConstTensor& c = b.ConstInput(1, "condition");
  b.Require(c.size() <= dim, "condition is longer than the compressed dim");
  std::vector<int64_t> keep;
  for (int64_t i = 0; i < c.size(); ++i) {
    if (c.as<uint8_t>()[i]) keep.push_back(i);
  }
  int64_t outer = 1, slice = static_cast<int64_t>(DTypeSize(b.in(0).dtype));
  Dims out;
  if (has_axis) {
    for (int64_t i = 0; i < axis; ++i) outer *= x[i];
    for (int64_t i = axis + 1; i < rank; ++i) slice *= x[i];
    out = x;
    out[axis] = static_cast<int64_t>(keep.size());
  } else {
    out = {static_cast<int64_t>(keep.size())};
  }
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<CompressKernel>(outer, dim, slice, std::move(keep));
}

PARITY_REGISTER_OP({"", "Compress", 9, kMaxOpset, &MakeCompress});

}  // namespace
}  // namespace parity::rt
