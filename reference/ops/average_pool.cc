// AveragePool: y = mean of the input cells under each window, windows of kernel_shape placed every `strides`,
// cells `dilations` apart, over a [N, C, D1..Dn] input padded by `pads` (or auto_pad, as Conv).
// count_include_pad = 0 divides by the number of real input cells in the window; 1 also counts the cells of
// the explicit / auto padding (never the overhang a ceil_mode window may have beyond it).
// ceil_mode = 1 rounds the output size up, but a window that would start past the input and the leading pad
// is dropped.
//   AveragePool-1: no count_include_pad (pads are never counted).   AveragePool-7: count_include_pad.   AveragePool-10:
//   adds ceil_mode. AveragePool-11: same semantics (pads clarified).   AveragePool-19: adds dilations. AveragePool-22:
//   adds bfloat16.
#include "core/nn_window.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunAveragePool(OpContext& ctx) {
  ctx.Check(IsFloating(ctx.Input(0).dtype()), "X must be a floating tensor");
  PoolOptions options;
  options.kind = PoolKind::kAverage;
  options.count_include_pad = ctx.version() >= 7 && ctx.GetInt("count_include_pad") != 0;
  ctx.SetOutput(0, RunPoolOp(ctx, options, ctx.version() >= 19, ctx.version() >= 10));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("AveragePool")
                        .Versions({1, 7, 10, 11, 19, 22})
                        .String("auto_pad", "NOTSET")
                        .Int("ceil_mode", 0)
                        .Only(10)
                        .Int("count_include_pad", 0)
                        .Only(7)
                        .Attr("dilations", AttrType::kInts)
                        .Only(19)
                        .Attr("kernel_shape", AttrType::kInts, true)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunAveragePool));

}  // namespace parity::ref
