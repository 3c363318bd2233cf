// CastLike(input, target_type): Cast to the element type of the second input, whose values are never read. The
// runtime only sees storage types; the import records the declared ONNX dtype of `target_type` when the model
// declares it (graph input, initializer, value_info, Constant or Cast output). Without a declaration the storage
// type's canonical dtype (float, int64, bool) is the target, which is what the runtime computes in anyway: float16
// values compute in float32 everywhere else in the graph too.
#include "ir/import.h"
#include "kernels/common/op_util.h"
#include "kernels/ops/cast.h"

namespace parity::rt {
namespace {

int CanonicalDtype(DType t) {
  return t == DType::kF32 ? onnx_type::kFloat : t == DType::kI64 ? onnx_type::kInt64 : onnx_type::kBool;
}

std::unique_ptr<Kernel> MakeCastLike(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  const int declared = DeclaredInputDtype(b.node(), 1);
  DType st;
  // A declaration that disagrees with the storage type (stale after a rewrite) is not trusted.
  const bool usable = declared != 0 && StorageOf(declared, &st) && st == b.in(1).dtype;
  const int to = usable ? declared : CanonicalDtype(b.in(1).dtype);
  return MakeCastTo(b, to);
}

PARITY_REGISTER_OP({"", "CastLike", 15, kMaxOpset, &MakeCastLike});

}  // namespace
}  // namespace parity::rt
