// GEMM-based convolutions: per (image, group), Y[Cout/G, OH*OW] = W[Cout/G, K] * B[K, OH*OW] with the weights
// pre-packed as A. For 1x1 / stride 1 / no padding B is the input itself; otherwise B panels are gathered from the
// image while packing (implicit im2col), so the K x OH*OW im2col matrix never exists in memory.
#include <cstring>

#include "kernels/conv/conv_internal.h"
#include "kernels/gemm/gemm_driver.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

struct Im2colContext {
  const ConvShape* shape;
  const float* image;  // first input channel of the group, for one image
  int64_t out_w;
  Im2colPackFn isa_pack;  // the ISA's packer when it applies to this call, else null
};

int64_t Min3(int64_t a, int64_t b, int64_t c) {
  const int64_t ab = a < b ? a : b;
  return ab < c ? ab : c;
}

// Writes `len` consecutive im2col values of one K row (output columns ow .. ow+len-1 of output row oh).
void GatherRun(const ConvShape& s, const float* plane, int64_t ih, int64_t ow, int64_t x_off, int64_t len, float* d) {
  if (ih < 0 || ih >= s.in_h) {
    std::memset(d, 0, len * sizeof(float));
    return;
  }
  const float* row = plane + ih * s.in_w;
  if (s.stride_w == 1) {
    const int64_t iw0 = ow + x_off;
    int64_t lo = -iw0 > 0 ? -iw0 : 0;
    int64_t hi = s.in_w - iw0 < len ? s.in_w - iw0 : len;
    if (lo > len) lo = len;
    if (hi < lo) hi = lo;
    for (int64_t t = 0; t < lo; ++t) d[t] = 0.0f;
    std::memcpy(d + lo, row + iw0 + lo, (hi - lo) * sizeof(float));
    for (int64_t t = hi; t < len; ++t) d[t] = 0.0f;
    return;
  }
  for (int64_t t = 0; t < len; ++t) {
    const int64_t iw = (ow + t) * s.stride_w + x_off;
    d[t] = iw >= 0 && iw < s.in_w ? row[iw] : 0.0f;
  }
}

void PackIm2colIsa(const Im2colContext& x, int64_t k0, int64_t kc, int64_t n0, int64_t nc, int nr, float* dst) {
  const ConvShape& s = *x.shape;
  Im2colPackArgs args;
  args.image = x.image;
  args.in_h = s.in_h;
  args.in_w = s.in_w;
  args.kernel_h = s.kernel_h;
  args.kernel_w = s.kernel_w;
  args.stride_h = s.stride_h;
  args.stride_w = s.stride_w;
  args.dilation_h = s.dilation_h;
  args.dilation_w = s.dilation_w;
  args.pad_top = s.pad_top;
  args.pad_left = s.pad_left;
  args.out_w = x.out_w;
  args.k0 = k0;
  args.kc = kc;
  args.n0 = n0;
  args.nc = nc;
  args.nr = nr;
  args.dst = dst;
  x.isa_pack(&args);
}

void PackIm2col(const void* context, int64_t k0, int64_t kc, int64_t n0, int64_t nc, int nr, float* dst) {
  const Im2colContext& x = *static_cast<const Im2colContext*>(context);
  if (x.isa_pack != nullptr) return PackIm2colIsa(x, k0, kc, n0, nc, nr, dst);
  const ConvShape& s = *x.shape;
  const int64_t padded = (nc + nr - 1) / nr * nr;
  for (int64_t kk = 0; kk < kc; ++kk) {
    const int64_t k = k0 + kk;
    const int64_t kx = k % s.kernel_w;
    const int64_t ky = (k / s.kernel_w) % s.kernel_h;
    const int64_t c = k / (s.kernel_w * s.kernel_h);
    const float* plane = x.image + c * s.in_h * s.in_w;
    const int64_t y_off = ky * s.dilation_h - s.pad_top;
    const int64_t x_off = kx * s.dilation_w - s.pad_left;
    int64_t oh = n0 / x.out_w;
    int64_t ow = n0 % x.out_w;
    for (int64_t filled = 0; filled < nc;) {
      const int64_t lane = filled % nr;
      const int64_t len = Min3(x.out_w - ow, nr - lane, nc - filled);
      float* d = dst + (filled / nr) * kc * nr + kk * nr + lane;
      GatherRun(s, plane, oh * s.stride_h + y_off, ow, x_off, len, d);
      filled += len;
      ow += len;
      if (ow == x.out_w) {
        ow = 0;
        ++oh;
      }
    }
    for (int64_t j = nc; j < padded; ++j) dst[(j / nr) * kc * nr + kk * nr + j % nr] = 0.0f;
  }
}

// The ISA packer gathers with 32-bit indices, 16 columns at a time, and handles panels of up to 64 columns.
Im2colPackFn IsaIm2colPack(const ConvShape& s, const KernelTable& kernels) {
  const int nr = kernels.gemm.nr;
  const int64_t group_floats = s.in_channels / s.groups * s.in_h * s.in_w;
  const int64_t coordinate_limit = int64_t{1} << 30;
  if (nr % 16 != 0 || nr > 64 || group_floats >= coordinate_limit) return nullptr;
  if (s.in_h + s.pad_top + s.pad_bottom >= coordinate_limit || s.in_w + s.pad_left + s.pad_right >= coordinate_limit) {
    return nullptr;
  }
  return kernels.conv.im2col_pack;
}

}  // namespace

void RunConvGemm(const ConvShape& s, ConvAlgo algo, const std::vector<PackedMatrix>& packed,
                 const GemmBlocking& blocking, const ConvRunArgs& args) {
  const int64_t cin_g = s.in_channels / s.groups;
  const int64_t cout_g = s.out_channels / s.groups;
  const int64_t n = s.out_h() * s.out_w();
  const int64_t k = cin_g * s.kernel_h * s.kernel_w;
  const int64_t jobs = s.batch * s.groups;
  const int threads = args.pool != nullptr ? args.pool->NumThreads() : 1;
  // Many small GEMMs (grouped convs, batches): one per thread; otherwise each GEMM uses all threads.
  const bool outer_parallel = threads > 1 && jobs >= 2 * threads;
  const Im2colPackFn isa_pack = algo == ConvAlgo::kIm2col ? IsaIm2colPack(s, *packed[0].kernels()) : nullptr;
  auto run = [&](int64_t begin, int64_t end) {
    for (int64_t job = begin; job < end; ++job) {
      const int64_t b = job / s.groups;
      const int64_t g = job % s.groups;
      const float* image = args.input + (b * s.in_channels + g * cin_g) * s.in_h * s.in_w;
      const int64_t out_offset = (b * s.out_channels + g * cout_g) * n;
      Epilogue e;
      if (args.bias != nullptr) {
        e.bias_kind = BiasKind::kPerRow;
        e.bias = args.bias + g * cout_g;
      }
      e.activation = args.activation;
      if (args.residual != nullptr) {
        e.residual = args.residual + out_offset;
        e.residual_ld = n;
        e.residual_order = args.residual_order;
      }
      GemmOperandA a;
      a.packed = &packed[g];
      Im2colContext context{&s, image, s.out_w(), isa_pack};
      GemmOperandB op_b;
      if (algo == ConvAlgo::kGemm1x1) {
        op_b.data = image;
        op_b.ld = n;
      } else {
        op_b.pack = PackIm2col;
        op_b.pack_context = &context;
      }
      GemmOptions options;
      options.pool = outer_parallel ? nullptr : args.pool;
      options.blocking = blocking;
      RunGemm(*packed[g].kernels(), GemmShape{cout_g, n, k, 1.0f, 0.0f, args.output + out_offset, n}, a, op_b, e,
              options);
    }
  };
  if (outer_parallel) {
    args.pool->ParallelFor(jobs, run);
  } else {
    run(0, jobs);
  }
}

}  // namespace parity::rt
