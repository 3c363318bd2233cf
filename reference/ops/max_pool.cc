// MaxPool: y = max of the input cells under each window (windows as AveragePool: kernel_shape, strides,
// dilations, pads / auto_pad, ceil_mode with the "last window starts inside input or leading pad" rule).
// Padding cells never win. Optional second output Indices (int64): the flat index of the chosen cell in X,
// counting N and C, over the spatial dims in row-major order (storage_order = 0) or column-major order
// (storage_order = 1, first spatial dim fastest); the first maximum wins ties.
//   MaxPool-1: y only.   MaxPool-8: adds Indices and storage_order.   MaxPool-10: adds ceil_mode, dilations.
//   MaxPool-11: same semantics.   MaxPool-12: adds int8 / uint8.   MaxPool-22: adds bfloat16.
#include "core/nn_window.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

// Row-major spatial offset -> column-major spatial offset.
int64_t ColumnMajor(int64_t offset, const Shape& spatial) {
  int64_t result = 0, scale = 1;
  std::vector<int64_t> pos(spatial.size());
  for (size_t i = spatial.size(); i-- > 0;) {
    pos[i] = offset % spatial[i];
    offset /= spatial[i];
  }
  for (size_t i = 0; i < spatial.size(); ++i) {
    result += pos[i] * scale;
    scale *= spatial[i];
  }
  return result;
}

void RunMaxPool(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  ctx.Check(IsFloating(x.dtype()) || (ctx.version() >= 12 && (x.dtype() == DataType::kInt8 ||
                                                              x.dtype() == DataType::kUint8)),
            "MaxPool-" + std::to_string(ctx.version()) + " does not accept " + DataTypeName(x.dtype()));
  PoolOptions options;
  options.kind = PoolKind::kMax;
  const bool want_indices = ctx.version() >= 8 && ctx.OutputRequested(1);
  std::vector<int64_t> argmax;
  Tensor y = RunPoolOp(ctx, options, ctx.version() >= 10, ctx.version() >= 10, want_indices ? &argmax : nullptr);
  if (want_indices) {
    const bool column_major = ctx.GetInt("storage_order") != 0;
    const Shape spatial(x.shape().begin() + 2, x.shape().end());
    const int64_t plane_in = ElementCount(spatial);
    const int64_t plane_out = y.dim(0) * y.dim(1) == 0 ? 0 : y.size() / (y.dim(0) * y.dim(1));
    std::vector<int64_t> indices(argmax.size());
    for (size_t i = 0; i < argmax.size(); ++i) {
      const int64_t plane = static_cast<int64_t>(i) / plane_out;
      const int64_t off = argmax[i];
      indices[i] = off < 0 ? -1 : plane * plane_in + (column_major ? ColumnMajor(off, spatial) : off);
    }
    ctx.SetOutput(1, Tensor(DataType::kInt64, y.shape(), std::move(indices)));
  }
  ctx.SetOutput(0, std::move(y));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("MaxPool")
                        .Versions({1, 8, 10, 11, 12, 22})
                        .String("auto_pad", "NOTSET")
                        .Int("ceil_mode", 0).Only(10)
                        .Attr("dilations", AttrType::kInts).Only(10)
                        .Attr("kernel_shape", AttrType::kInts, true)
                        .Attr("pads", AttrType::kInts)
                        .Int("storage_order", 0).Only(8)
                        .Attr("strides", AttrType::kInts)
                        .Run(RunMaxPool));

}  // namespace parity::ref
