// TopK: the k largest (largest = 1) or smallest values along `axis` with their int64 indices; outputs have the
// input's dims with dim(axis) = k. Equal values keep input order (lower index first) in both directions and NaN
// ranks above every number. Results are always sorted, which is also a valid answer for sorted = 0.
//   TopK-1: k attribute.   TopK-10: k from input 1 (a run-time k makes the graph dynamic).   TopK-11+: largest,
//   sorted.
#include <algorithm>
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

template <typename T>
bool IsNan(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(v);
  } else {
    return false;
  }
}

// Strict total order "a ranks before b" for the requested direction; ties (and NaN pairs) by lower index.
template <typename T>
struct RankBefore {
  const T* v;
  int64_t stride;
  bool largest;
  bool operator()(int64_t a, int64_t b) const {
    T x = v[a * stride], y = v[b * stride];
    bool xn = IsNan(x), yn = IsNan(y);
    if (xn || yn) {
      if (xn && yn) return a < b;
      return largest ? xn : yn;  // NaN is the largest value
    }
    if (x != y) return largest ? x > y : x < y;
    return a < b;
  }
};

template <typename T>
class TopKKernel : public Kernel {
 public:
  TopKKernel(int64_t outer, int64_t dim, int64_t inner, int64_t k, bool largest)
      : outer_(outer), dim_(dim), inner_(inner), k_(k), largest_(largest) {}
  void Run(const RunContext& ctx) override {
    const T* x = ctx.in[0].as<T>();
    T* vals = ctx.out[0].as<T>();
    int64_t* idx = ctx.out.size() > 1 ? ctx.out[1].as<int64_t>() : nullptr;
    ParallelForOrInline(ctx.pool, outer_ * inner_, [&](int64_t s, int64_t e) {
      std::vector<int64_t> order(dim_);
      for (int64_t line = s; line < e; ++line) {
        int64_t o = line / inner_, in = line % inner_;
        const T* src = x + o * dim_ * inner_ + in;
        for (int64_t i = 0; i < dim_; ++i) order[i] = i;
        std::partial_sort(order.begin(), order.begin() + k_, order.end(), RankBefore<T>{src, inner_, largest_});
        for (int64_t i = 0; i < k_; ++i) {
          int64_t at = (o * k_ + i) * inner_ + in;
          vals[at] = src[order[i] * inner_];
          if (idx) idx[at] = order[i];
        }
      }
    });
  }

 private:
  int64_t outer_, dim_, inner_, k_;
  bool largest_;
};

template <int kVersion>
std::unique_ptr<Kernel> MakeTopK(KernelBuilder& b) {
  b.ExpectInputs(kVersion >= 10 ? 2 : 1, kVersion >= 10 ? 2 : 1);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  b.Require(rank >= 1, "input must have rank >= 1");
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", -1), rank);
  int64_t k = 0;
  if (kVersion >= 10) {
    std::vector<int64_t> kv = b.ConstInts(1, "K");
    b.Require(kv.size() == 1, "K must hold one value");
    k = kv[0];
  } else {
    k = b.node().AttrInt("k", -1);
  }
  b.Require(k >= 0 && k <= x[axis], "k = " + std::to_string(k) + " must be in [0, " + std::to_string(x[axis]) + "]");
  bool largest = kVersion >= 11 ? b.node().AttrInt("largest", 1) != 0 : true;
  Dims out = x;
  out[axis] = k;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= x[i];
  for (int64_t i = axis + 1; i < rank; ++i) inner *= x[i];
  DType t = b.in(0).dtype;
  b.SetOutput(0, t, out);
  b.SetOutput(1, DType::kI64, out);
  if (t == DType::kF32) return std::make_unique<TopKKernel<float>>(outer, x[axis], inner, k, largest);
  if (t == DType::kI64) return std::make_unique<TopKKernel<int64_t>>(outer, x[axis], inner, k, largest);
  b.Fail("input must be a float or integer tensor");
}

PARITY_REGISTER_OP({"", "TopK", 1, 9, &MakeTopK<1>});
PARITY_REGISTER_OP({"", "TopK", 10, 10, &MakeTopK<10>});
PARITY_REGISTER_OP({"", "TopK", 11, kMaxOpset, &MakeTopK<11>});

}  // namespace
}  // namespace parity::rt
