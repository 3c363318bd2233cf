// LpPool: y = (sum of |x|^p over the input cells under each window)^(1/p); windows as AveragePool
// (kernel_shape, strides, pads / auto_pad, and from version 18 dilations and ceil_mode). Padding cells add 0.
// p (int, default 2).
//   LpPool-2: the version in force at opset 7.   LpPool-11: same semantics (pads clarified).
//   LpPool-18: adds ceil_mode and dilations.   LpPool-22: adds bfloat16.
#include "core/nn_window.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunLpPool(OpContext& ctx) {
  ctx.Check(IsFloating(ctx.Input(0).dtype()), "X must be a floating tensor");
  PoolOptions options;
  options.kind = PoolKind::kLp;
  options.p = static_cast<double>(ctx.GetInt("p"));
  ctx.Check(options.p > 0, "p must be positive");
  ctx.SetOutput(0, RunPoolOp(ctx, options, ctx.version() >= 18, ctx.version() >= 18));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("LpPool")
                        .Versions({2, 11, 18, 22})
                        .String("auto_pad", "NOTSET")
                        .Int("ceil_mode", 0).Only(18)
                        .Attr("dilations", AttrType::kInts).Only(18)
                        .Attr("kernel_shape", AttrType::kInts, true)
                        .Int("p", 2)
                        .Attr("pads", AttrType::kInts)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunLpPool));

}  // namespace parity::ref
