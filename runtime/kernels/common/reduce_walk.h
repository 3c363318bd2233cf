// Shared geometry of the Reduce* ops: which axes a node reduces (axes attribute, or the int64 input 1 from the
// opset that moved it there), keepdims, noop_with_empty_axes, and a walk over the input elements that feed one
// output element. Kernels built on it compute each output independently, so they parallelize over outputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kernels/common/op_util.h"

namespace parity::rt {

struct ReduceGeom {
  Dims kept_dims, kept_strides;  // non-reduced axes and their input strides (outer to inner)
  Dims red_dims, red_strides;    // reduced axes and their input strides (outer to inner)
  int64_t out_n = 1;             // output elements
  int64_t count = 1;             // input elements per output (0 for an empty reduced set)

  // Input offset of the first element that feeds output o.
  int64_t Base(int64_t o) const {
    int64_t off = 0;
    for (int d = static_cast<int>(kept_dims.size()) - 1; d >= 0; --d) {
      off += (o % kept_dims[d]) * kept_strides[d];
      o /= kept_dims[d];
    }
    return off;
  }

  // Calls f(offset) for every input element feeding the output whose Base() is `base`, in row-major order.
  template <typename F>
  void ForEach(int64_t base, F&& f) const {
    if (count == 0) return;
    size_t r = red_dims.size();
    if (r == 0) {
      f(base);
      return;
    }
    int64_t inner = red_dims[r - 1], step = red_strides[r - 1];
    int64_t idx[kMaxRank] = {};
    for (int64_t done = 0; done < count; done += inner) {
      int64_t off = base;
      for (size_t d = 0; d + 1 < r; ++d) off += idx[d] * red_strides[d];
      for (int64_t i = 0; i < inner; ++i) f(off + i * step);
      for (int d = static_cast<int>(r) - 2; d >= 0; --d) {
        if (++idx[d] < red_dims[d]) break;
        idx[d] = 0;
      }
    }
  }
};

// Validates inputs/attributes of a Reduce* node, sets output 0 (dtype out_type) and returns the geometry.
// No axes (attribute absent, input absent or empty) reduces every axis unless noop_with_empty_axes = 1, which
// reduces none: every output element then reduces its single matching input element.
inline ReduceGeom SetupReduce(KernelBuilder& b, DType out_type) {
  b.ExpectInputs(1, 2);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(rank <= kMaxRank, "rank above 8 is not supported");
  std::vector<int64_t> axes = b.has_input(1) ? b.ConstInts(1, "axes") : b.node().AttrInts("axes");
  bool noop = b.node().AttrInt("noop_with_empty_axes", 0) != 0;
  std::vector<bool> red(rank, axes.empty() && !noop);
  for (int64_t a : axes) red[NormAxis(b, a, rank)] = true;
  bool keep = b.node().AttrInt("keepdims", 1) != 0;
  ReduceGeom g;
  Dims strides = Strides(x);
  Dims out;
  for (int64_t i = 0; i < rank; ++i) {
    if (red[i]) {
      g.red_dims.push_back(x[i]);
      g.red_strides.push_back(strides[i]);
      g.count *= x[i];
      if (keep) out.push_back(1);
    } else {
      g.kept_dims.push_back(x[i]);
      g.kept_strides.push_back(strides[i]);
      g.out_n *= x[i];
      out.push_back(x[i]);
    }
  }
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported");
  b.SetOutput(0, out_type, out);
  return g;
}

// Output element o = Fn(x, geom, geom.Base(o)). Fn is a stateless functor type with a static Apply.
template <typename TIn, typename TOut, typename Fn>
class ReduceWalkKernel : public Kernel {
 public:
  explicit ReduceWalkKernel(ReduceGeom g) : g_(std::move(g)) {}
  double Flops() const override { return static_cast<double>(g_.out_n) * static_cast<double>(g_.count); }
  void Run(const RunContext& ctx) override {
    const TIn* x = ctx.in[0].as<TIn>();
    TOut* y = ctx.out[0].as<TOut>();
    auto body = [&](int64_t s, int64_t e) {
      for (int64_t o = s; o < e; ++o) y[o] = Fn::Apply(x, g_, g_.Base(o));
    };
    if (g_.out_n > 1 && g_.out_n * g_.count > (1 << 15)) {
      ParallelForOrInline(ctx.pool, g_.out_n, body);
    } else {
      body(0, g_.out_n);
    }
  }

 private:
  ReduceGeom g_;
};

}  // namespace parity::rt
