// Generic elementwise kernels for the many small ops: a unary map y = f(x) and a numpy-broadcasting binary
// y = f(a, b), each over plain-layout tensors with the functor stored in the kernel (so attributes like alpha live
// in a lambda capture). Large tensors run in parallel.
#pragma once

#include <memory>
#include <utility>

#include "kernels/common/op_util.h"

namespace parity::rt {

constexpr int64_t kElementwiseParallelMin = 1 << 15;

template <typename TIn, typename TOut, typename F>
class MapKernel : public Kernel {
 public:
  MapKernel(int64_t n, F f) : n_(n), f_(std::move(f)) {}
  double Flops() const override { return static_cast<double>(n_); }
  void Run(const RunContext& ctx) override {
    const TIn* x = ctx.in[0].as<TIn>();
    TOut* y = ctx.out[0].as<TOut>();
    auto body = [&](int64_t s, int64_t e) {
      for (int64_t i = s; i < e; ++i) y[i] = f_(x[i]);
    };
    if (n_ > kElementwiseParallelMin) {
      ParallelForOrInline(ctx.pool, n_, body);
    } else {
      body(0, n_);
    }
  }

 private:
  int64_t n_;
  F f_;
};

// One-input op whose input 0 has storage type TIn; output 0 gets input 0's dims and dtype `out`.
template <typename TIn, typename TOut, typename F>
std::unique_ptr<Kernel> MakeMap(KernelBuilder& b, DType out, F f) {
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported");
  b.SetOutput(0, out, b.dims(0));
  return std::make_unique<MapKernel<TIn, TOut, F>>(NumElements(b.dims(0)), std::move(f));
}

// Float-to-float activation or math function with exactly one input.
template <typename F>
std::unique_ptr<Kernel> MakeFloatMap(KernelBuilder& b, F f) {
  b.ExpectInputs(1, 1);
  b.ExpectFloat(0);
  return MakeMap<float, float>(b, DType::kF32, std::move(f));
}

template <typename TA, typename TB, typename TOut, typename F>
class BroadcastKernel : public Kernel {
 public:
  BroadcastKernel(const Dims& a, const Dims& b, Dims out, F f)
      : out_(std::move(out)), sa_(BroadcastStrides(a, out_)), sb_(BroadcastStrides(b, out_)), f_(std::move(f)) {
    n_ = NumElements(out_);
  }
  double Flops() const override { return static_cast<double>(n_); }
  void Run(const RunContext& ctx) override {
    const TA* a = ctx.in[0].as<TA>();
    const TB* b = ctx.in[1].as<TB>();
    TOut* y = ctx.out[0].as<TOut>();
    size_t r = out_.size();
    if (r == 0) {
      if (n_) y[0] = f_(a[0], b[0]);
      return;
    }
    int64_t inner = out_[r - 1];
    int64_t outer = inner ? n_ / inner : 0;
    auto rows = [&](int64_t s, int64_t e) {
      for (int64_t o = s; o < e; ++o) Row(a, b, y, o, inner);
    };
    if (n_ > kElementwiseParallelMin) {
      ParallelForOrInline(ctx.pool, outer, rows);
    } else {
      rows(0, outer);
    }
  }

 private:
  // Output row o (all leading indices flattened) of length `inner`.
  void Row(const TA* a, const TB* b, TOut* y, int64_t o, int64_t inner) const {
    size_t r = out_.size();
    int64_t offa = 0, offb = 0, rest = o;
    for (int d = static_cast<int>(r) - 2; d >= 0; --d) {
      int64_t i = rest % out_[d];
      rest /= out_[d];
      offa += i * sa_[d];
      offb += i * sb_[d];
    }
    int64_t ia = sa_[r - 1], ib = sb_[r - 1];
    TOut* yo = y + o * inner;
    for (int64_t i = 0; i < inner; ++i) yo[i] = f_(a[offa + i * ia], b[offb + i * ib]);
  }

  Dims out_, sa_, sb_;
  int64_t n_ = 0;
  F f_;
};

// Two-input op with numpy broadcasting; inputs have storage types TA / TB, output 0 gets dtype `out`.
template <typename TA, typename TB, typename TOut, typename F>
std::unique_ptr<Kernel> MakeBroadcast(KernelBuilder& b, DType out, F f) {
  b.ExpectInputs(2, 2);
  b.Require(b.in(0).layout == MemLayout::kPlain && b.in(1).layout == MemLayout::kPlain,
            "blocked layout is not supported");
  Dims dims = BroadcastDims(b, b.dims(0), b.dims(1));
  b.SetOutput(0, out, dims);
  return std::make_unique<BroadcastKernel<TA, TB, TOut, F>>(b.dims(0), b.dims(1), std::move(dims), std::move(f));
}

}  // namespace parity::rt
