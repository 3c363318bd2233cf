// parity.InvertedResidual (passes/fuse_inverted_residual.cc): [1x1 expand] -> depthwise KxK -> 1x1 project on
// channel-blocked tensors (block 16), streamed by output rows through the blocked row kernels:
//   - expanded rows go to a per-band window of a few rows per channel block; when it is full, the K - 1 rows still
//     needed (K = kernel height) move to its top, so the rows a depthwise output row reads are always contiguous
//     and each expanded row is written about once;
//   - output rows go in steps of two: the depthwise conv reads each block's window rows for both rows while they
//     are in L1 (4 rows instead of 6 for a 3x3 stride-1 kernel), and its two output rows go to a small buffer that
//     the project conv reads as one run of 2 * width pixels (wider register tiles on 28-wide maps).
// Every expanded row is computed once per band; the bands (one per thread) recompute at most K - 1 rows at their
// top. The arithmetic is the unfused convs' (same kernels, same order), so results match them exactly.
// Inputs: x, We, Be, Wd, Bd, Wp, Bp[, residual]; We/Be absent without an expand conv.
#include <algorithm>
#include <cstring>

#include "kernels/common/op_util.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/isa_dispatch.h"
#include "kernels/ops/conv_common.h"

namespace parity::rt {
namespace {

constexpr int64_t kB = kNchwcBlock;
constexpr int64_t kFilterGroup = 4;  // output blocks per conv-row call
// Rows of the expanded window beyond the kernel height: the K - 1 overlap rows move once per this many rows.
constexpr int64_t kExtraWindowRows = 6;
constexpr int64_t kRowsPerStep = 2;  // output rows per depthwise + project step (the window holds their inputs)

struct Stage {
  ConstPtr weights;  // row-kernel packing (nchwc_ukernels.h)
  ConstPtr bias;     // padded to whole blocks
  Act act = Act::kNone;
  float alpha = 0, beta = 0;
};

int64_t Blocks(int64_t c) {
  return (c + kB - 1) / kB;
}

// Packs a 1x1 conv's [oc, c, 1, 1] weights and bias for the conv row kernel.
void PackPointwise(const float* w, const float* bias, int64_t oc, int64_t c, Stage* s) {
  s->weights = PackBlockedConvWeights(w, oc, c, 1, Blocks(c) * kB, kB);
  s->bias = PadBlockedBias(bias, oc, kB);
}

class InvertedResidualKernel : public Kernel {
 public:
  int64_t n = 1, c_in = 0, c_exp = 0, c_out = 0, h = 0, w = 0;
  Window dw;
  bool expand = false;
  int residual_index = -1;
  Stage e, d, p;
  ConstPtr we_raw, be_raw, wd_raw, bd_raw, wp_raw, bp_raw;
  int64_t bands = 1;
  double flops = 0;
  NchwcConvRowFn conv_row = nullptr;
  NchwcDepthwiseRowFn dw_row = nullptr;

  double Flops() const override { return flops; }
  size_t ScratchBytes() const override { return static_cast<size_t>(bands * BandFloats()) * sizeof(float); }

  void Prepare() override {
    if (expand) PackPointwise(we_raw->as<float>(), be_raw ? be_raw->as<float>() : nullptr, c_exp, c_in, &e);
    d.weights = PackBlockedDepthwiseWeights(wd_raw->as<float>(), c_exp, dw.kh * dw.kw, kB);
    d.bias = PadBlockedBias(bd_raw ? bd_raw->as<float>() : nullptr, c_exp, kB);
    PackPointwise(wp_raw->as<float>(), bp_raw ? bp_raw->as<float>() : nullptr, c_out, c_exp, &p);
  }

  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* res = residual_index >= 0 ? ctx.in[residual_index].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    float* scratch = static_cast<float*>(ctx.scratch);
    const int64_t in_image = Blocks(c_in) * h * w * kB, out_image = Blocks(c_out) * dw.oh * dw.ow * kB;
    ParallelForOrInline(ctx.pool, bands, [&](int64_t b0, int64_t b1) {
      for (int64_t band = b0; band < b1; ++band) {
        const int64_t oy0 = dw.oh * band / bands, oy1 = dw.oh * (band + 1) / bands;
        for (int64_t img = 0; img < n; ++img) {
          RunBand(x + img * in_image, res ? res + img * out_image : nullptr, y + img * out_image, oy0, oy1,
                  scratch + band * BandFloats());
        }
      }
    });
  }

 private:
  int64_t RingRows() const { return dw.kh + kExtraWindowRows; }
  int64_t RingFloats() const { return expand ? Blocks(c_exp) * RingRows() * w * kB : 0; }
  int64_t BandFloats() const { return (RingFloats() + Blocks(c_exp) * kRowsPerStep * dw.ow * kB + 15) / 16 * 16; }

  void RunBand(const float* x, const float* res, float* y, int64_t oy0, int64_t oy1, float* scratch) const {
    float* ring = scratch;
    float* dw_row_buf = scratch + RingFloats();
    int64_t next = 0;   // next expanded row to compute
    int64_t first = 0;  // expanded row held in window slot 0
    for (int64_t oy = oy0; oy < oy1; oy += kRowsPerStep) {
      const int64_t rows = std::min(kRowsPerStep, oy1 - oy);
      const int64_t r0 = oy * dw.sh - dw.pt, v0 = std::max<int64_t>(r0, 0);
      const int64_t v1 = std::min(r0 + (rows - 1) * dw.sh + dw.kh, h);  // input rows [v0, v1) of the step
      if (expand) {
        if (oy == oy0 || next < v0) first = next = v0;
        if (v1 - first > RingRows()) {
          ShiftWindow(ring, v0 - first, next - v0);
          first = v0;
        }
        for (; next < v1; ++next) ExpandRow(x, next, ring + (next - first) * w * kB);
      }
      const float* window = ring + (v0 - first) * w * kB;
      for (int64_t cb = 0; cb < Blocks(c_exp); ++cb) {
        DepthwiseRows(x, window, cb, oy, rows, r0, v0, v1, dw_row_buf);
      }
      ProjectRows(dw_row_buf, res, y, oy, rows);
    }
  }

  // Expanded row iy of every block into the window row `out` (block stride RingRows() rows).
  void ExpandRow(const float* x, int64_t iy, float* out) const {
    const int64_t block_stride = RingRows() * w * kB;
    for (int64_t ob = 0; ob < Blocks(c_exp); ob += kFilterGroup) {
      PointwiseRow(x + iy * w * kB, h * w * kB, w, c_in, e, ob, std::min(kFilterGroup, Blocks(c_exp) - ob), nullptr,
                   out + ob * block_stride, block_stride);
    }
  }

  // Moves `count` window rows starting at slot `from` to the top of the window, in every block.
  void ShiftWindow(float* ring, int64_t from, int64_t count) const {
    if (count <= 0 || from == 0) return;
    for (int64_t cb = 0; cb < Blocks(c_exp); ++cb) {
      float* block = ring + cb * RingRows() * w * kB;
      std::memmove(block, block + from * w * kB, static_cast<size_t>(count * w * kB) * sizeof(float));
    }
  }

  // Depthwise output rows [oy, oy + rows) of block cb into out[cb] (rows x ow pixels): input rows [v0, v1)
  // (r0 = first window row of row oy, may be < 0), with the expansion found in the window from `window` on.
  void DepthwiseRows(const float* x, const float* window, int64_t cb, int64_t oy, int64_t rows, int64_t r0, int64_t v0,
                     int64_t v1, float* out_rows) const {
    NchwcDepthwiseRowArgs a{};
    if (expand) {
      // The ring's contiguous rows [v0, v1) as a small image whose row 0 is v0; the window starts v0 - r0 rows
      // above it (top padding) and rows past v1 are out of the image (bottom padding).
      a.x = window + cb * RingRows() * w * kB;
      a.in_h = std::max<int64_t>(0, v1 - v0);
      a.oy = 0;
      a.pad_top = v0 - r0;
    } else {
      a.x = x + cb * h * w * kB;
      a.in_h = h;
      a.oy = oy;
      a.pad_top = dw.pt;
    }
    a.w = d.weights->as<float>() + cb * dw.kh * dw.kw * kB;
    a.bias = d.bias->as<float>() + cb * kB;
    a.y = out_rows + cb * rows * dw.ow * kB;
    a.rows = rows;
    a.out_w = dw.ow;
    a.in_w = w;
    a.kernel_h = dw.kh;
    a.kernel_w = dw.kw;
    a.stride_h = dw.sh;
    a.stride_w = dw.sw;
    a.dilation_h = a.dilation_w = 1;
    a.pad_left = dw.pl;
    a.act = ActInRegisters(d.act) ? static_cast<int>(d.act) : 0;
    a.alpha = d.alpha;
    a.beta = d.beta;
    dw_row(&a);
    if (!ActInRegisters(d.act)) ApplyActArray(d.act, d.alpha, d.beta, a.y, rows * dw.ow * kB);
  }

  // Output rows [oy, oy + rows): consecutive in every output block, so one run of rows * ow pixels.
  void ProjectRows(const float* dw_rows, const float* res, float* y, int64_t oy, int64_t rows) const {
    const int64_t plane = dw.oh * dw.ow * kB, pixels = rows * dw.ow;
    for (int64_t ob = 0; ob < Blocks(c_out); ob += kFilterGroup) {
      const int64_t at = ob * plane + oy * dw.ow * kB;
      PointwiseRow(dw_rows, pixels * kB, pixels, c_exp, p, ob, std::min(kFilterGroup, Blocks(c_out) - ob),
                   res ? res + at : nullptr, y + at, plane);
    }
  }

  // One pixel row (width pixels, channel blocks x_block_stride apart) through a 1x1 conv, output blocks
  // [ob, ob + blocks) of stage s.
  void PointwiseRow(const float* x, int64_t x_block_stride, int64_t width, int64_t c, const Stage& s, int64_t ob,
                    int64_t blocks, const float* res, float* y, int64_t y_block_stride) const {
    NchwcConvRowArgs a{};
    a.x = x;
    a.in_blocked = 1;
    a.x_block_stride = x_block_stride;
    a.w_block_stride = Blocks(c) * kB * kB;
    a.w = s.weights->as<float>() + ob * a.w_block_stride;
    a.bias = s.bias->as<float>() + ob * kB;
    a.res = res;
    a.y = y;
    a.y_block_stride = y_block_stride;
    a.blocks = static_cast<int>(blocks);
    a.out_w = a.in_w = width;
    a.in_h = 1;
    a.c = c;
    a.kernel_h = a.kernel_w = a.stride_h = a.stride_w = a.dilation_h = a.dilation_w = 1;
    a.act = ActInRegisters(s.act) ? static_cast<int>(s.act) : 0;
    a.alpha = s.alpha;
    a.beta = s.beta;
    conv_row(&a);
    if (ActInRegisters(s.act)) return;
    for (int64_t f = 0; f < blocks; ++f) ApplyActArray(s.act, s.alpha, s.beta, y + f * y_block_stride, width * kB);
  }
};

Stage EpilogueFromAttrs(const Node& node, const std::string& prefix) {
  Stage s;
  s.act = static_cast<Act>(node.AttrInt(prefix + "_act", 0));
  s.alpha = node.AttrFloat(prefix + "_alpha", 0.f);
  s.beta = node.AttrFloat(prefix + "_beta", 0.f);
  return s;
}

const ConstTensor& Weight(KernelBuilder& b, int i, const char* what, const Dims& want) {
  const ConstTensor& t = b.ConstInput(i, what);
  b.Require(t.dtype == DType::kF32 && t.dims == want,
            std::string(what) + " must be float " + DimsToString(want) + ", got " + DimsToString(t.dims));
  return t;
}

ConstPtr OptionalBias(KernelBuilder& b, int i, int64_t c) {
  if (!b.has_input(i)) return nullptr;
  const ConstTensor& t = b.ConstInput(i, "bias");
  b.Require(t.dtype == DType::kF32 && t.size() == c, "bias must have " + std::to_string(c) + " floats");
  return b.in(i).data;
}

std::unique_ptr<Kernel> MakeInvertedResidual(KernelBuilder& b) {
  auto k = std::make_unique<InvertedResidualKernel>();
  b.ExpectFloat(0);
  const Dims& x = b.dims(0);
  b.Require(x.size() == 4 && b.in(0).layout == MemLayout::kBlocked && b.in(0).block == kB,
            "input must be a 4-D tensor in the 16-channel blocked layout");
  const ConvKernelConfig& rows = ActiveKernelTable().conv;
  b.Require(rows.nchwc_conv_row && rows.nchwc_depthwise_row, "needs the CPU's blocked row kernels");
  k->conv_row = rows.nchwc_conv_row;
  k->dw_row = rows.nchwc_depthwise_row;
  k->n = x[0];
  k->c_in = x[1];
  k->h = x[2];
  k->w = x[3];
  k->expand = b.has_input(1);
  const ConstTensor& wd = b.ConstInput(3, "depthwise W");
  b.Require(wd.dims.size() == 4 && wd.dims[1] == 1, "depthwise W must be [C, 1, kh, kw]");
  k->c_exp = wd.dims[0];
  if (k->expand) {
    k->we_raw = b.in(1).data;
    Weight(b, 1, "expand W", {k->c_exp, k->c_in, 1, 1});
    k->be_raw = OptionalBias(b, 2, k->c_exp);
  } else {
    b.Require(k->c_exp == k->c_in, "depthwise conv without expand must keep the channel count");
  }
  k->wd_raw = b.in(3).data;
  k->bd_raw = OptionalBias(b, 4, k->c_exp);
  k->dw = ParseWindow(b, {k->n, k->c_exp, k->h, k->w}, {wd.dims[2], wd.dims[3]});
  b.Require(k->dw.spatial == 2 && k->dw.dh == 1 && k->dw.dw == 1, "depthwise conv must be 2-D with dilation 1");
  const ConstTensor& wp = b.ConstInput(5, "project W");
  b.Require(wp.dims.size() == 4 && wp.dims[1] == k->c_exp && wp.dims[2] == 1 && wp.dims[3] == 1,
            "project W must be [C_out, C_expanded, 1, 1]");
  k->c_out = wp.dims[0];
  k->wp_raw = b.in(5).data;
  k->bp_raw = OptionalBias(b, 6, k->c_out);
  const Dims out{k->n, k->c_out, k->dw.oh, k->dw.ow};
  k->residual_index = b.node().residual_input;
  if (k->residual_index >= 0) {
    b.Require(b.has_input(k->residual_index) && b.dims(k->residual_index) == out &&
                  b.in(k->residual_index).layout == MemLayout::kBlocked,
              "fused residual must be blocked with the output's dims " + DimsToString(out));
  }
  k->e = EpilogueFromAttrs(b.node(), "expand");
  k->d = EpilogueFromAttrs(b.node(), "dw");
  k->p.act = b.node().epilogue.act;
  k->p.alpha = b.node().epilogue.alpha;
  k->p.beta = b.node().epilogue.beta;
  k->bands = std::max<int64_t>(1, std::min<int64_t>(b.options().threads, k->dw.oh));
  const double pixels = static_cast<double>(k->n) * k->h * k->w,
               out_pixels = static_cast<double>(k->n) * k->dw.oh * k->dw.ow;
  k->flops = 2.0 * (k->expand ? pixels * k->c_in * k->c_exp : 0) + 2.0 * out_pixels * k->c_exp * k->dw.kh * k->dw.kw +
             2.0 * out_pixels * k->c_exp * k->c_out;
  b.SetOutput(0, DType::kF32, out, MemLayout::kBlocked, kB);
  return k;
}

PARITY_REGISTER_OP({"parity", "InvertedResidual", 1, kMaxOpset, &MakeInvertedResidual});

}  // namespace
}  // namespace parity::rt
