// Winograd F(4x4, 3x3) convolution on channel-blocked tensors (3x3, stride 1, dilation 1, group 1), with the fused
// bias / residual / activation epilogue. 4x fewer multiply-adds than the direct conv: per group of tiles,
//   1. input transform: V_xi = (B^T d B)_xi for every input block (kernels/conv/nchwc_ukernels.h),
//   2. 36 products M_xi = U_xi * V_xi over the input channels: pointwise convs whose pixels are tiles, without
//      bias or epilogue (U_xi = (G g G^T)_xi is packed like a 1x1 conv's weights at compile time),
//   3. output transform Y = A^T M A plus the epilogue, written straight into the blocked output.
// Two schedules, chosen at compile time:
//   per-thread  each thread takes whole tile groups with its own V and M (no barriers); used when the
//               transformed weights fit beside them in L2, so re-reading them per group stays cheap;
//   shared      the threads split each stage of one group (by channel block, by (xi, filter group)), so the
//               transformed weights, 4x the size of the direct ones, stream from memory once per group in total.
// Transform coefficients up to 8 (A) and 5 (B) cost accuracy: the tolerance table's conv_winograd_f4 entry.
#include <algorithm>

#include "kernels/common/op_util.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/isa_dispatch.h"
#include "kernels/ops/conv_common.h"

namespace parity::rt {
namespace {

constexpr int kB = kNchwcBlock;
constexpr int kXi = kWinogradXi;
constexpr int kMaxFilterGroup = kNchwcMaxFilterGroup;
constexpr int64_t kTileChunk = 8;   // tiles per transform work item in the shared schedule
// V and M of one group aim at this many bytes (the L2 is 1-2 MiB per core on AVX-512 parts).
constexpr int64_t kGroupBytes = int64_t{1} << 20;
// Transformed weights up to this size stay in L2 next to a group's V and M: the per-thread schedule.
constexpr int64_t kPerThreadWeightBytes = int64_t{1} << 20;
constexpr int64_t kProductL1Bytes = 32 << 10;  // a filter group's transformed weights per xi, read per tile
constexpr int64_t kMinTilesPerThread = 24;  // narrower products leave the wide register tiles empty

// U = G g G^T of one 3x3 filter in double, G = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6;
// 1/24 -1/12 1/6; 0 0 1].
void TransformFilter(const float* g, double u[kXi]) {
  static const double G[6][3] = {{0.25, 0, 0},           {-1.0 / 6, -1.0 / 6, -1.0 / 6}, {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                 {1.0 / 24, 1.0 / 12, 1.0 / 6}, {1.0 / 24, -1.0 / 12, 1.0 / 6}, {0, 0, 1}};
  double t[6][3];
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 3; ++j) t[i][j] = G[i][0] * g[j] + G[i][1] * g[3 + j] + G[i][2] * g[6 + j];
  }
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) u[i * 6 + j] = t[i][0] * G[j][0] + t[i][1] * G[j][1] + t[i][2] * G[j][2];
  }
}

class ConvNchwcWinogradKernel : public Kernel {
 public:
  ConvSetup s;
  int64_t icb = 1, ocb = 1, c_pad = 16;
  int64_t tiles_w = 1, tiles = 1;  // per image
  int64_t group_tiles = 1;         // tiles per group (the last group of an image may be shorter)
  int64_t groups_per_image = 1;
  bool per_thread = false;
  int threads = 1;
  NchwcWinogradInputFn input = nullptr;
  NchwcWinogradProductFn product = nullptr;
  NchwcWinogradOutputFn output = nullptr;
  ConstPtr u, bias_padded, zero_bias;
  NchwcConvRowFn conv_row = nullptr;  // deep products (see use_row)
  bool use_row = false;

  double Flops() const override { return s.flops; }
  std::string Algorithm() const override {
    return std::string("winograd-f4x4-") + (per_thread ? "per-thread" : "shared") + (use_row ? "-rows" : "");
  }
  size_t ScratchBytes() const override {
    return static_cast<size_t>((per_thread ? threads : 1) * GroupFloats()) * sizeof(float);
  }

  void Prepare() override {
    // u[xi][ob][c_pad][16]: per xi, the packing of a 1x1 conv's weights.
    u = MakeConst(DType::kF32, {kXi, ocb, c_pad, kB});
    float* p = u->mut<float>();
    const float* w = s.weight->as<float>();
    double t[kXi];
    for (int64_t o = 0; o < s.oc; ++o) {
      for (int64_t i = 0; i < s.c; ++i) {
        TransformFilter(w + (o * s.c + i) * 9, t);
        for (int xi = 0; xi < kXi; ++xi) {
          p[((xi * ocb + o / kB) * c_pad + i) * kB + o % kB] = static_cast<float>(t[xi]);
        }
      }
    }
    bias_padded = PadBlockedBias(s.bias ? s.bias->as<float>() : nullptr, s.oc, kB);
    zero_bias = PadBlockedBias(nullptr, kMaxFilterGroup * kB, kB);
  }

  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* res = s.residual_index >= 0 ? ctx.in[s.residual_index].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    float* scratch = static_cast<float*>(ctx.scratch);
    ThreadPool* pool = s.flops >= kMinParallelConvFlops ? ctx.pool : nullptr;
    const int64_t all_groups = s.n * groups_per_image;
    if (per_thread) {
      const int64_t slots = pool ? std::min<int64_t>({pool->NumThreads(), threads, all_groups}) : 1;
      ParallelForOrInline(pool, slots, [&](int64_t s0, int64_t s1) {
        for (int64_t slot = s0; slot < s1; ++slot) {
          float* v = scratch + slot * GroupFloats();
          for (int64_t g = slot * all_groups / slots; g < (slot + 1) * all_groups / slots; ++g) {
            const Group grp = GroupAt(g, v);
            for (int64_t cb = 0; cb < icb; ++cb) InputStage(x, grp, cb, 0, grp.tiles);
            for (int64_t item = 0; item < kXi * FilterGroups(); ++item) GemmStage(grp, item);
            for (int64_t ob = 0; ob < ocb; ++ob) OutputStage(res, y, grp, ob, 0, grp.tiles);
          }
        }
      });
      return;
    }
    for (int64_t g = 0; g < all_groups; ++g) {
      const Group grp = GroupAt(g, scratch);
      const int64_t chunks = (grp.tiles + kTileChunk - 1) / kTileChunk;
      ParallelForOrInline(pool, icb * chunks, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) InputStage(x, grp, i / chunks, (i % chunks) * kTileChunk, kTileChunk);
      });
      ParallelForOrInline(pool, kXi * FilterGroups(), [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) GemmStage(grp, i);
      });
      ParallelForOrInline(pool, ocb * chunks, [&](int64_t i0, int64_t i1) {
        for (int64_t i = i0; i < i1; ++i) {
          OutputStage(res, y, grp, i / chunks, (i % chunks) * kTileChunk, kTileChunk);
        }
      });
    }
  }

  // V (kXi x icb x group_tiles x 16) then M (kXi x ocb x group_tiles x 16).
  int64_t GroupFloats() const { return kXi * (icb + ocb) * group_tiles * kB; }

 private:
  struct Group {
    int64_t n, t0, tiles;
    float* v;
    float* m;
  };

  int64_t FilterGroups() const { return (ocb + kMaxFilterGroup - 1) / kMaxFilterGroup; }

  Group GroupAt(int64_t g, float* v) const {
    Group grp;
    grp.n = g / groups_per_image;
    grp.t0 = (g % groups_per_image) * group_tiles;
    grp.tiles = std::min(group_tiles, tiles - grp.t0);
    grp.v = v;
    grp.m = v + kXi * icb * group_tiles * kB;
    return grp;
  }

  // Transforms tiles [k0, k0 + count) of the group (clipped to it) for input block cb.
  void InputStage(const float* x, const Group& grp, int64_t cb, int64_t k0, int64_t count) const {
    NchwcWinogradInputArgs a{};
    a.x = x + ((grp.n * icb + cb) * s.w.ih * s.w.iw) * kB;
    a.in_h = s.w.ih;
    a.in_w = s.w.iw;
    a.pad_top = s.w.pt;
    a.pad_left = s.w.pl;
    a.tiles_w = tiles_w;
    a.t0 = grp.t0 + k0;
    a.tiles = std::min(count, grp.tiles - k0);
    a.v = grp.v + (cb * grp.tiles + k0) * kB;
    a.v_xi_stride = icb * grp.tiles * kB;
    input(&a);
  }

  // Work item (xi, filter group): M_xi of up to 4 output blocks over all tiles of the group.
  void GemmStage(const Group& grp, int64_t item) const {
    const int64_t xi = item / FilterGroups(), ob = (item % FilterGroups()) * kMaxFilterGroup;
    NchwcWinogradProductArgs a{};
    a.v = grp.v + xi * icb * grp.tiles * kB;
    a.v_block_stride = grp.tiles * kB;
    a.u_block_stride = c_pad * kB;
    a.u = u->as<float>() + (xi * ocb + ob) * a.u_block_stride;
    a.m = grp.m + (xi * ocb + ob) * grp.tiles * kB;
    a.m_block_stride = grp.tiles * kB;
    a.blocks = static_cast<int>(std::min<int64_t>(kMaxFilterGroup, ocb - ob));
    a.tiles = grp.tiles;
    a.channels = s.c;
    if (!use_row) return product(&a);
    // The same product as a 1x1 conv of the row kernel (zero bias, no epilogue), in L1-sized channel passes.
    NchwcConvRowArgs r{};
    r.x = a.v;
    r.in_blocked = 1;
    r.x_block_stride = a.v_block_stride;
    r.w_block_stride = a.u_block_stride;
    r.w = a.u;
    r.bias = zero_bias->as<float>();
    r.y = a.m;
    r.y_block_stride = a.m_block_stride;
    r.blocks = a.blocks;
    r.out_w = r.in_w = grp.tiles;
    r.in_h = 1;
    r.c = s.c;
    r.kernel_h = r.kernel_w = r.stride_h = r.stride_w = r.dilation_h = r.dilation_w = 1;
    conv_row(&r);
  }

  void OutputStage(const float* res, float* y, const Group& grp, int64_t ob, int64_t k0, int64_t count) const {
    const int64_t plane = (grp.n * ocb + ob) * s.w.oh * s.w.ow * kB;
    NchwcWinogradOutputArgs a{};
    a.m = grp.m + (ob * grp.tiles + k0) * kB;
    a.m_xi_stride = ocb * grp.tiles * kB;
    a.bias = bias_padded->as<float>() + ob * kB;
    a.res = res ? res + plane : nullptr;
    a.y = y + plane;
    a.out_h = s.w.oh;
    a.out_w = s.w.ow;
    a.tiles_w = tiles_w;
    a.t0 = grp.t0 + k0;
    a.tiles = std::min(count, grp.tiles - k0);
    a.act = ActInRegisters(s.act) ? static_cast<int>(s.act) : 0;
    a.alpha = s.alpha;
    a.beta = s.beta;
    output(&a);
    if (!ActInRegisters(s.act)) ActivateTiles(a);
  }

  // Activations outside the kernel's registers, over the pixels the output transform just wrote.
  void ActivateTiles(const NchwcWinogradOutputArgs& a) const {
    for (int64_t t = a.t0; t < a.t0 + a.tiles; ++t) {
      const int64_t oy0 = (t / tiles_w) * kWinogradTile, ox0 = (t % tiles_w) * kWinogradTile;
      const int64_t cols = std::min<int64_t>(kWinogradTile, a.out_w - ox0);
      for (int64_t oy = oy0; oy < std::min<int64_t>(oy0 + kWinogradTile, a.out_h); ++oy) {
        ApplyActArray(s.act, s.alpha, s.beta, a.y + (oy * a.out_w + ox0) * kB, cols * kB);
      }
    }
  }
};

}  // namespace

bool NchwcWinogradApplies(const ConvSetup& s, bool in_blocked, ConvAlgo algo) {
  const ConvKernelConfig& k = ActiveKernelTable().conv;
  // Deep products run on the conv row kernel (use_row), so it is needed as well.
  if (k.nchwc_winograd_input == nullptr || k.nchwc_winograd_product == nullptr || k.nchwc_winograd_output == nullptr ||
      k.nchwc_conv_row == nullptr) {
    return false;
  }
  const Window& w = s.w;
  const bool shape = in_blocked && s.group == 1 && w.spatial == 2 && w.kh == 3 && w.kw == 3 && w.sh == 1 &&
                     w.sw == 1 && w.dh == 1 && w.dw == 1;
  if (!shape || algo == ConvAlgo::kDirect) return false;
  if (algo == ConvAlgo::kWinograd) return true;
  // auto: maps under 10x10 waste a third or more of each 4x4 tile, and their transformed weights (36 per
  // filter tap pair instead of 9) are read for few tiles; few channels leave the products too short to pay for
  // the transforms.
  return w.oh >= 10 && w.ow >= 10 && s.c >= 16 && s.oc >= 16;
}

std::unique_ptr<Kernel> MakeConvNchwcWinograd(KernelBuilder& b, const ConvSetup& setup) {
  auto k = std::make_unique<ConvNchwcWinogradKernel>();
  k->s = setup;
  const ConvSetup& s = k->s;
  const ConvKernelConfig& kc = ActiveKernelTable().conv;
  k->input = kc.nchwc_winograd_input;
  k->product = kc.nchwc_winograd_product;
  k->conv_row = kc.nchwc_conv_row;
  k->output = kc.nchwc_winograd_output;
  k->icb = (s.c + kB - 1) / kB;
  k->ocb = (s.oc + kB - 1) / kB;
  k->c_pad = k->icb * kB;
  // Deep products: the row kernel's channel passes keep each pass's weights in L1 (resnet50's 256-channel 14x14
  // convs: 1.12 vs 1.20 ms); shallow ones: the plain product, without the row kernel's bias and epilogue per
  // tile (squeezenet1_1's 16- and 32-channel expansions: 260 -> 310 effective GFLOP/s).
  k->use_row = k->c_pad * kMaxFilterGroup * kB * static_cast<int64_t>(sizeof(float)) > kProductL1Bytes;
  k->tiles_w = (s.w.ow + kWinogradTile - 1) / kWinogradTile;
  k->tiles = k->tiles_w * ((s.w.oh + kWinogradTile - 1) / kWinogradTile);
  k->threads = std::max(1, b.options().threads);
  const int64_t bytes_per_tile = kXi * (k->icb + k->ocb) * kB * static_cast<int64_t>(sizeof(float));
  const int64_t fit = std::max<int64_t>(kTileChunk, kGroupBytes / bytes_per_tile);
  const int64_t weight_bytes = kXi * k->ocb * k->c_pad * kB * static_cast<int64_t>(sizeof(float));
  // Per-thread groups: as many as the L2 target asks for, rounded up to a multiple of the threads so each thread
  // gets the same share. The shared schedule takes the whole image when it is not much larger than the target,
  // so its barriers are paid once.
  k->per_thread = weight_bytes <= kPerThreadWeightBytes && s.n * k->tiles >= kMinTilesPerThread * k->threads;
  if (k->per_thread) {
    const int64_t per_image = (k->tiles + fit - 1) / fit;
    const int64_t total = (s.n * per_image + k->threads - 1) / k->threads * k->threads;
    k->group_tiles = (k->tiles + total / s.n - 1) / std::max<int64_t>(1, total / s.n);
  } else {
    k->group_tiles = k->tiles <= 2 * fit ? k->tiles : fit;
  }
  k->groups_per_image = (k->tiles + k->group_tiles - 1) / k->group_tiles;
  b.SetOutput(0, DType::kF32, WindowOutDims(s.w, s.n, s.oc), MemLayout::kBlocked, kB);
  return k;
}

}  // namespace parity::rt
