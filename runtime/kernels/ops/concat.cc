// Concat along any axis, any dtype (byte copies; none at all when the planner placed the inputs inside the
// output). Blocked inputs concatenated on the channel axis when every input but the last has a channel count that
// is a multiple of the block (then blocks simply follow each other).
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

class ConcatKernel : public Kernel {
 public:
  ConcatKernel(int64_t outer, std::vector<int64_t> chunk_bytes) : outer_(outer), chunk_(std::move(chunk_bytes)) {
    for (int64_t c : chunk_) total_ += c;
  }
  // With one outer block every input is one contiguous slice of the output (channel concat at batch 1).
  int64_t InputOffsetInOutput(int input) const override {
    if (outer_ != 1) return -1;
    int64_t off = 0;
    for (int i = 0; i < input; ++i) off += chunk_[i];
    return off;
  }
  void Run(const RunContext& ctx) override {
    auto* y = ctx.out[0].as<uint8_t>();
    for (int64_t o = 0; o < outer_; ++o) {
      int64_t off = o * total_;
      for (size_t i = 0; i < chunk_.size(); ++i) {
        CopyIfDistinct(y + off, ctx.in[i].as<uint8_t>() + o * chunk_[i], chunk_[i]);
        off += chunk_[i];
      }
    }
  }

 private:
  int64_t outer_;
  std::vector<int64_t> chunk_;
  int64_t total_ = 0;
};

std::unique_ptr<Kernel> MakeConcat(KernelBuilder& b) {
  b.Require(b.num_inputs() >= 1, "needs inputs");
  for (int i = 0; i < b.num_inputs(); ++i) b.Require(b.has_input(i), "empty input name");
  const Dims& d0 = b.dims(0);
  int64_t rank = static_cast<int64_t>(d0.size());
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", 1), rank);
  DType t = b.in(0).dtype;
  bool blocked = b.in(0).layout == MemLayout::kBlocked;
  int blk = b.in(0).block;
  Dims out = d0;
  out[axis] = 0;
  for (int i = 0; i < b.num_inputs(); ++i) {
    const Dims& d = b.dims(i);
    b.Require(b.in(i).dtype == t, "inputs have different dtypes");
    b.Require((b.in(i).layout == MemLayout::kBlocked) == blocked, "inputs mix plain and blocked layouts");
    b.Require(d.size() == d0.size(), "inputs have different ranks");
    for (int64_t a = 0; a < rank; ++a) {
      if (a != axis)
        b.Require(d[a] == d0[a], "dims differ off the concat axis: " + DimsToString(d) + " vs " + DimsToString(d0));
    }
    if (blocked)
      b.Require(axis == 1 && (i + 1 == b.num_inputs() || d[1] % blk == 0), "blocked concat needs C % block == 0");
    out[axis] += d[axis];
  }
  int64_t outer = 1;
  for (int64_t a = 0; a < axis; ++a) outer *= d0[a];
  std::vector<int64_t> chunk;
  for (int i = 0; i < b.num_inputs(); ++i) {
    Value v;
    v.dims = b.dims(i);
    v.dtype = t;
    v.layout = b.in(i).layout;
    v.block = blk;
    chunk.push_back(static_cast<int64_t>(v.StorageBytes()) / std::max<int64_t>(outer, 1));
  }
  b.SetOutput(0, t, out, b.in(0).layout, blk);
  return std::make_unique<ConcatKernel>(outer, std::move(chunk));
}

PARITY_REGISTER_OP({"", "Concat", 1, kMaxOpset, &MakeConcat});

}  // namespace
}  // namespace parity::rt
