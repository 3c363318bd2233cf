// Opset-6 arithmetic ops (Add, Sub, Mul, Div, Pow-1 ... -6, And/Or/Xor-1, Equal/Greater/Less-1) broadcast B onto
// A only when the attribute broadcast = 1, aligning B's dims with A's starting at `axis` (default: trailing).
// From version 7 on they broadcast numpy-style. This helper turns both into operands for BroadcastBinary.
#pragma once

#include <utility>

#include "core/op_context.h"

namespace parity::ref {

// Returns (A, B) with B reshaped so that numpy broadcasting reproduces the legacy rule when ctx.version() < 7;
// otherwise the inputs unchanged.
std::pair<Tensor, Tensor> LegacyBroadcastOperands(const OpContext& ctx);

}  // namespace parity::ref
