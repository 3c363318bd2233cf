// Direct convolution producing a channel-blocked output (N, OC/b, OH, OW, b), with the fused epilogue.
// The input is blocked (N, C/b, H, W, b) or, for the first conv of a chain (few channels), plain NCHW.
// Supports group == 1 and depthwise (group == C == OC). Group-1 weights are packed [OC/b][kh][kw][C_pad][b]
// (C_pad = C rounded up to b; depthwise: [C/b][kh][kw][b]) so the innermost loop runs over b output channels.
// With b == 16 the ISA's row kernels (kernels/conv/nchwc_ukernels.h) do the work when the CPU has them; the
// loops here are the portable path, kept simple because layout=auto only blocks where the row kernels exist.
#include <algorithm>

#include "kernels/common/op_util.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/isa_dispatch.h"
#include "kernels/ops/conv_common.h"

namespace parity::rt {
namespace {

constexpr int kMaxBlock = 16;
constexpr int kMaxFilterGroup = kNchwcMaxFilterGroup;
// 7- and 8-wide rows: groups of 3 blocks, whose register tile (3 x 8 columns) holds the whole row.
constexpr int kNarrowRowFilterGroup = 3;
constexpr int64_t kPointwiseRun = 96;  // a multiple of every register tile width (16, 12, 8, 6)

class ConvNchwcKernel : public Kernel {
 public:
  ConvSetup s;
  int b = 16;
  bool in_blocked = true, depthwise = false;
  int64_t icb = 1, ocb = 1, c_pad = 1;
  NchwcConvRowFn conv_row = nullptr;            // ISA row kernel (b == 16, group 1), or null: portable loops
  NchwcDepthwiseRowFn depthwise_row = nullptr;  // ISA row kernel (b == 16, depthwise), or null
  // 1x1, no padding: the output plane is one long row, cut into runs of kPointwiseRun pixels, so narrow maps
  // (7x7, 14x14) still fill the wide register tiles.
  bool pointwise = false;
  bool subsample = false;         // pointwise with stride > 1: strided pixels are first gathered into the scratch
  int64_t run_len = 0, runs = 0;  // pixels per work item, items per output plane
  int64_t group_blocks = kMaxFilterGroup;  // output blocks per row-kernel call
  // > 1: a pointwise conv with many more input than output channels, run as that many input-channel shares
  // (see RunChannelShares).
  int64_t channel_shares = 1;
  ConstPtr packed, bias_padded, zero_bias;

  double Flops() const override { return s.flops; }
  std::string Algorithm() const override {
    if (depthwise) return "depthwise-nchwc";
    if (channel_shares > 1) return "pointwise-nchwc-channel-shares";
    return pointwise ? "pointwise-nchwc" : "direct-nchwc";
  }
  size_t ScratchBytes() const override {
    const int64_t pixels = s.n * s.w.oh * s.w.ow * b;
    if (channel_shares > 1) return static_cast<size_t>((channel_shares - 1) * ocb * pixels) * sizeof(float);
    return subsample ? static_cast<size_t>(icb * pixels) * sizeof(float) : 0;
  }
  void Prepare() override {
    const float* w = s.weight->as<float>();
    const int64_t kk = s.w.kh * s.w.kw;
    packed =
        depthwise ? PackBlockedDepthwiseWeights(w, s.c, kk, b) : PackBlockedConvWeights(w, s.oc, s.c, kk, c_pad, b);
    bias_padded = PadBlockedBias(s.bias ? s.bias->as<float>() : nullptr, s.oc, b);
    if (channel_shares > 1) zero_bias = PadBlockedBias(nullptr, s.oc, b);
  }

  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* res = s.residual_index >= 0 ? ctx.in[s.residual_index].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    ThreadPool* pool = PoolFor(ctx);
    if (channel_shares > 1 && pool != nullptr && pool->NumThreads() == channel_shares) {
      return RunChannelShares(ctx, x, res, y);
    }
    if (conv_row) {
      if (subsample) x = Subsample(ctx, pool, x);
      // Work items: (image, filter group of up to 4 output blocks, output row); consecutive items share weights.
      const int64_t groups = (ocb + group_blocks - 1) / group_blocks;
      ParallelForOrInline(pool, s.n * groups * runs, [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) FastRow(x, res, y, r, groups);
      });
      return;
    }
    ParallelForOrInline(pool, s.n * ocb * s.w.oh, [&](int64_t r0, int64_t r1) {
      if (depthwise_row) {
        // Consecutive rows of one plane go to the kernel together (it pads narrow planes once for all of them).
        for (int64_t r = r0; r < r1;) {
          const int64_t rows = std::min(r1, (r / s.w.oh + 1) * s.w.oh) - r;
          DepthwiseRows(x, res, y, r, rows);
          r += rows;
        }
        return;
      }
      for (int64_t r = r0; r < r1; ++r) PortableRow(x, res, y, r);
    });
  }

  bool Splits(const RunContext& ctx) const override { return PoolFor(ctx) != nullptr && Kernel::Splits(ctx); }

 private:
  // The pool to split over, or null to run on the calling thread.
  ThreadPool* PoolFor(const RunContext& ctx) const {
    // Depthwise convs move as many bytes as a group-1 conv with 1/C of its FLOPs: when their input is spread over
    // the cores (its producer split by channel blocks, as they do) they split at less work, each thread reading
    // the blocks its own core produced; on one thread, half the input would come from the other core
    // (mobilenet_v2's 576-channel 14 -> 7 conv: 0.024 ms alone, 0.011 ms split). When the calling thread wrote
    // it all, splitting would move it instead.
    const bool worth =
        depthwise ? WorthSplitting(ctx, s.flops, kMinParallelConvFlops) : s.flops >= kMinParallelConvFlops;
    return worth ? ctx.pool : nullptr;
  }

  // Copies the input pixels a strided 1x1 conv reads, (oy * sh, ox * sw), into a dense (oh, ow) scratch image.
  const float* Subsample(const RunContext& ctx, ThreadPool* pool, const float* x) const {
    const Window& w = s.w;
    float* dst = static_cast<float*>(ctx.scratch);
    ParallelForOrInline(pool, s.n * icb * w.oh, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        const int64_t oy = r % w.oh, plane = r / w.oh;
        const float* src = x + (plane * w.ih + oy * w.sh) * w.iw * b;
        float* out = dst + r * w.ow * b;
        for (int64_t ox = 0; ox < w.ow; ++ox) std::copy_n(src + ox * w.sw * b, b, out + ox * b);
      }
    });
    return dst;
  }

  void FastRow(const float* x, const float* res, float* y, int64_t r, int64_t groups) const {
    const int64_t run = r % runs, g = (r / runs) % groups, n = r / (runs * groups);
    const int64_t ob = g * group_blocks, blocks = std::min<int64_t>(group_blocks, ocb - ob);
    Item(x, res, y, {n, ob, blocks, run, 0, s.c}, bias_padded->as<float>(), true);
  }

  // One row-kernel call: image n, output blocks [ob, ob + blocks), output row (or pointwise pixel run) `run`,
  // input channels [c0, c1).
  struct ItemRange {
    int64_t n, ob, blocks, run, c0, c1;
  };

  // Writes the item's sums from `bias` into y (the output's layout); with `epilogue`, also the residual and the
  // activation (without, y holds raw partial sums).
  void Item(const float* x, const float* res, float* y, const ItemRange& it, const float* bias, bool epilogue) const {
    const Window& w = s.w;
    const int64_t in_pixels = subsample ? w.oh * w.ow : w.ih * w.iw;
    const int64_t in_plane = in_pixels * (in_blocked ? b : 1), out_plane = w.oh * w.ow * b;
    const int64_t pixel0 = pointwise ? it.run * run_len : it.run * w.ow;  // first output pixel of the item
    const int64_t row = (it.n * ocb + it.ob) * out_plane + pixel0 * b;
    NchwcConvRowArgs a{};
    // Blocked input: c0 is a multiple of the block (whole channel blocks per share).
    a.x = x + it.n * (in_blocked ? icb : s.c) * in_plane + (in_blocked ? it.c0 / b : it.c0) * in_plane;
    a.in_blocked = in_blocked ? 1 : 0;
    a.x_block_stride = in_plane;
    a.w_block_stride = w.kh * w.kw * c_pad * b;
    a.w = packed->as<float>() + it.ob * a.w_block_stride + it.c0 * b;
    a.bias = bias + it.ob * b;
    a.res = res && epilogue ? res + row : nullptr;
    a.y = y + row;
    a.y_block_stride = out_plane;
    a.blocks = static_cast<int>(it.blocks);
    a.oy = it.run;
    a.c = it.c1 - it.c0;
    SetRowWindow(s, a);
    if (!epilogue) a.act = 0;
    if (pointwise) {  // a run of dense pixels across rows (subsampled first when strided)
      a.x += pixel0 * (in_blocked ? b : 1);
      a.oy = 0;
      a.out_w = a.in_w = std::min(run_len, w.oh * w.ow - pixel0);
      a.in_h = 1;
      a.stride_h = a.stride_w = 1;
    }
    conv_row(&a);
    if (!epilogue || ActInRegisters(s.act)) return;
    for (int64_t f = 0; f < it.blocks; ++f) {
      ApplyActArray(s.act, s.alpha, s.beta, a.y + f * out_plane, a.out_w * b);
    }
  }

  // A pointwise conv whose input is much deeper than its output (mobilenet's projections: 576 -> 96 channels)
  // reads far more than it writes. Split by output channels, every thread would read the whole input, half of it
  // from the cache of the other core, which produced it (the depthwise conv before splits by channel blocks).
  // Instead thread t sums its own share of the input channel blocks into every output (share 0 into y from the
  // bias, the others into the scratch), and a second pass adds the shares, the residual and the activation: the
  // cores exchange output-sized partial sums instead of input halves.
  void RunChannelShares(const RunContext& ctx, const float* x, const float* res, float* y) const {
    const Window& w = s.w;
    const int64_t out_size = s.n * ocb * w.oh * w.ow * b;
    float* partial = static_cast<float*>(ctx.scratch);
    const int64_t groups = (ocb + group_blocks - 1) / group_blocks;
    ParallelForOrInline(ctx.pool, channel_shares, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int64_t c0 = icb * t / channel_shares * b, c1 = std::min(s.c, icb * (t + 1) / channel_shares * b);
        float* dst = t == 0 ? y : partial + (t - 1) * out_size;
        const float* bias = (t == 0 ? bias_padded : zero_bias)->as<float>();
        for (int64_t n = 0; n < s.n; ++n) {
          for (int64_t g = 0; g < groups; ++g) {
            const int64_t ob = g * group_blocks, blocks = std::min(group_blocks, ocb - ob);
            for (int64_t run = 0; run < runs; ++run) Item(x, res, dst, {n, ob, blocks, run, c0, c1}, bias, false);
          }
        }
      }
    });
    ParallelForOrInline(ctx.pool, channel_shares, [&](int64_t t0, int64_t t1) {
      const int64_t i0 = out_size * t0 / channel_shares, i1 = out_size * t1 / channel_shares;
      for (int64_t t = 1; t < channel_shares; ++t) {
        const float* p = partial + (t - 1) * out_size;
        if (t + 1 == channel_shares && res != nullptr) {  // the residual joins the last share's pass
          for (int64_t i = i0; i < i1; ++i) y[i] = y[i] + p[i] + res[i];
        } else {
          for (int64_t i = i0; i < i1; ++i) y[i] += p[i];
        }
      }
      ApplyActArray(s.act, s.alpha, s.beta, y + i0, i1 - i0);
    });
  }

  // Depthwise output rows [r, r + rows) of one plane, r = (image n, block ob, row oy), through the ISA row kernel.
  void DepthwiseRows(const float* x, const float* res, float* y, int64_t r, int64_t rows) const {
    const Window& w = s.w;
    const int64_t oy = r % w.oh, plane = r / w.oh;  // plane = n * ocb + ob; input blocks match output blocks
    const int64_t ob = plane % ocb;
    NchwcDepthwiseRowArgs a{};
    a.x = x + plane * w.ih * w.iw * b;
    a.w = packed->as<float>() + ob * w.kh * w.kw * b;
    a.bias = bias_padded->as<float>() + ob * b;
    a.res = res ? res + r * w.ow * b : nullptr;
    a.y = y + r * w.ow * b;
    a.oy = oy;
    a.rows = rows;
    SetRowWindow(s, a);
    depthwise_row(&a);
    if (!ActInRegisters(s.act)) ApplyActArray(s.act, s.alpha, s.beta, a.y, rows * w.ow * b);
  }

  // One output row (image n, block ob, row oy): all ox, b lanes each.
  void PortableRow(const float* x, const float* res, float* y, int64_t r) const {
    const Window& w = s.w;
    const int64_t oy = r % w.oh, ob = (r / w.oh) % ocb, n = r / (w.oh * ocb);
    const int64_t kk = w.kh * w.kw;
    float* yr = y + r * w.ow * b;
    const float* bias = bias_padded->as<float>() + ob * b;
    for (int64_t ox = 0; ox < w.ow; ++ox) {
      float acc[kMaxBlock];
      for (int j = 0; j < b; ++j) acc[j] = bias[j];
      for (int64_t ki = 0; ki < w.kh; ++ki) {
        const int64_t iy = oy * w.sh - w.pt + ki * w.dh;
        if (iy < 0 || iy >= w.ih) continue;
        for (int64_t kj = 0; kj < w.kw; ++kj) {
          const int64_t ix = ox * w.sw - w.pl + kj * w.dw;
          if (ix < 0 || ix >= w.iw) continue;
          if (depthwise) {
            const float* xv = x + (((n * icb + ob) * w.ih + iy) * w.iw + ix) * b;
            const float* wv = packed->as<float>() + (ob * kk + ki * w.kw + kj) * b;
            for (int j = 0; j < b; ++j) acc[j] += xv[j] * wv[j];
            continue;
          }
          const float* wtap = packed->as<float>() + ((ob * kk + ki * w.kw + kj) * c_pad) * b;
          for (int64_t c = 0; c < s.c; ++c) {
            const float xv = in_blocked ? x[(((n * icb + c / b) * w.ih + iy) * w.iw + ix) * b + c % b]
                                        : x[((n * s.c + c) * w.ih + iy) * w.iw + ix];
            const float* wv = wtap + c * b;
            for (int j = 0; j < b; ++j) acc[j] += xv * wv[j];
          }
        }
      }
      float* out = yr + ox * b;
      const float* rv = res ? res + (r * w.ow + ox) * b : nullptr;
      for (int j = 0; j < b; ++j) {
        const float v = acc[j] + (rv ? rv[j] : 0.f);
        out[j] = ApplyAct(s.act, v, s.alpha, s.beta);
      }
    }
  }
};

// Largest per-thread share of the work (in block-pixels) when n items of `cost(i)` are split statically over
// `threads` as ThreadPool::ParallelFor does.
template <typename Cost>
int64_t BusiestThread(int64_t n, int threads, Cost cost) {
  int64_t worst = 0;
  for (int t = 0; t < threads; ++t) {
    int64_t sum = 0;
    for (int64_t i = n * t / threads; i < n * (t + 1) / threads; ++i) sum += cost(i);
    worst = std::max(worst, sum);
  }
  return worst;
}

// Picks the filter-group size (and, for pointwise convs, equal pixel runs) whose static split leaves the busiest
// thread the least work. Uneven items had left one of two threads idle for a third of a conv: 6 output blocks as
// groups of 4 + 2, 196 pixels as runs of 96 + 96 + 4. Wider groups win ties (each group re-reads the input).
void BalanceItems(ConvNchwcKernel* k, int threads) {
  const int64_t pixels = k->s.w.oh * k->s.w.ow;
  const int64_t base_runs = k->runs;
  int64_t best = -1;
  const int64_t widest = k->group_blocks;
  for (int64_t g = widest; g >= 2; --g) {
    for (int64_t runs : {base_runs, 2 * base_runs}) {
      if (!k->pointwise && runs != base_runs) continue;  // rows are the items of a KxK conv
      const int64_t run_len = k->pointwise ? (pixels + runs - 1) / runs : k->s.w.ow;
      const int64_t used_runs = k->pointwise ? (pixels + run_len - 1) / run_len : runs;
      const int64_t groups = (k->ocb + g - 1) / g;
      const int64_t items = k->s.n * groups * used_runs;
      const int64_t worst = BusiestThread(items, threads, [&](int64_t i) {
        const int64_t run = i % used_runs, grp = (i / used_runs) % groups;
        const int64_t blocks = std::min(g, k->ocb - grp * g);
        return blocks * (k->pointwise ? std::min(run_len, pixels - run * run_len) : k->s.w.ow);
      });
      // A narrower group or more runs must win by more than 3% (per-tile and per-item overheads).
      if (best < 0 || worst * 103 < best * 100) {
        best = worst;
        k->group_blocks = g;
        k->run_len = run_len;
        k->runs = used_runs;
      }
    }
  }
}

// Input-channel shares for RunChannelShares: one per thread when a pointwise conv reads at least three times the
// channels it writes and every thread gets whole channel blocks; else 1 (split by output channels).
int64_t ChannelShares(const ConvNchwcKernel& k, int threads) {
  // Below 6 output blocks the output-channel split is already narrow (or a pixel split) and measured no worse.
  const bool deep_input = k.s.c >= 3 * k.s.oc && k.icb >= 2 * threads && k.ocb >= 6;
  const bool fits = k.conv_row && k.pointwise && !k.subsample && k.in_blocked && k.s.c % k.b == 0;
  return threads > 1 && deep_input && fits ? threads : 1;
}

}  // namespace

std::unique_ptr<Kernel> MakeConvNchwc(KernelBuilder& b) {
  auto k = std::make_unique<ConvNchwcKernel>();
  k->s = ParseConv(b);
  const ConvSetup& s = k->s;
  k->in_blocked = b.in(0).layout == MemLayout::kBlocked;
  k->b = k->in_blocked ? b.in(0).block : b.options().channel_block;
  b.Require(k->b <= kMaxBlock, "channel block too large");
  const ConvAlgo algo = b.options().conv_algo;
  b.Require(algo == ConvAlgo::kAuto || algo == ConvAlgo::kDirect || algo == ConvAlgo::kWinograd,
            "blocked layout conv needs conv=auto, direct or winograd");
  bool residual_blocked = s.residual_index < 0 || b.in(s.residual_index).layout == MemLayout::kBlocked;
  if (k->b == kNchwcBlock && residual_blocked && NchwcWinogradApplies(s, k->in_blocked, algo)) {
    return MakeConvNchwcWinograd(b, s);
  }
  b.Require(s.w.spatial == 2, "blocked layout conv needs a 2-D conv");
  k->depthwise = s.group == s.c && s.group == s.oc && s.group > 1;
  b.Require(s.group == 1 || k->depthwise, "blocked layout conv supports group 1 or depthwise only");
  b.Require(!k->depthwise || k->in_blocked, "blocked depthwise conv needs a blocked input");
  if (s.residual_index >= 0) {
    b.Require(b.in(s.residual_index).layout == MemLayout::kBlocked, "fused residual must be blocked too");
  }
  k->icb = (s.c + k->b - 1) / k->b;
  k->c_pad = k->in_blocked ? k->icb * k->b : s.c;  // plain (stem) inputs: no padding, weights fit L1
  k->ocb = (s.oc + k->b - 1) / k->b;
  if (k->b == kNchwcBlock && !k->depthwise) k->conv_row = ActiveKernelTable().conv.nchwc_conv_row;
  if (k->b == kNchwcBlock && k->depthwise) k->depthwise_row = ActiveKernelTable().conv.nchwc_depthwise_row;
  const Window& w = s.w;
  const bool unpadded_1x1 = w.kh == 1 && w.kw == 1 && w.pt == 0 && w.pl == 0 && w.pb == 0 && w.pr == 0;
  k->pointwise = k->conv_row && unpadded_1x1 && ((w.sh == 1 && w.sw == 1) || k->in_blocked);
  k->subsample = k->pointwise && (w.sh > 1 || w.sw > 1);
  if (!k->pointwise && (w.ow == 7 || w.ow == 8)) k->group_blocks = kNarrowRowFilterGroup;
  k->run_len = k->pointwise ? kPointwiseRun : w.ow;
  k->runs = k->pointwise ? (w.oh * w.ow + kPointwiseRun - 1) / kPointwiseRun : w.oh;
  if (k->conv_row && b.options().threads > 1) BalanceItems(k.get(), b.options().threads);
  k->channel_shares = ChannelShares(*k, b.options().threads);
  b.SetOutput(0, DType::kF32, WindowOutDims(s.w, s.n, s.oc), MemLayout::kBlocked, k->b);
  return k;
}

}  // namespace parity::rt
