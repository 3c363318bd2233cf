// BitShift: Z = X << Y (direction "LEFT") or X >> Y (direction "RIGHT") with multidirectional broadcasting, for
// unsigned integers. Bits shifted past the dtype's width are lost; a shift by >= the width gives 0.
//   direction (string, required): "LEFT" or "RIGHT".
//   BitShift-11: uint8/uint16/uint32/uint64.
#include "core/elementwise.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunBitShift(OpContext& ctx) {
  const Tensor& x = ctx.Input(0);
  const Tensor& y = ctx.Input(1);
  ctx.Check(IsUnsignedInteger(x.dtype()), "X must be an unsigned integer tensor, got " + DataTypeName(x.dtype()));
  const std::string direction = ctx.GetString("direction");
  ctx.Check(direction == "LEFT" || direction == "RIGHT",
            "direction must be \"LEFT\" or \"RIGHT\", got \"" + direction + "\"");
  const bool left = direction == "LEFT";
  const uint64_t width = static_cast<uint64_t>(BitWidth(x.dtype()));
  ctx.SetOutput(0, BroadcastBinary(x, y, x.dtype(), [&](auto v, auto s) {
                  using T = decltype(v);
                  if constexpr (std::is_same_v<T, uint64_t>) {
                    if (s >= width) return uint64_t{0};
                    return left ? v << s : v >> s;  // WrapToDtype drops the bits beyond the width
                  } else {
                    return T{0};  // unreachable: X is unsigned
                  }
                }));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("BitShift").Versions({11}).Attr("direction", AttrType::kString, true).Run(RunBitShift));

}  // namespace parity::ref
