// Portable MaxPool / AveragePool for the cases the 1-D/2-D fast kernels in pool.cc leave out: any number of
// spatial dims, dilated AveragePool, MaxPool's Indices output (with storage_order) and integer (int8/uint8)
// MaxPool. Windows are walked with an odometer over the valid kernel taps of every spatial dim.
#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/common/window.h"

namespace parity::rt {
namespace {

inline int64_t CeilDiv(int64_t a, int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

// Per spatial dim and output position: first input coordinate, valid tap range [lo, hi) and the number of taps
// inside input + explicit padding (count_include_pad divisor).
struct DimTaps {
  std::vector<int64_t> start, lo, hi, padded;
};

class PoolNdKernel : public Kernel {
 public:
  PoolNdKernel(WindowNd w, int64_t planes, bool is_max, bool include_pad, bool is_int, bool col_major)
      : w_(std::move(w)),
        planes_(planes),
        max_(is_max),
        include_pad_(include_pad),
        int_(is_int),
        col_major_(col_major) {
    for (size_t i = 0; i < w_.in.size(); ++i) taps_.push_back(Taps(i));
    in_strides_ = Strides(w_.in);
  }
  void Run(const RunContext& ctx) override {
    int64_t* idx = ctx.out.size() > 1 ? ctx.out[1].as<int64_t>() : nullptr;
    ParallelForOrInline(ctx.pool, planes_, [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p) {
        if (int_) {
          Plane(ctx.in[0].as<int64_t>(), ctx.out[0].as<int64_t>(), idx, p);
        } else {
          Plane(ctx.in[0].as<float>(), ctx.out[0].as<float>(), idx, p);
        }
      }
    });
  }

 private:
  DimTaps Taps(size_t i) const {
    DimTaps t;
    int64_t k = w_.kernel[i], d = w_.dilations[i];
    for (int64_t o = 0; o < w_.out[i]; ++o) {
      int64_t s = o * w_.strides[i] - w_.pad_begin[i];
      int64_t lo = std::clamp<int64_t>(CeilDiv(-s, d), 0, k);
      int64_t hi = std::clamp<int64_t>(CeilDiv(w_.in[i] - s, d), lo, k);
      int64_t plo = std::clamp<int64_t>(CeilDiv(-s - w_.pad_begin[i], d), 0, k);
      int64_t phi = std::clamp<int64_t>(CeilDiv(w_.in[i] + w_.pad_end[i] - s, d), plo, k);
      t.start.push_back(s);
      t.lo.push_back(lo);
      t.hi.push_back(hi);
      t.padded.push_back(phi - plo);
    }
    return t;
  }

  // Flat spatial offset in column-major order (first spatial dim fastest) for storage_order = 1.
  int64_t ColumnMajor(int64_t off) const {
    int64_t r = 0, scale = 1;
    for (size_t i = 0; i < w_.in.size(); ++i) {
      int64_t pos = (off / in_strides_[i]) % w_.in[i];
      r += pos * scale;
      scale *= w_.in[i];
    }
    return r;
  }

  template <typename T>
  void Plane(const T* x, T* y, int64_t* idx, int64_t p) const {
    const size_t n = w_.in.size();
    const int64_t in_size = w_.InSize(), out_size = w_.OutSize();
    const T* xp = x + p * in_size;
    int64_t oo[kMaxRank] = {}, kk[kMaxRank];
    for (int64_t o = 0; o < out_size; ++o) {
      bool empty = false;
      int64_t include = 1;
      for (size_t i = 0; i < n; ++i) {
        kk[i] = taps_[i].lo[oo[i]];
        empty = empty || kk[i] == taps_[i].hi[oo[i]];
        include *= taps_[i].padded[oo[i]];
      }
      double acc = max_ ? -std::numeric_limits<double>::infinity() : 0.0;
      int64_t best = -1, count = 0;
      while (!empty) {
        int64_t off = 0;
        for (size_t i = 0; i < n; ++i) off += (taps_[i].start[oo[i]] + kk[i] * w_.dilations[i]) * in_strides_[i];
        double v = static_cast<double>(xp[off]);
        ++count;
        if (!max_) {
          acc += v;
        } else if (best < 0 || v > acc || (std::isnan(acc) && !std::isnan(v))) {  // first maximum wins
          acc = v;
          best = off;
        }
        size_t i = n;
        while (i-- > 0) {
          if (++kk[i] < taps_[i].hi[oo[i]]) break;
          kk[i] = taps_[i].lo[oo[i]];
        }
        if (i == static_cast<size_t>(-1)) break;
      }
      if (!max_) {
        int64_t div = include_pad_ ? include : count;
        acc = div > 0 ? acc / static_cast<double>(div) : std::nan("");
      }
      if constexpr (std::is_integral_v<T>) {
        y[p * out_size + o] = std::isfinite(acc) ? static_cast<T>(acc) : 0;
      } else {
        y[p * out_size + o] = static_cast<T>(acc);
      }
      if (idx) idx[p * out_size + o] = best < 0 ? -1 : p * in_size + (col_major_ ? ColumnMajor(best) : best);
      for (size_t i = n; i-- > 0;) {
        if (++oo[i] < w_.out[i]) break;
        oo[i] = 0;
      }
    }
  }

  WindowNd w_;
  int64_t planes_;
  bool max_, include_pad_, int_, col_major_;
  std::vector<DimTaps> taps_;
  Dims in_strides_;
};

}  // namespace

std::unique_ptr<Kernel> MakePoolNd(KernelBuilder& b, bool is_max) {
  const Node& n = b.node();
  b.Require(b.in(0).layout == MemLayout::kPlain, "blocked layout is not supported by the N-D pool kernel");
  const Dims& x = b.dims(0);
  b.Require(x.size() - 2 <= static_cast<size_t>(kMaxRank), "too many spatial dims");
  bool is_int = b.in(0).dtype == DType::kI64;
  b.Require(b.in(0).dtype == DType::kF32 || (is_max && is_int), "input 0 must be a float tensor");
  b.Require(is_max || b.num_outputs() == 1, "AveragePool has one output");
  int64_t order = n.AttrInt("storage_order", 0);
  b.Require(order == 0 || order == 1, "storage_order must be 0 or 1");
  WindowNd w = ParseWindowNd(b, x, n.AttrInt("ceil_mode", 0) != 0);
  Dims out = {x[0], x[1]};
  out.insert(out.end(), w.out.begin(), w.out.end());
  b.SetOutput(0, b.in(0).dtype, out);
  if (b.num_outputs() > 1) b.SetOutput(1, DType::kI64, out);
  return std::make_unique<PoolNdKernel>(std::move(w), x[0] * x[1], is_max, n.AttrInt("count_include_pad", 0) != 0,
                                        is_int, order == 1);
}

}  // namespace parity::rt
