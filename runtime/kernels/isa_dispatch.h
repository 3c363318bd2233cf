// The one place where CPU features choose kernel variants.
//
// A KernelTable holds, per kernel family, the function pointers and tile constants of one ISA variant. Tables are
// built once (static, immutable) and handed out by pointer; kernels take a table (or null for the active one),
// which is how tests run every variant on one machine.
#ifndef PARITY_RUNTIME_KERNELS_ISA_DISPATCH_H_
#define PARITY_RUNTIME_KERNELS_ISA_DISPATCH_H_

#include <cstdint>

#include "core/cpu_features.h"
#include "kernels/conv/conv_ukernels.h"
#include "kernels/conv/nchwc_ukernels.h"
#include "kernels/gemm/gemm_ukernels.h"
#include "kernels/matmul/small_gemm_ukernels.h"
#include "kernels/norm/norm_ukernels.h"
#include "kernels/pool/pool_ukernels.h"
#include "kernels/softmax/softmax_ukernels.h"

namespace parity::rt {

struct GemmKernelConfig {
  SgemmUkernelFn ukernel;
  EpilogueFn epilogue;
  int mr;  // micro-tile rows (A panel width)
  int nr;  // micro-tile columns (B panel width)
  // Default cache blocking in elements, tuned for this ISA's tile; adjusted to the problem at run time.
  int64_t mc;
  int64_t kc;
  int64_t nc;
  SgemmUkernelEpilogueFn ukernel_epilogue;  // fused micro-kernel + epilogue, or null: ukernel then epilogue
  // Products with at most kSgemvMaxM rows on a packed B (classifier layers at batch 1), or null: the blocked
  // path, which is latency-bound on 1-row tiles and re-reads C per depth block.
  SgemvPackedFn gemv_packed;
  PackAPanelFn pack_a_rows;  // row-major A panels (activations packed per call), or null: the scalar gather
};

struct ConvKernelConfig {
  DepthwisePlaneFn depthwise_plane;  // one NCHW channel plane of a depthwise KxK convolution
  Im2colPackFn im2col_pack;          // B panels of the implicit im2col, or null: the portable packer
  WinogradInputFn winograd_input;    // F(2x2, 3x3) input transform of one channel
  WinogradOutputFn winograd_output;  // F(2x2, 3x3) output transform of one channel
  // Channel-blocked (NCHW16c) direct convolution rows, or null: this ISA has no blocked kernels, and layout=auto
  // keeps NCHW (the blocked op's portable loops are for correctness, not speed).
  NchwcConvRowFn nchwc_conv_row;
  NchwcDepthwiseRowFn nchwc_depthwise_row;
  // Winograd F(4x4, 3x3) transforms of blocked tiles, or null: blocked 3x3 convs stay direct.
  NchwcWinogradInputFn nchwc_winograd_input;
  NchwcWinogradOutputFn nchwc_winograd_output;
  NchwcWinogradProductFn nchwc_winograd_product;
};

struct PoolKernelConfig {
  MaxPoolPlaneFn max_pool_plane;  // one NCHW channel plane of a 2-D MaxPool, dilation 1
  // One output row of one 16-channel block of a blocked (NCHW16c) MaxPool / AveragePool, or null: the blocked
  // pooling op's portable loops.
  PoolNchwcRowFn max_pool_nchwc_row;
  PoolNchwcRowFn avg_pool_nchwc_row;
};

struct SoftmaxKernelConfig {
  SoftmaxRowsFn rows;  // softmax / log-softmax of contiguous rows
};

struct MatMulKernelConfig {
  SmallGemmFn small_gemm;  // small strided products without packing, or null: the packed GEMM
};

struct NormKernelConfig {
  LayerNormRowsFn layer_norm_rows;  // LayerNormalization of contiguous rows
};

struct KernelTable {
  Isa isa;
  GemmKernelConfig gemm;
  ConvKernelConfig conv;
  PoolKernelConfig pool;
  SoftmaxKernelConfig softmax;
  NormKernelConfig norm;
  MatMulKernelConfig matmul;
};

// Table of `isa`, or null when this CPU cannot run it.
const KernelTable* KernelTableFor(Isa isa);

// Table of ActiveIsa(): the best the CPU supports, capped by PARITY_ISA.
const KernelTable& ActiveKernelTable();

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_KERNELS_ISA_DISPATCH_H_
