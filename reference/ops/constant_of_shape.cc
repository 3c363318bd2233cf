// ConstantOfShape: output of the shape given by the 1-D INT64 input, every element equal to `value`.
//   value (tensor, optional): a one-element tensor giving the value and the output's type; default FLOAT 0.
//   An empty shape input gives a scalar; a 0 dimension gives an empty tensor; negative dimensions are errors.
//   ConstantOfShape-9: numeric and bool values.   ConstantOfShape-20: adds bfloat16 and the float8 types.
//   ConstantOfShape-21: adds int4/uint4.   ConstantOfShape-23: adds float4e2m1.
//   ConstantOfShape-24: adds float8e8m0.   ConstantOfShape-25: adds int2/uint2.
#include "core/op_context.h"

namespace parity::ref {
namespace {

void RunConstantOfShape(OpContext& ctx) {
  const Tensor& shape_input = ctx.Input(0);
  ctx.Check(shape_input.dtype() == DataType::kInt64, "input must be INT64, got " + DataTypeName(shape_input.dtype()));
  ctx.Check(shape_input.rank() == 1, "input must be 1-D, got shape " + ShapeToString(shape_input.shape()));
  const Shape shape = shape_input.ToInt64Vector();
  for (int64_t d : shape) ctx.Check(d >= 0, "the requested shape " + ShapeToString(shape) + " has a negative dim");
  Tensor value = Tensor(DataType::kFloat, {1}, Tensor::RealData{0.0});
  if (ctx.HasAttr("value")) value = ctx.GetTensor("value");
  ctx.Check(value.size() == 1, "value must hold exactly one element, got shape " + ShapeToString(value.shape()));
  Tensor out(value.dtype(), shape);
  VisitStorage(out, [&](auto& ov) {
    using T = typename std::decay_t<decltype(ov)>::value_type;
    const T fill = std::get<std::vector<T>>(value.storage())[0];
    for (auto& e : ov) e = fill;
  });
  ctx.SetOutput(0, std::move(out));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("ConstantOfShape")
                        .Versions({9, 20, 21, 23, 24, 25})
                        .Attr("value", AttrType::kTensor)
                        .Run(RunConstantOfShape));

}  // namespace parity::ref
