// ScatterElements: output = copy of data, then for every element of `indices` (same shape as updates, same rank as
// data): output[i][indices[i][j][k]][k] = reduce(that, updates[i][j][k]) for axis = 1 (likewise for any axis).
//   ScatterElements-11: replace only.   ScatterElements-13: adds bfloat16.
//   ScatterElements-16: `reduction` none/add/mul.   ScatterElements-18: adds max/min.
// Negative indices count from the back. Updates are applied in row-major order, so with "none" a repeated index
// keeps the last update.
#include <string>

#include "core/elementwise.h"
#include "core/movement_scatter.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunScatterElements(OpContext& ctx) {
  const std::string reduction = ctx.version() >= 16 ? ctx.GetString("reduction") : "none";
  ctx.Check(ctx.version() >= 18 || (reduction != "max" && reduction != "min"),
            "reduction '" + reduction + "' needs version 18");
  ctx.SetOutput(0, ScatterAlongAxis(ctx, reduction));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ScatterElements")
                        .Versions({11, 13, 16, 18})
                        .Int("axis", 0)
                        .String("reduction", "none")
                        .Only(16)
                        .Run(RunScatterElements));

}  // namespace parity::ref
