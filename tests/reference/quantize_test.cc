// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear: half-to-even ties, saturation, per-axis and blocked
// parameters, 4-bit and float8 targets, output_dtype rules, version gates.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Uints(const Shape& shape, std::vector<uint64_t> values, DataType dtype = DataType::kUint8) {
  return Tensor(dtype, shape, std::move(values));
}

TEST(QuantizeLinear, RoundsHalfToEvenAndSaturates) {
  auto out = SingleNode("QuantizeLinear", 13)
                 .Input(Floats({5}, {2.5, 3.5, -2.5, 300, -300}))
                 .Input(Floats({}, {1}))
                 .Input(Ints({}, {0}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt8);
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{2, 4, -2, 127, -128}));
  auto unsigned_default = SingleNode("QuantizeLinear", 13).Input(Floats({2}, {-1, 1.5})).Input(Floats({}, {1})).Run();
  EXPECT_EQ(unsigned_default[0].dtype(), DataType::kUint8);
  EXPECT_EQ(unsigned_default[0].uints(), (std::vector<uint64_t>{0, 2}));
}

TEST(QuantizeLinear, RoundsBeforeAddingTheZeroPoint) {
  // 2.5 -> 2, then + 1 = 3 (rounding 3.5 would give 4).
  auto out = SingleNode("QuantizeLinear", 13)
                 .Input(Floats({1}, {2.5}))
                 .Input(Floats({}, {1}))
                 .Input(Uints({}, {1}))
                 .Run();
  EXPECT_EQ(out[0].uints(), (std::vector<uint64_t>{3}));
}

TEST(QuantizeLinear, PerAxisAndBlocked) {
  auto axis = SingleNode("QuantizeLinear", 13)
                  .Attr("axis", int64_t{0})
                  .Input(Floats({2, 2}, {1, 2, 3, 4}))
                  .Input(Floats({2}, {1, 2}))
                  .Input(Ints({2}, {0, 10}, DataType::kInt8))
                  .Run();
  EXPECT_EQ(axis[0].ints(), (std::vector<int64_t>{1, 2, 12, 12}));
  auto blocked = SingleNode("QuantizeLinear", 21)
                     .Attr("axis", int64_t{1})
                     .Attr("block_size", int64_t{2})
                     .Input(Floats({1, 4}, {1, 2, 3, 4}))
                     .Input(Floats({1, 2}, {1, 2}))
                     .Input(Ints({1, 2}, {0, 0}, DataType::kInt8))
                     .Run();
  EXPECT_EQ(blocked[0].ints(), (std::vector<int64_t>{1, 2, 2, 2}));
  EXPECT_THROW(SingleNode("QuantizeLinear", 21)
                   .Attr("block_size", int64_t{3})
                   .Input(Floats({1, 4}, {1, 2, 3, 4}))
                   .Input(Floats({1, 1}, {1}))
                   .Input(Ints({1, 1}, {0}, DataType::kInt8))
                   .Run(),
               Error);
}

TEST(QuantizeLinear, Int4AndOutputDtype) {
  auto out = SingleNode("QuantizeLinear", 21)
                 .Input(Floats({3}, {10, -10, 6.5}))
                 .Input(Floats({}, {1}))
                 .Input(Ints({}, {0}, DataType::kInt4))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{7, -8, 6}));
  auto by_attr = SingleNode("QuantizeLinear", 21)
                     .Attr("output_dtype", int64_t{3})  // INT8
                     .Input(Floats({1}, {-3}))
                     .Input(Floats({}, {1}))
                     .Run();
  EXPECT_EQ(by_attr[0].dtype(), DataType::kInt8);
  EXPECT_THROW(SingleNode("QuantizeLinear", 21)
                   .Attr("output_dtype", int64_t{3})
                   .Input(Floats({1}, {-3}))
                   .Input(Floats({}, {1}))
                   .Input(Uints({}, {0}))
                   .Run(),
               Error);
}

TEST(QuantizeLinear, Float8SaturatesOnlyWhenAsked) {
  auto run = [](int64_t saturate) {
    return SingleNode("QuantizeLinear", 21)
        .Attr("output_dtype", int64_t{17})  // FLOAT8E4M3FN
        .Attr("saturate", saturate)
        .Input(Floats({2}, {1000, 1.0625}))
        .Input(Floats({}, {1}))
        .Run()[0];
  };
  auto sat = run(1);
  EXPECT_EQ(sat.dtype(), DataType::kFloat8E4M3FN);
  EXPECT_EQ(sat.reals()[0], 448);
  EXPECT_EQ(sat.reals()[1], 1);  // 1.0625 is the tie between 1 and 1.125: even mantissa wins
  EXPECT_TRUE(std::isnan(run(0).reals()[0]));
}

TEST(QuantizeLinear, Version10HasNoAxis) {
  EXPECT_THROW(SingleNode("QuantizeLinear", 10)
                   .Attr("axis", int64_t{0})
                   .Input(Floats({1}, {1}))
                   .Input(Floats({}, {1}))
                   .Run(),
               Error);
}

TEST(DequantizeLinear, ZeroPointScaleAndAxis) {
  auto out = SingleNode("DequantizeLinear", 13)
                 .Input(Ints({2}, {-128, 127}, DataType::kInt8))
                 .Input(Floats({}, {0.5}))
                 .Input(Ints({}, {1}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kFloat);
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-64.5, 63}));
  auto axis = SingleNode("DequantizeLinear", 13)
                  .Attr("axis", int64_t{-1})
                  .Input(Uints({2, 2}, {1, 2, 3, 4}))
                  .Input(Floats({2}, {1, 10}))
                  .Run();
  EXPECT_EQ(axis[0].reals(), (std::vector<double>{1, 20, 3, 40}));
  auto int32 = SingleNode("DequantizeLinear", 13).Input(Ints({1}, {-7}, DataType::kInt32)).Input(Floats({}, {2})).Run();
  EXPECT_EQ(int32[0].reals(), (std::vector<double>{-14}));
}

TEST(DequantizeLinear, OutputDtypeFromVersion23) {
  auto out = SingleNode("DequantizeLinear", 23)
                 .Attr("output_dtype", int64_t{10})  // FLOAT16
                 .Input(Uints({1}, {3}))
                 .Input(Floats({}, {0.5}))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kFloat16);
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1.5}));
}

TEST(DynamicQuantizeLinear, ScaleZeroPointAndTies) {
  // Range [-63.75, 63.75]: scale 0.5, zero point round(127.5) = 128; 0.25 / 0.5 = 0.5 -> 0, 0.75 -> 1.5 -> 2.
  auto out = SingleNode("DynamicQuantizeLinear", 11)
                 .Outputs(3)
                 .Input(Floats({4}, {-63.75, 63.75, 0.25, 0.75}))
                 .Run();
  EXPECT_EQ(out[0].uints(), (std::vector<uint64_t>{0, 255, 128, 130}));
  EXPECT_EQ(out[1].reals(), (std::vector<double>{0.5}));
  EXPECT_EQ(out[1].dtype(), DataType::kFloat);
  EXPECT_EQ(out[2].uints(), (std::vector<uint64_t>{128}));
  auto zeros = SingleNode("DynamicQuantizeLinear", 11).Outputs(3).Input(Floats({2}, {0, 0})).Run();
  EXPECT_EQ(zeros[0].uints(), (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(zeros[1].reals(), (std::vector<double>{0}));
}

}  // namespace
}  // namespace parity::ref::testing
