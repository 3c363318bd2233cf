// Softsign: y = x / (1 + |x|), elementwise.
//   Softsign-1: float16/float/double (the version in force at opset 7).   Softsign-22: adds bfloat16.
#include <cmath>

#include "core/math_unary.h"

namespace parity::ref {
namespace {

void RunSoftsign(OpContext& ctx) {
  RunFloatUnary(ctx, [](double x) { return x / (1.0 + std::fabs(x)); });
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Softsign").Versions({1, 22}).Run(RunSoftsign));

}  // namespace parity::ref
