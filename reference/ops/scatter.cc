// Scatter (deprecated; ScatterElements under its old name): output = copy of data, then for every element of
// `indices` (same shape as updates, same rank as data): output[i][indices[i][j][k]][k] = updates[i][j][k] for
// axis = 1 (likewise for any axis).
//   Scatter-9.   Scatter-11: negative indices count from the back; deprecated in favour of ScatterElements.
// Updates are applied in row-major order, so a repeated index keeps the last update.
#include <string>

#include "core/elementwise.h"
#include "core/movement_scatter.h"
#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunScatter(OpContext& ctx) {
  ctx.SetOutput(0, ScatterAlongAxis(ctx, "none"));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Scatter").Versions({9, 11}).Int("axis", 0).Run(RunScatter));

}  // namespace parity::ref
