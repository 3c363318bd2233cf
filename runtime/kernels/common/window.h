// Sliding-window geometry (Conv, ConvTranspose, pooling): kernel, strides, dilations and resolved pads for up to
// two spatial dims. 1-D inputs are handled as H = 1.
#pragma once

#include "kernels/common/op_util.h"

namespace parity::rt {

struct Window {
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1;
  int64_t pt = 0, pl = 0, pb = 0, pr = 0;  // top, left, bottom, right
  int64_t ih = 1, iw = 1, oh = 1, ow = 1;
  int spatial = 2;  // 1 or 2
};

// Parses kernel_shape (or takes `kernel` when given), strides, dilations, pads/auto_pad, and computes output
// dims. ceil_mode for pooling.
inline Window ParseWindow(const KernelBuilder& b, const Dims& x, const Dims& kernel, bool ceil_mode = false) {
  Window w;
  int sp = static_cast<int>(x.size()) - 2;
  b.Require(sp == 1 || sp == 2,
            "only 1-D and 2-D spatial inputs are supported (got rank " + std::to_string(x.size()) + ")");
  w.spatial = sp;
  auto get = [&](const char* name, int64_t def) {
    std::vector<int64_t> v = b.node().AttrInts(name);
    if (v.empty()) v.assign(sp, def);
    b.Require(static_cast<int>(v.size()) == sp, std::string(name) + " has wrong length");
    return v;
  };
  std::vector<int64_t> k = kernel.empty() ? b.node().AttrInts("kernel_shape") : kernel;
  b.Require(static_cast<int>(k.size()) == sp, "kernel_shape rank does not match the input");
  auto s = get("strides", 1), d = get("dilations", 1);
  std::vector<int64_t> p = b.node().AttrInts("pads");
  if (p.empty()) p.assign(2 * sp, 0);
  b.Require(static_cast<int>(p.size()) == 2 * sp, "pads has wrong length");
  std::vector<int64_t> in(x.begin() + 2, x.end());
  std::string ap = b.node().AttrString("auto_pad", "NOTSET");
  std::vector<int64_t> out(sp);
  for (int i = 0; i < sp; ++i) {
    int64_t ek = (k[i] - 1) * d[i] + 1;
    if (ap == "SAME_UPPER" || ap == "SAME_LOWER") {
      out[i] = (in[i] + s[i] - 1) / s[i];
      int64_t total = std::max<int64_t>(0, (out[i] - 1) * s[i] + ek - in[i]);
      int64_t small = total / 2, big = total - small;
      p[i] = ap == "SAME_UPPER" ? small : big;
      p[i + sp] = ap == "SAME_UPPER" ? big : small;
    } else {
      if (ap == "VALID")
        p[i] = p[i + sp] = 0;
      else
        b.Require(ap == "NOTSET", "auto_pad=" + ap + " is not supported");
      int64_t span = in[i] + p[i] + p[i + sp] - ek;
      b.Require(span >= 0, "kernel larger than padded input");
      out[i] = (ceil_mode ? (span + s[i] - 1) / s[i] : span / s[i]) + 1;
      // ceil_mode: the last window must start inside the input or left padding
      if (ceil_mode && (out[i] - 1) * s[i] >= in[i] + p[i]) --out[i];
    }
  }
  if (sp == 1) {
    w.kw = k[0];
    w.sw = s[0];
    w.dw = d[0];
    w.pl = p[0];
    w.pr = p[1];
    w.iw = in[0];
    w.ow = out[0];
  } else {
    w.kh = k[0];
    w.kw = k[1];
    w.sh = s[0];
    w.sw = s[1];
    w.dh = d[0];
    w.dw = d[1];
    w.pt = p[0];
    w.pl = p[1];
    w.pb = p[2];
    w.pr = p[3];
    w.ih = in[0];
    w.iw = in[1];
    w.oh = out[0];
    w.ow = out[1];
  }
  return w;
}

inline Dims WindowOutDims(const Window& w, int64_t n, int64_t c) {
  if (w.spatial == 1) return {n, c, w.ow};
  return {n, c, w.oh, w.ow};
}

}  // namespace parity::rt

namespace parity::rt {

// Window geometry for any number of spatial dims (the portable N-D pool and integer conv kernels). Same rules as
// ParseWindow; pad_begin / pad_end per spatial dim. `kernel` (from the weight) is used when kernel_shape is absent.
struct WindowNd {
  Dims kernel, strides, dilations, pad_begin, pad_end, in, out;
  int64_t InSize() const { return NumElements(in); }
  int64_t OutSize() const { return NumElements(out); }
};

inline WindowNd ParseWindowNd(const KernelBuilder& b, const Dims& x, bool ceil_mode, const Dims& kernel = {}) {
  const Node& n = b.node();
  int sp = static_cast<int>(x.size()) - 2;
  b.Require(sp >= 1, "input must have at least one spatial dim (got rank " + std::to_string(x.size()) + ")");
  auto get = [&](const char* name, int64_t def) {
    std::vector<int64_t> v = n.AttrInts(name);
    if (v.empty()) v.assign(sp, def);
    b.Require(static_cast<int>(v.size()) == sp, std::string(name) + " has wrong length");
    return v;
  };
  WindowNd w;
  w.kernel = n.AttrInts("kernel_shape");
  if (w.kernel.empty()) w.kernel = kernel;
  b.Require(kernel.empty() || w.kernel == kernel, "kernel_shape does not match the weight");
  b.Require(static_cast<int>(w.kernel.size()) == sp, "kernel_shape rank does not match the input");
  w.strides = get("strides", 1);
  w.dilations = get("dilations", 1);
  std::vector<int64_t> p = n.AttrInts("pads");
  if (p.empty()) p.assign(2 * sp, 0);
  b.Require(static_cast<int>(p.size()) == 2 * sp, "pads has wrong length");
  w.in.assign(x.begin() + 2, x.end());
  w.pad_begin.assign(p.begin(), p.begin() + sp);
  w.pad_end.assign(p.begin() + sp, p.end());
  w.out.resize(sp);
  std::string ap = n.AttrString("auto_pad", "NOTSET");
  for (int i = 0; i < sp; ++i) {
    b.Require(w.kernel[i] >= 1 && w.strides[i] >= 1 && w.dilations[i] >= 1, "kernel, strides, dilations must be >= 1");
    int64_t ek = (w.kernel[i] - 1) * w.dilations[i] + 1;
    if (ap == "SAME_UPPER" || ap == "SAME_LOWER") {
      w.out[i] = (w.in[i] + w.strides[i] - 1) / w.strides[i];
      int64_t total = std::max<int64_t>(0, (w.out[i] - 1) * w.strides[i] + ek - w.in[i]);
      int64_t small = total / 2, big = total - small;
      w.pad_begin[i] = ap == "SAME_UPPER" ? small : big;
      w.pad_end[i] = ap == "SAME_UPPER" ? big : small;
      continue;
    }
    if (ap == "VALID") {
      w.pad_begin[i] = w.pad_end[i] = 0;
    } else {
      b.Require(ap == "NOTSET", "auto_pad=" + ap + " is not supported");
    }
    int64_t span = w.in[i] + w.pad_begin[i] + w.pad_end[i] - ek;
    b.Require(span >= 0, "kernel larger than padded input");
    w.out[i] = (ceil_mode ? (span + w.strides[i] - 1) / w.strides[i] : span / w.strides[i]) + 1;
    // ceil_mode: the last window must start inside the input or the leading pad
    if (ceil_mode && (w.out[i] - 1) * w.strides[i] >= w.in[i] + w.pad_begin[i]) --w.out[i];
  }
  return w;
}

}  // namespace parity::rt
