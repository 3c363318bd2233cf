// Softplus: y = ln(1 + e^x), elementwise; evaluated as max(x, 0) + log1p(e^-|x|) so large |x| neither
// overflows nor loses the small term.
//   Softplus-1: float16/float/double (the version in force at opset 7).   Softplus-22: adds bfloat16.
#include <algorithm>
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSoftplus(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Softplus").Versions({1, 22}).Run(RunSoftplus));

}  // namespace parity::ref
