// MatMul, Gemm, MatMulInteger, QLinearMatMul: 1-D promotion, batch broadcasting, integer wrap-around,
// transposes and C broadcasting, optional C by version, zero points and requantization ties.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Uints(const Shape& shape, std::vector<uint64_t> values, DataType dtype = DataType::kUint8) {
  return Tensor(dtype, shape, std::move(values));
}

TEST(MatMul, OneDimOperandsArePromotedAndDropped) {
  auto dot = SingleNode("MatMul", 13).Input(Floats({3}, {1, 2, 3})).Input(Floats({3}, {4, 5, 6})).Run();
  EXPECT_EQ(dot[0].shape(), Shape{});
  EXPECT_EQ(dot[0].reals(), (std::vector<double>{32}));
  auto mv = SingleNode("MatMul", 13).Input(Floats({2, 3}, {1, 0, 0, 0, 1, 1})).Input(Floats({3}, {4, 5, 6})).Run();
  EXPECT_EQ(mv[0].shape(), (Shape{2}));
  EXPECT_EQ(mv[0].reals(), (std::vector<double>{4, 11}));
  auto vm = SingleNode("MatMul", 13).Input(Floats({2}, {1, 2})).Input(Floats({2, 2, 1}, {1, 1, 2, 3})).Run();
  EXPECT_EQ(vm[0].shape(), (Shape{2, 1}));
  EXPECT_EQ(vm[0].reals(), (std::vector<double>{3, 8}));
}

TEST(MatMul, BatchDimsBroadcast) {
  // a is [2, 1, 2] (two 1x2), b is [1, 2, 2] (one 2x2 shared by both).
  auto out = SingleNode("MatMul", 13)
                 .Input(Floats({2, 1, 2}, {1, 0, 0, 1}))
                 .Input(Floats({1, 2, 2}, {1, 2, 3, 4}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 1, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 3, 4}));
  EXPECT_THROW(SingleNode("MatMul", 13).Input(Floats({2, 3}, {})).Input(Floats({2, 3}, {})).Run(), Error);
}

TEST(MatMul, IntegersWrapFromVersion9) {
  auto out = SingleNode("MatMul", 13)
                 .Input(Ints({1, 1}, {100}, DataType::kInt32))
                 .Input(Ints({1, 1}, {2147483647}, DataType::kInt32))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-100}));  // 100 * (2^31 - 1) mod 2^32
  EXPECT_THROW(SingleNode("MatMul", 8).Input(Ints({1}, {1}, DataType::kInt32)).Input(Ints({1}, {1}, DataType::kInt32)).Run(),
               Error);
}

TEST(Gemm, TransposesAlphaBetaAndBroadcastC) {
  // A^T = [[1, 3], [2, 4]], B^T = I: A'B' = [[1, 3], [2, 4]]; C = [10, 20] per column.
  auto out = SingleNode("Gemm", 13)
                 .Attr("transA", int64_t{1})
                 .Attr("transB", int64_t{1})
                 .Attr("alpha", 2.0f)
                 .Attr("beta", 0.5f)
                 .Input(Floats({2, 2}, {1, 2, 3, 4}))
                 .Input(Floats({2, 2}, {1, 0, 0, 1}))
                 .Input(Floats({2}, {10, 20}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{7, 16, 9, 18}));
  auto column = SingleNode("Gemm", 13)
                    .Input(Floats({2, 1}, {1, 2}))
                    .Input(Floats({1, 2}, {1, 1}))
                    .Input(Floats({2, 1}, {100, 200}))
                    .Run();
  EXPECT_EQ(column[0].reals(), (std::vector<double>{101, 101, 202, 202}));
}

TEST(Gemm, CIsOptionalFromVersion11) {
  auto out = SingleNode("Gemm", 11).Input(Floats({1, 2}, {1, 2})).Input(Floats({2, 1}, {3, 4})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{11}));
  EXPECT_THROW(SingleNode("Gemm", 9).Input(Floats({1, 2}, {1, 2})).Input(Floats({2, 1}, {3, 4})).Run(), Error);
  EXPECT_THROW(SingleNode("Gemm", 11)
                   .Input(Floats({1, 2}, {1, 2}))
                   .Input(Floats({2, 1}, {3, 4}))
                   .Input(Floats({3}, {1, 2, 3}))
                   .Run(),
               Error);
}

TEST(MatMulInteger, ScalarAndPerColumnZeroPoints) {
  // (A - 1) = [2, 3]; (B - [1]) = [0, 1] -> 3.
  auto out = SingleNode("MatMulInteger", 10)
                 .Input(Uints({1, 2}, {3, 4}))
                 .Input(Uints({2, 1}, {1, 2}))
                 .Input(Uints({}, {1}))
                 .Input(Uints({1}, {1}))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt32);
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{3}));
}

TEST(QLinearMatMul, RequantizesWithHalfToEven) {
  auto run = [](uint64_t a1) {
    return SingleNode("QLinearMatMul", 10)
        .Input(Uints({1, 2}, {1, a1}))
        .Input(Floats({}, {0.5}))
        .Input(Uints({}, {0}))
        .Input(Uints({2, 1}, {1, 1}))
        .Input(Floats({}, {1}))
        .Input(Uints({}, {0}))
        .Input(Floats({}, {1}))
        .Input(Uints({}, {10}))
        .Run()[0]
        .uints();
  };
  EXPECT_EQ(run(2), (std::vector<uint64_t>{12}));  // 1.5 -> 2
  EXPECT_EQ(run(4), (std::vector<uint64_t>{12}));  // 2.5 -> 2
  EXPECT_EQ(run(255), (std::vector<uint64_t>{138}));  // 128 -> 128
}

}  // namespace
}  // namespace parity::ref::testing
