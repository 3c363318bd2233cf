// ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceSumSquare, ReduceL1, ReduceL2, ReduceLogSum,
// ReduceLogSumExp: axes as attribute / input, keepdims, noop_with_empty_axes, empty sets, integers, bool.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

const Tensor kX = Floats({2, 2}, {1, -2, 3, 4});

TEST(ReduceSum, AxesAttributeBefore13InputFrom13) {
  auto v11 = SingleNode("ReduceSum", 11).Attr("axes", std::vector<int64_t>{-1}).Input(kX).Run();
  EXPECT_EQ(v11[0].shape(), (Shape{2, 1}));
  EXPECT_EQ(v11[0].reals(), (std::vector<double>{-1, 7}));
  auto v13 = SingleNode("ReduceSum", 13).Attr("keepdims", int64_t{0}).Input(kX).Input(Ints({1}, {0})).Run();
  EXPECT_EQ(v13[0].shape(), (Shape{2}));
  EXPECT_EQ(v13[0].reals(), (std::vector<double>{4, 2}));
}

TEST(ReduceSum, NoAxesReducesAllUnlessNoop) {
  auto all = SingleNode("ReduceSum", 13).Input(kX).Run();
  EXPECT_EQ(all[0].shape(), (Shape{1, 1}));
  EXPECT_EQ(all[0].reals(), (std::vector<double>{6}));
  auto noop = SingleNode("ReduceSum", 13).Attr("noop_with_empty_axes", int64_t{1}).Input(kX)
                  .Input(Ints({0}, {})).Run();
  EXPECT_EQ(noop[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(noop[0].reals(), kX.reals());
}

TEST(ReduceSum, EmptySetAndIntegerWrap) {
  auto empty = SingleNode("ReduceSum", 13).Input(Floats({2, 0}, {})).Input(Ints({1}, {1})).Run();
  EXPECT_EQ(empty[0].reals(), (std::vector<double>{0, 0}));
  auto wrap = SingleNode("ReduceSum", 13).Input(Ints({2}, {2000000000, 2000000000}, DataType::kInt32)).Run();
  EXPECT_EQ(wrap[0].ints(), (std::vector<int64_t>{4000000000LL - 4294967296LL}));
}

TEST(ReduceMean, MeanAndTruncatingIntegers) {
  auto f = SingleNode("ReduceMean", 18).Input(kX).Input(Ints({1}, {1})).Run();
  EXPECT_EQ(f[0].reals(), (std::vector<double>{-0.5, 3.5}));
  auto i = SingleNode("ReduceMean", 18).Input(Ints({2}, {-3, 0}, DataType::kInt32)).Run();
  EXPECT_EQ(i[0].ints(), (std::vector<int64_t>{-1}));
  auto e = SingleNode("ReduceMean", 18).Input(Floats({0}, {})).Run();
  EXPECT_TRUE(std::isnan(e[0].reals()[0]));
}

TEST(ReduceMax, EmptySetIsMinusInfinityOrLowestAndBoolFrom20) {
  auto f = SingleNode("ReduceMax", 18).Input(Floats({0, 2}, {})).Input(Ints({1}, {0})).Run();
  EXPECT_EQ(f[0].reals(), (std::vector<double>{-INFINITY, -INFINITY}));
  auto i = SingleNode("ReduceMax", 18).Input(Ints({0}, {}, DataType::kInt8)).Run();
  EXPECT_EQ(i[0].ints(), (std::vector<int64_t>{-128}));
  auto b = SingleNode("ReduceMax", 20).Input(Ints({2, 2}, {0, 1, 0, 0}, DataType::kBool)).Input(Ints({1}, {1})).Run();
  EXPECT_EQ(b[0].ints(), (std::vector<int64_t>{1, 0}));
  EXPECT_THROW(SingleNode("ReduceMax", 18).Input(Ints({1}, {1}, DataType::kBool)).Run(), Error);
}

TEST(ReduceMin, ValuesAndBoolAnd) {
  auto f = SingleNode("ReduceMin", 13).Attr("axes", std::vector<int64_t>{0}).Input(kX).Run();
  EXPECT_EQ(f[0].reals(), (std::vector<double>{1, -2}));
  auto b = SingleNode("ReduceMin", 20).Input(Ints({2}, {1, 0}, DataType::kBool)).Run();
  EXPECT_EQ(b[0].ints(), (std::vector<int64_t>{0}));
}

TEST(ReduceProd, ProductAndEmptyIsOne) {
  auto p = SingleNode("ReduceProd", 18).Input(kX).Run();
  EXPECT_EQ(p[0].reals(), (std::vector<double>{-24}));
  auto e = SingleNode("ReduceProd", 18).Input(Floats({0}, {})).Run();
  EXPECT_EQ(e[0].reals(), (std::vector<double>{1}));
}

TEST(ReduceNorms, SumSquareL1L2) {
  EXPECT_EQ(SingleNode("ReduceSumSquare", 18).Input(kX).Run()[0].reals(), (std::vector<double>{30}));
  EXPECT_EQ(SingleNode("ReduceL1", 18).Input(kX).Run()[0].reals(), (std::vector<double>{10}));
  EXPECT_DOUBLE_EQ(SingleNode("ReduceL2", 18).Input(kX).Run()[0].reals()[0], std::sqrt(30.0));
  // noop_with_empty_axes reduces nothing: each element is its own set, so SumSquare gives x * x.
  auto noop = SingleNode("ReduceSumSquare", 18).Attr("noop_with_empty_axes", int64_t{1}).Input(kX).Run();
  EXPECT_EQ(noop[0].reals(), (std::vector<double>{1, 4, 9, 16}));
}

TEST(ReduceLogs, LogSumAndStableLogSumExp) {
  EXPECT_DOUBLE_EQ(SingleNode("ReduceLogSum", 18).Input(Floats({2}, {1, 2})).Run()[0].reals()[0], std::log(3.0));
  // exp(1000) overflows, but log(exp(1000) + exp(1000)) = 1000 + log 2.
  auto big = SingleNode("ReduceLogSumExp", 18).Input(Floats({2}, {1000, 1000})).Run();
  EXPECT_DOUBLE_EQ(big[0].reals()[0], 1000 + std::log(2.0));
  auto empty = SingleNode("ReduceLogSumExp", 18).Input(Floats({0}, {})).Run();
  EXPECT_EQ(empty[0].reals()[0], -INFINITY);
}

}  // namespace
}  // namespace parity::ref::testing
