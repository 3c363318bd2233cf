// Winograd F(2x2, 3x3) convolution (stride 1, dilation 1, one group): per band of tile rows, the input transform
// of every channel, then 16 GEMMs U_xi[Cout x Cin] * V_xi[Cin x tiles], then the output transform with the bias
// and the epilogue. 2.25x fewer multiply-adds than im2col; the transforms use only 0, +-1 and +-1/2, so the extra
// rounding stays within a few float ulps of the dot product (the tolerance table's conv_winograd entry).
// Bands keep V and M (16 x channels x tiles floats each) inside the L2 cache.
#include <algorithm>
#include <vector>

#include "kernels/conv/conv_internal.h"
#include "kernels/gemm/gemm_driver.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

constexpr int kXi = 16;  // transformed tile elements (4 x 4)

// U = G g G^T for one 3x3 filter, G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]; computed in double.
void TransformFilter(const float* g, double u[16]) {
  const double G[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
  double t[4][3];
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 3; ++j) t[i][j] = G[i][0] * g[j] + G[i][1] * g[3 + j] + G[i][2] * g[6 + j];
  }
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) u[i * 4 + j] = t[i][0] * G[j][0] + t[i][1] * G[j][1] + t[i][2] * G[j][2];
  }
}

// Floats of V (or M) per tile and channel across the 16 matrices: bands aim at ~1.5 MB of V.
int64_t BandTileRows(const ConvShape& s, int64_t tiles_w, int64_t tiles_h) {
  constexpr int64_t kBandFloats = int64_t{3} << 17;
  const int64_t channels = std::max(s.in_channels, s.out_channels);
  const int64_t tiles = std::max<int64_t>(32, kBandFloats / (kXi * channels));
  return std::clamp<int64_t>(tiles / tiles_w, 1, tiles_h);
}

thread_local std::vector<float> t_workspace;  // per calling thread: RunConv may run concurrently

}  // namespace

std::vector<PackedMatrix> PackWinogradWeights(const ConvShape& s, const float* weights, const GemmOptions& gemm) {
  const int64_t cout = s.out_channels, cin = s.in_channels;
  std::vector<float> u(static_cast<size_t>(kXi * cout * cin));
  double t[16];
  for (int64_t co = 0; co < cout; ++co) {
    for (int64_t ci = 0; ci < cin; ++ci) {
      TransformFilter(weights + (co * cin + ci) * 9, t);
      for (int xi = 0; xi < kXi; ++xi) u[(xi * cout + co) * cin + ci] = static_cast<float>(t[xi]);
    }
  }
  std::vector<PackedMatrix> packed;
  packed.reserve(kXi);
  for (int xi = 0; xi < kXi; ++xi) packed.push_back(PackA(false, cout, cin, u.data() + xi * cout * cin, cin, gemm));
  return packed;
}

void RunConvWinograd(const ConvShape& s, const KernelTable& kernels, const std::vector<PackedMatrix>& u,
                     const ConvRunArgs& args) {
  const int64_t cin = s.in_channels, cout = s.out_channels;
  const int64_t oh = s.out_h(), ow = s.out_w();
  const int64_t tiles_h = (oh + 1) / 2, tiles_w = (ow + 1) / 2;
  const int64_t band = BandTileRows(s, tiles_w, tiles_h);
  const int64_t max_tiles = band * tiles_w;
  t_workspace.resize(static_cast<size_t>(kXi * (cin + cout) * max_tiles));
  float* v = t_workspace.data();
  float* m = v + kXi * cin * max_tiles;
  const bool needs_epilogue = args.activation.kind != Activation::kNone || args.residual != nullptr;
  GemmOptions gemm;  // one GEMM per task: the 16 run in parallel
  gemm.kernels = &kernels;
  for (int64_t n = 0; n < s.batch; ++n) {
    const float* image = args.input + n * cin * s.in_h * s.in_w;
    float* out_image = args.output + n * cout * oh * ow;
    const float* res_image = args.residual != nullptr ? args.residual + n * cout * oh * ow : nullptr;
    for (int64_t tr0 = 0; tr0 < tiles_h; tr0 += band) {
      const int64_t rows = std::min(band, tiles_h - tr0);
      const int64_t tiles = rows * tiles_w;
      ParallelForOrInline(args.pool, cin, [&](int64_t c0, int64_t c1) {
        for (int64_t ci = c0; ci < c1; ++ci) {
          WinogradInputArgs a{};
          a.plane = image + ci * s.in_h * s.in_w;
          a.in_h = s.in_h;
          a.in_w = s.in_w;
          a.pad_top = s.pad_top;
          a.pad_left = s.pad_left;
          a.tile_row0 = tr0;
          a.tile_rows = rows;
          a.tiles_w = tiles_w;
          a.v = v + ci * tiles;
          a.v_stride = cin * tiles;
          kernels.conv.winograd_input(&a);
        }
      });
      ParallelForOrInline(args.pool, kXi, [&](int64_t x0, int64_t x1) {
        for (int64_t xi = x0; xi < x1; ++xi) {
          GemmPackedA(u[xi], false, cout, tiles, cin, 1.0f, v + xi * cin * tiles, tiles, 0.0f, m + xi * cout * tiles,
                      tiles, {}, gemm);
        }
      });
      ParallelForOrInline(args.pool, cout, [&](int64_t o0, int64_t o1) {
        for (int64_t co = o0; co < o1; ++co) {
          float* plane = out_image + co * oh * ow;
          WinogradOutputArgs a{m + co * tiles, cout * tiles, tr0,
                               rows,           tiles_w,      args.bias != nullptr ? args.bias[co] : 0.0f,
                               plane,          oh,           ow};
          kernels.conv.winograd_output(&a);
          if (!needs_epilogue) continue;
          const int64_t y0 = 2 * tr0, y1 = std::min(oh, 2 * (tr0 + rows));
          EpilogueArgs e{};
          e.activation = static_cast<int>(args.activation.kind);
          e.act_alpha = args.activation.alpha;
          e.act_beta = args.activation.beta;
          e.residual = res_image != nullptr ? res_image + co * oh * ow + y0 * ow : nullptr;
          e.residual_ld = ow;
          e.residual_after_activation = args.residual_order == ResidualOrder::kAfterActivation ? 1 : 0;
          kernels.gemm.epilogue(plane + y0 * ow, ow, y1 - y0, ow, &e);
        }
      });
    }
  }
}

}  // namespace parity::rt
