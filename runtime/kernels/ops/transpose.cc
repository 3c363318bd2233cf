// Transpose with any permutation (default: reverse), any dtype. The permutation is simplified first: size-1 axes
// are dropped and output axes that are adjacent and in order in the input are merged (e.g. [S, H, D] -> [H, S, D]
// keeps D whole, [B, S, H, D] -> [B, H, S, D] becomes a 3-D problem). Then either
//   - the input's innermost axis stays innermost: contiguous runs are copied with memcpy, or
//   - it moves: the output's innermost axis and the input's innermost axis are walked in square tiles, so the
//     reads and the writes both stay within a few cache lines per tile. (A row-by-row walk reads one element per
//     line, and a stride that is a multiple of 4 KB maps all those lines to a few L1 sets, which then thrash.)
#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

struct Plan {
  Dims dims;       // simplified output dims
  Dims src;        // input stride of each simplified output axis
  Dims dst;        // output stride of each simplified output axis
  int tiled = -1;  // axis with input stride 1 when it is not the innermost (tiled walk), else -1
};

Plan Simplify(const Dims& out, const Dims& src_strides) {
  Plan p;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 1) continue;
    if (!p.dims.empty() && p.src.back() == src_strides[i] * out[i]) {
      p.dims.back() *= out[i];
      p.src.back() = src_strides[i];
    } else {
      p.dims.push_back(out[i]);
      p.src.push_back(src_strides[i]);
    }
  }
  p.dst = Strides(p.dims);
  const size_t r = p.dims.size();
  if (r >= 2 && p.src[r - 1] != 1) {
    for (size_t i = 0; i + 1 < r; ++i) {
      if (p.src[i] == 1) p.tiled = static_cast<int>(i);
    }
  }
  return p;
}

// Calls fn(src_offset, dst_offset) for every index of the plan's axes except the `skip` ones.
template <typename Fn>
void ForEachOuter(const Plan& p, int skip1, int skip2, Fn fn) {
  const int r = static_cast<int>(p.dims.size());
  int64_t idx[kMaxRank] = {};
  for (;;) {
    int64_t so = 0, d = 0;
    for (int i = 0; i < r; ++i) so += idx[i] * p.src[i], d += idx[i] * p.dst[i];
    fn(so, d);
    int i = r - 1;
    for (; i >= 0; --i) {
      if (i == skip1 || i == skip2) continue;
      if (++idx[i] < p.dims[i]) break;
      idx[i] = 0;
    }
    if (i < 0) return;
  }
}

template <typename T>
void RunTiled(const Plan& p, const T* x, T* y) {
  constexpr int64_t kTile = sizeof(T) >= 8 ? 8 : 64 / static_cast<int64_t>(sizeof(T));
  const int r = static_cast<int>(p.dims.size()), j = p.tiled;
  const int64_t na = p.dims[j], nb = p.dims[r - 1], sb = p.src[r - 1], da = p.dst[j];
  ForEachOuter(p, j, r - 1, [&](int64_t so, int64_t d) {
    for (int64_t a0 = 0; a0 < na; a0 += kTile) {
      const int64_t a1 = std::min(na, a0 + kTile);
      for (int64_t b0 = 0; b0 < nb; b0 += kTile) {
        const int64_t b1 = std::min(nb, b0 + kTile);
        for (int64_t a = a0; a < a1; ++a) {
          const T* xs = x + so + a;
          T* yd = y + d + a * da;
          for (int64_t b = b0; b < b1; ++b) yd[b] = xs[b * sb];
        }
      }
    }
  });
}

class TransposeKernel : public Kernel {
 public:
  TransposeKernel(Plan plan, size_t elem) : p_(std::move(plan)), elem_(elem) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    const int r = static_cast<int>(p_.dims.size());
    if (r == 0) {  // a single element (any number of size-1 axes)
      std::memcpy(y, x, elem_);
      return;
    }
    if (p_.tiled < 0) {  // contiguous runs along the innermost axis
      const size_t run = static_cast<size_t>(p_.dims[r - 1]) * elem_;
      if (p_.src[r - 1] == 1) {
        ForEachOuter(p_, r - 1, r - 1, [&](int64_t so, int64_t d) { std::memcpy(y + d * elem_, x + so * elem_, run); });
        return;
      }
    }
    switch (elem_) {
      case 1:
        return RunTiledOrStrided<uint8_t>(x, y);
      case 2:
        return RunTiledOrStrided<uint16_t>(x, y);
      case 4:
        return RunTiledOrStrided<uint32_t>(x, y);
      default:
        return RunTiledOrStrided<uint64_t>(x, y);
    }
  }

 private:
  template <typename T>
  void RunTiledOrStrided(const uint8_t* x, uint8_t* y) const {
    const T* xt = reinterpret_cast<const T*>(x);
    T* yt = reinterpret_cast<T*>(y);
    if (p_.tiled >= 0) return RunTiled(p_, xt, yt);
    // A 1-D plan with a stride cannot happen (merging makes it contiguous); kept as the general fallback.
    const int r = static_cast<int>(p_.dims.size());
    const int64_t n = p_.dims[r - 1], s = p_.src[r - 1];
    ForEachOuter(p_, r - 1, r - 1, [&](int64_t so, int64_t d) {
      for (int64_t i = 0; i < n; ++i) yt[d + i] = xt[so + i * s];
    });
  }

  Plan p_;
  size_t elem_;
};

std::unique_ptr<Kernel> MakeTranspose(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t r = static_cast<int64_t>(x.size());
  std::vector<int64_t> perm = b.node().AttrInts("perm");
  if (perm.empty())
    for (int64_t i = r - 1; i >= 0; --i) perm.push_back(i);
  b.Require(static_cast<int64_t>(perm.size()) == r, "perm length differs from the input rank");
  b.Require(r <= kMaxRank, "rank above 8 is not supported");
  std::vector<bool> seen(r, false);
  Dims out(r), ss(r);
  Dims is = Strides(x);
  for (int64_t i = 0; i < r; ++i) {
    int64_t p = perm[i];
    b.Require(p >= 0 && p < r && !seen[p], "perm is not a permutation");
    seen[p] = true;
    out[i] = x[p];
    ss[i] = is[p];
  }
  const size_t elem = DTypeSize(b.in(0).dtype);
  b.Require(elem == 1 || elem == 2 || elem == 4 || elem == 8, "element size " + std::to_string(elem));
  b.SetOutput(0, b.in(0).dtype, out);
  return std::make_unique<TransposeKernel>(Simplify(out, ss), elem);
}

PARITY_REGISTER_OP({"", "Transpose", 1, kMaxOpset, &MakeTranspose});

}  // namespace
}  // namespace parity::rt
