// Ops that only change dims: Reshape, Flatten, Squeeze, Unsqueeze, Identity (and Dropout in inference, via
// MakeAliasOfInput from dropout.cc).
// Their output aliases the input buffer (the memory planner gives both one allocation), so Run copies only
// when the executor could not alias (e.g. the input is a graph input that is also an output).
#include "kernels/common/op_util.h"

namespace parity::rt {

// Output 0 is input 0 (shared buffer); an optional output 1 is an all-true bool mask of the same dims.
std::unique_ptr<Kernel> MakeAliasOfInput(KernelBuilder& b);

namespace {

class AliasKernel : public Kernel {
 public:
  explicit AliasKernel(size_t bytes, int64_t mask_elems = 0) : bytes_(bytes), mask_(mask_elems) {}
  int AliasInputOf(int output) const override { return output == 0 ? 0 : -1; }
  void Run(const RunContext& ctx) override {
    CopyIfDistinct(ctx.out[0].data, ctx.in[0].data, bytes_);
    if (mask_ && ctx.out.size() > 1 && ctx.out[1].data) std::memset(ctx.out[1].data, 1, mask_);  // Dropout mask
  }

 private:
  size_t bytes_;
  int64_t mask_;
};

std::unique_ptr<Kernel> Finish(KernelBuilder& b, Dims out) {
  b.Require(NumElements(out) == NumElements(b.dims(0)),
            "cannot reshape " + DimsToString(b.dims(0)) + " to " + DimsToString(out));
  b.Require(b.in(0).layout == MemLayout::kPlain, "reshape of a blocked tensor");
  b.SetOutput(0, b.in(0).dtype, out);
  int64_t mask = 0;
  if (b.num_outputs() > 1) {  // Dropout mask (all true in inference)
    b.SetOutput(1, DType::kBool, b.dims(0));
    mask = NumElements(b.dims(0));
  }
  return std::make_unique<AliasKernel>(static_cast<size_t>(NumElements(out)) * DTypeSize(b.in(0).dtype), mask);
}

std::unique_ptr<Kernel> MakeReshape(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  std::vector<int64_t> shape = b.has_input(1) ? b.ConstInts(1, "shape") : b.node().AttrInts("shape");
  bool allowzero = b.node().AttrInt("allowzero", 0) != 0;
  Dims out(shape.begin(), shape.end());
  int infer = -1;
  int64_t known = 1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 0 && !allowzero) {
      b.Require(i < x.size(), "shape has 0 beyond the input rank");
      out[i] = x[i];
    }
    if (out[i] == -1) {
      b.Require(infer < 0, "more than one -1 in shape");
      infer = static_cast<int>(i);
    } else {
      known *= out[i];
    }
  }
  if (infer >= 0) {
    b.Require(known > 0 && NumElements(x) % known == 0, "cannot infer -1 dim of " + DimsToString(out));
    out[infer] = NumElements(x) / known;
  }
  return Finish(b, out);
}

std::unique_ptr<Kernel> MakeFlatten(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  int64_t axis = b.node().AttrInt("axis", 1);
  if (axis < 0) axis += r;
  b.Require(axis >= 0 && axis <= r, "axis out of range");
  int64_t a = 1;
  for (int64_t i = 0; i < axis; ++i) a *= x[i];
  return Finish(b, {a, NumElements(x) / std::max<int64_t>(a, 1)});
}

std::unique_ptr<Kernel> MakeSqueeze(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  std::vector<int64_t> axes = IntsOrAttr(b, 1, "axes", "axes");
  std::vector<bool> drop(r, false);
  for (int64_t a : axes) {
    int64_t n = NormAxis(b, a, r);
    b.Require(x[n] == 1, "cannot squeeze axis " + std::to_string(a) + " of size " + std::to_string(x[n]));
    drop[n] = true;
  }
  Dims out;
  for (int64_t i = 0; i < r; ++i) {
    if (axes.empty() ? x[i] != 1 : !drop[i]) out.push_back(x[i]);
  }
  return Finish(b, out);
}

std::unique_ptr<Kernel> MakeUnsqueeze(KernelBuilder& b) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  std::vector<int64_t> axes = IntsOrAttr(b, 1, "axes", "axes");
  int64_t r = static_cast<int64_t>(x.size() + axes.size());
  std::vector<bool> ins(r, false);
  for (int64_t a : axes) {
    int64_t n = NormAxis(b, a, r);
    b.Require(!ins[n], "duplicate axis");
    ins[n] = true;
  }
  Dims out;
  size_t k = 0;
  for (int64_t i = 0; i < r; ++i) out.push_back(ins[i] ? 1 : x[k++]);
  return Finish(b, out);
}

std::unique_ptr<Kernel> MakeIdentity(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  return MakeAliasOfInput(b);
}

}  // namespace

std::unique_ptr<Kernel> MakeAliasOfInput(KernelBuilder& b) {
  if (b.in(0).layout == MemLayout::kBlocked) {
    b.SetOutput(0, b.in(0).dtype, b.dims(0), MemLayout::kBlocked, b.in(0).block);
    Value v;
    v.dims = b.dims(0);
    v.layout = MemLayout::kBlocked;
    v.block = b.in(0).block;
    return std::make_unique<AliasKernel>(v.StorageBytes());
  }
  return Finish(b, b.dims(0));
}

namespace {

PARITY_REGISTER_OP({"", "Reshape", 1, kMaxOpset, &MakeReshape});
PARITY_REGISTER_OP({"", "Flatten", 1, kMaxOpset, &MakeFlatten});
PARITY_REGISTER_OP({"", "Squeeze", 1, kMaxOpset, &MakeSqueeze});
PARITY_REGISTER_OP({"", "Unsqueeze", 1, kMaxOpset, &MakeUnsqueeze});
PARITY_REGISTER_OP({"", "Identity", 1, kMaxOpset, &MakeIdentity});

}  // namespace
}  // namespace parity::rt
