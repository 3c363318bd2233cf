// Exact N-D integer convolution shared by ConvInteger and QLinearConv: acc = conv(x - x_zero_point,
// w - w_zero_point[m]) in int64 with groups, strides, dilations and pads; padding cells stand for x_zero_point
// (contribute 0). Portable direct loops: these ops are rare and small in practice.
#pragma once

#include <vector>

#include "kernels/common/window.h"

namespace parity::rt {

struct IntConvPlan {
  WindowNd w;
  int64_t n = 1, c = 1, m = 1, group = 1;
  Dims out;  // [N, M, spatial...]
};

inline IntConvPlan PlanIntConv(const KernelBuilder& b, const Dims& x, const Dims& wd) {
  IntConvPlan p;
  b.Require(x.size() >= 3 && x.size() - 2 <= static_cast<size_t>(kMaxRank), "x must be [N, C, D1..Dn]");
  b.Require(wd.size() == x.size(), "w must have x's rank");
  p.n = x[0];
  p.c = x[1];
  p.m = wd[0];
  p.group = b.node().AttrInt("group", 1);
  b.Require(p.group >= 1 && p.c % p.group == 0 && p.m % p.group == 0 && wd[1] == p.c / p.group,
            "w dims do not match x and group");
  p.w = ParseWindowNd(b, x, false, Dims(wd.begin() + 2, wd.end()));
  p.out = {p.n, p.m};
  p.out.insert(p.out.end(), p.w.out.begin(), p.w.out.end());
  return p;
}

// wzp holds 1 value or one per output channel.
inline void IntConv(const IntConvPlan& p, const int64_t* x, int64_t xzp, const int64_t* w,
                    const std::vector<int64_t>& wzp, int64_t* acc) {
  const WindowNd& g = p.w;
  const size_t nd = g.in.size();
  const int64_t cg = p.c / p.group, mg = p.m / p.group, isz = g.InSize(), osz = g.OutSize();
  const int64_t ksz = NumElements(g.kernel);
  Dims is = Strides(g.in);
  int64_t oo[kMaxRank], kk[kMaxRank];
  for (int64_t b = 0; b < p.n; ++b) {
    for (int64_t m = 0; m < p.m; ++m) {
      const int64_t grp = m / mg, wz = wzp.size() == 1 ? wzp[0] : wzp[m];
      int64_t* y = acc + (b * p.m + m) * osz;
      for (int64_t o = 0; o < osz; ++o) {
        for (size_t i = nd, r = o; i-- > 0;) {
          oo[i] = static_cast<int64_t>(r) % g.out[i];
          r /= g.out[i];
        }
        int64_t sum = 0;
        for (int64_t kf = 0; kf < ksz; ++kf) {
          int64_t off = 0;
          bool inside = true;
          for (size_t i = nd, r = kf; i-- > 0;) {
            kk[i] = static_cast<int64_t>(r) % g.kernel[i];
            r /= g.kernel[i];
            int64_t pos = oo[i] * g.strides[i] - g.pad_begin[i] + kk[i] * g.dilations[i];
            inside = inside && pos >= 0 && pos < g.in[i];
            off += pos * is[i];
          }
          if (!inside) continue;
          for (int64_t ci = 0; ci < cg; ++ci) {
            int64_t xv = x[(b * p.c + grp * cg + ci) * isz + off] - xzp;
            int64_t wv = w[(m * cg + ci) * ksz + kf] - wz;
            sum += xv * wv;
          }
        }
        y[o] = sum;
      }
    }
  }
}

}  // namespace parity::rt
