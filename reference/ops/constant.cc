// Constant: output = the value given by exactly one attribute.
//   value (tensor): the tensor as stored.
//   value_float (float) / value_int (int) / value_string (string): a 0-D FLOAT / INT64 / STRING tensor.
//   value_floats (floats) / value_ints (ints) / value_strings (strings): a 1-D tensor of those.
//   sparse_value (sparse tensor): not supported by the reference (densify the model first) - an error.
//   Constant-1: value (required).   Constant-9: more types.   Constant-11: sparse_value; value optional.
//   Constant-12: the value_* attributes.   Constant-13: bfloat16.   Constant-19: float8 types.
//   Constant-21: int4/uint4.   Constant-23: float4e2m1.   Constant-24: float8e8m0.   Constant-25: int2/uint2.
#include <onnx/onnx_pb.h>

#include "core/op_context.h"

namespace parity::ref {
namespace {

Tensor ConstantValue(const OpContext& ctx) {
  // FindAttr, not HasAttr: the value_* attributes are not declared before Constant-12.
  if (ctx.FindAttr("value") != nullptr) return ctx.GetTensor("value");
  if (ctx.FindAttr("value_float") != nullptr) {
    return Tensor(DataType::kFloat, {}, Tensor::RealData{ctx.GetFloat("value_float")});
  }
  if (ctx.FindAttr("value_int") != nullptr) {
    return Tensor(DataType::kInt64, {}, Tensor::IntData{ctx.GetInt("value_int")});
  }
  if (ctx.FindAttr("value_string") != nullptr) {
    return Tensor(DataType::kString, {}, Tensor::StringData{ctx.GetString("value_string")});
  }
  if (ctx.FindAttr("value_floats") != nullptr) {
    std::vector<double> v = ctx.GetFloats("value_floats");
    const int64_t n = static_cast<int64_t>(v.size());
    return Tensor(DataType::kFloat, {n}, std::move(v));
  }
  if (ctx.FindAttr("value_ints") != nullptr) {
    std::vector<int64_t> v = ctx.GetInts("value_ints");
    const int64_t n = static_cast<int64_t>(v.size());
    return Tensor(DataType::kInt64, {n}, std::move(v));
  }
  if (ctx.FindAttr("value_strings") != nullptr) {
    std::vector<std::string> v = ctx.GetStrings("value_strings");
    const int64_t n = static_cast<int64_t>(v.size());
    return Tensor(DataType::kString, {n}, std::move(v));
  }
  if (ctx.FindAttr("sparse_value") != nullptr) {
    ctx.Fail("sparse_value is not supported by the reference interpreter; densify the model first");
  }
  ctx.Fail("needs one of the attributes value, value_float(s), value_int(s), value_string(s)");
}

void RunConstant(OpContext& ctx) {
  int given = 0;
  for (const char* name : {"value", "sparse_value", "value_float", "value_floats", "value_int", "value_ints",
                           "value_string", "value_strings"}) {
    given += ctx.FindAttr(name) != nullptr;
  }
  ctx.Check(given <= 1, "exactly one value attribute may be set, got " + std::to_string(given));
  ctx.SetOutput(0, ConstantValue(ctx));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Constant")
                        .Versions({1, 9, 11, 12, 13, 19, 21, 23, 24, 25})
                        .Attr("value", AttrType::kTensor)
                        // A sparse tensor attribute: declared so that loading reports its unsupported attribute type.
                        .Attr("sparse_value", AttrType::kTensor).Only(11)
                        .Attr("value_float", AttrType::kFloat).Only(12)
                        .Attr("value_floats", AttrType::kFloats).Only(12)
                        .Attr("value_int", AttrType::kInt).Only(12)
                        .Attr("value_ints", AttrType::kInts).Only(12)
                        .Attr("value_string", AttrType::kString).Only(12)
                        .Attr("value_strings", AttrType::kStrings).Only(12)
                        .Run(RunConstant));

}  // namespace parity::ref
