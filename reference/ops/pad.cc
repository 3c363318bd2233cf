// Pad: grows (or, with negative pads, crops) every padded axis by pads[begin] in front and pads[end] behind.
// `pads` lists all begins then all ends: [x1_begin, x2_begin, ..., x1_end, x2_end, ...]. Modes:
//   constant: new elements are the constant value (default 0).
//   edge:     they repeat the nearest edge element.
//   reflect:  they mirror the data about the edge element, without repeating it (period 2*(n-1)).
//   wrap:     they continue the data periodically (period n).
// Negative pads crop first; edge/reflect/wrap then work on the cropped data (as numpy.pad after slicing does).
//   Pad-2: `pads` and float `value` are attributes.   Pad-11: `pads` (int64) and optional `constant_value`
//   (scalar of the data type) become inputs.   Pad-13: adds bfloat16.
//   Pad-18: optional `axes` input: pads then has 2 * len(axes) entries for those axes only (negative axes allowed).
//   Pad-19: adds the wrap mode.   Pad-21/23/24/25: add int4, float4e2m1, float8e8m0, int2 types.
#include <algorithm>
#include <string>

#include "core/elementwise.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

enum class PadMode { kConstant, kEdge, kReflect, kWrap };

PadMode ParseMode(const OpContext& ctx) {
  const std::string mode = ctx.GetString("mode");
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "edge") return PadMode::kEdge;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "wrap" && ctx.version() >= 19) return PadMode::kWrap;
  ctx.Fail("unknown mode '" + mode + "'");
}

// Begin/end pads per dimension of the data.
void ReadPads(const OpContext& ctx, int64_t rank, std::vector<int64_t>& begin, std::vector<int64_t>& end) {
  const std::vector<int64_t> pads = ctx.version() >= 11 ? ctx.Input(1).ToInt64Vector() : ctx.GetInts("pads");
  std::vector<int64_t> axes;
  if (ctx.version() >= 18 && ctx.HasInput(3)) {
    axes = NormalizeAxes(ctx.Input(3).ToInt64Vector(), rank);
  } else {
    for (int64_t d = 0; d < rank; ++d) axes.push_back(d);
  }
  const size_t n = axes.size();
  ctx.Check(pads.size() == 2 * n, "pads has " + std::to_string(pads.size()) + " entries, expected " +
                                      std::to_string(2 * n));
  begin.assign(rank, 0);
  end.assign(rank, 0);
  for (size_t i = 0; i < n; ++i) {
    begin[axes[i]] = pads[i];
    end[axes[i]] = pads[n + i];
  }
}

// Position inside [0, m) that padded position j (relative to the first kept element) reads; -1 = constant.
int64_t MapPadded(int64_t j, int64_t m, PadMode mode) {
  if (j >= 0 && j < m) return j;
  switch (mode) {
    case PadMode::kConstant: return -1;
    case PadMode::kEdge: return std::clamp<int64_t>(j, 0, m - 1);
    case PadMode::kWrap: return ((j % m) + m) % m;
    case PadMode::kReflect: {
      if (m == 1) return 0;
      const int64_t period = 2 * (m - 1);
      j = ((j % period) + period) % period;
      return j < m ? j : period - j;
    }
  }
  return -1;
}

Tensor FillValue(const OpContext& ctx, DataType dtype) {
  if (ctx.version() >= 11 && ctx.HasInput(2)) {
    const Tensor& v = ctx.Input(2);
    ctx.Check(v.size() == 1 && v.dtype() == dtype, "constant_value must be one element of the data type");
    return v.Reshaped({});
  }
  if (dtype == DataType::kString) return Tensor(dtype, {});
  return Tensor::Scalar(dtype, ctx.version() >= 11 ? 0.0 : ctx.GetFloat("value"));
}

void RunPad(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const int64_t rank = x.rank();
  const PadMode mode = ParseMode(ctx);
  std::vector<int64_t> begin, end;
  ReadPads(ctx, rank, begin, end);
  Shape out(rank);
  std::vector<int64_t> lo(rank), kept(rank);
  for (int64_t d = 0; d < rank; ++d) {
    const int64_t n = x.shape()[d];
    lo[d] = std::max<int64_t>(0, -begin[d]);
    kept[d] = n - lo[d] - std::max<int64_t>(0, -end[d]);
    ctx.Check(kept[d] >= 0, "negative pads crop more than dimension " + std::to_string(d) + " holds");
    out[d] = n + begin[d] + end[d];
    const bool grows = begin[d] > 0 || end[d] > 0;
    ctx.Check(!(grows && kept[d] == 0 && mode != PadMode::kConstant),
              "cannot pad an empty dimension " + std::to_string(d) + " in this mode");
  }
  std::vector<int64_t> strides(rank, 1);
  for (int64_t d = rank - 1; d > 0; --d) strides[d - 1] = strides[d] * x.shape()[d];
  std::vector<int64_t> index(static_cast<size_t>(ElementCount(out)));
  ForEachCoord(out, [&](int64_t i, const std::vector<int64_t>& c) {
    int64_t flat = 0;
    for (int64_t d = 0; d < rank && flat >= 0; ++d) {
      const int64_t j = MapPadded(c[d] - std::max<int64_t>(0, begin[d]), kept[d], mode);
      flat = j < 0 ? -1 : flat + (lo[d] + j) * strides[d];
    }
    index[i] = flat;
  });
  ctx.SetOutput(0, TakeElementsOrFill(x, out, index, FillValue(ctx, x.dtype())));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Pad")
                        .Versions({2, 11, 13, 18, 19, 21, 23, 24, 25})
                        .String("mode", "constant")
                        .Attr("pads", AttrType::kInts, /*required=*/true).Only(2, 10)
                        .Float("value", 0.0).Only(2, 10)
                        .Run(RunPad));

}  // namespace parity::ref
