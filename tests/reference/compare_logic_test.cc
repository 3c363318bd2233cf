// Equal/Greater/Less(OrEqual), And/Or/Xor/Not, Where, Max/Min/Mean/Sum: broadcasting, NaN, strings, versions.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Bools(const Shape& shape, std::vector<int64_t> values) {
  return Ints(shape, std::move(values), DataType::kBool);
}

TEST(Compare, BroadcastAndNaN) {
  auto a = Floats({2, 1}, {1, NAN});
  auto b = Floats({3}, {0, 1, 2});
  auto gt = SingleNode("Greater", 13).Input(a).Input(b).Run();
  EXPECT_EQ(gt[0].dtype(), DataType::kBool);
  EXPECT_EQ(gt[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(gt[0].ints(), (std::vector<int64_t>{1, 0, 0, 0, 0, 0}));
  auto le = SingleNode("LessOrEqual", 16).Input(a).Input(b).Run();
  EXPECT_EQ(le[0].ints(), (std::vector<int64_t>{0, 1, 1, 0, 0, 0}));
  auto ge = SingleNode("GreaterOrEqual", 16).Input(a).Input(b).Run();
  EXPECT_EQ(ge[0].ints(), (std::vector<int64_t>{1, 1, 0, 0, 0, 0}));
  auto lt = SingleNode("Less", 13).Input(a).Input(b).Run();
  EXPECT_EQ(lt[0].ints(), (std::vector<int64_t>{0, 0, 1, 0, 0, 0}));
}

TEST(Equal, IntegersNaNAndStrings) {
  auto eq = SingleNode("Equal", 13).Input(Ints({3}, {1, 2, 3})).Input(Ints({1}, {2})).Run();
  EXPECT_EQ(eq[0].ints(), (std::vector<int64_t>{0, 1, 0}));
  auto nan = SingleNode("Equal", 13).Input(Floats({1}, {NAN})).Input(Floats({1}, {NAN})).Run();
  EXPECT_EQ(nan[0].ints(), (std::vector<int64_t>{0}));
  Tensor s1(DataType::kString, {2}, Tensor::StringData{"a", "b"});
  Tensor s2(DataType::kString, {1}, Tensor::StringData{"b"});
  auto str = SingleNode("Equal", 19).Input(s1).Input(s2).Run();
  EXPECT_EQ(str[0].ints(), (std::vector<int64_t>{0, 1}));
  EXPECT_THROW(SingleNode("Equal", 13).Input(s1).Input(s2).Run(), Error);
}

TEST(Compare, MixedTypesAreAnError) {
  EXPECT_THROW(SingleNode("Less", 13).Input(Floats({1}, {1})).Input(Ints({1}, {1})).Run(), Error);
}

TEST(Logical, TruthTablesWithBroadcast) {
  auto a = Bools({4}, {0, 0, 1, 1});
  auto b = Bools({4}, {0, 1, 0, 1});
  EXPECT_EQ(SingleNode("And", 7).Input(a).Input(b).Run()[0].ints(), (std::vector<int64_t>{0, 0, 0, 1}));
  EXPECT_EQ(SingleNode("Or", 7).Input(a).Input(b).Run()[0].ints(), (std::vector<int64_t>{0, 1, 1, 1}));
  EXPECT_EQ(SingleNode("Xor", 7).Input(a).Input(b).Run()[0].ints(), (std::vector<int64_t>{0, 1, 1, 0}));
  EXPECT_EQ(SingleNode("Not", 1).Input(a).Run()[0].ints(), (std::vector<int64_t>{1, 1, 0, 0}));
  auto bc = SingleNode("And", 7).Input(Bools({2, 1}, {1, 0})).Input(Bools({2}, {1, 1})).Run();
  EXPECT_EQ(bc[0].ints(), (std::vector<int64_t>{1, 1, 0, 0}));
  EXPECT_THROW(SingleNode("Or", 7).Input(Ints({1}, {1})).Input(Ints({1}, {1})).Run(), Error);
}

TEST(Where, ThreeWayBroadcastAndStrings) {
  auto out =
      SingleNode("Where", 16).Input(Bools({2, 1}, {1, 0})).Input(Floats({2}, {1, 2})).Input(Floats({1}, {9})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 9, 9}));
  Tensor x(DataType::kString, {2}, Tensor::StringData{"x0", "x1"});
  Tensor y(DataType::kString, {2}, Tensor::StringData{"y0", "y1"});
  auto s = SingleNode("Where", 16).Input(Bools({2}, {0, 1})).Input(x).Input(y).Run();
  EXPECT_EQ(s[0].strings(), (std::vector<std::string>{"y0", "x1"}));
}

TEST(Variadic, MaxMinPropagateNaNAndBroadcast) {
  auto max =
      SingleNode("Max", 13).Input(Floats({3}, {1, 5, NAN})).Input(Floats({1}, {3})).Input(Floats({3}, {0, 0, 0})).Run();
  EXPECT_EQ(max[0].reals()[0], 3);
  EXPECT_EQ(max[0].reals()[1], 5);
  EXPECT_TRUE(std::isnan(max[0].reals()[2]));
  auto min =
      SingleNode("Min", 13).Input(Ints({2}, {-1, 7}, DataType::kInt8)).Input(Ints({1}, {2}, DataType::kInt8)).Run();
  EXPECT_EQ(min[0].ints(), (std::vector<int64_t>{-1, 2}));
}

TEST(Variadic, SumMeanAndSingleInput) {
  auto sum = SingleNode("Sum", 13).Input(Floats({2}, {1, 2})).Input(Floats({2, 1}, {10, 20})).Run();
  EXPECT_EQ(sum[0].reals(), (std::vector<double>{11, 12, 21, 22}));
  auto mean =
      SingleNode("Mean", 13).Input(Floats({2}, {1, 2})).Input(Floats({2}, {2, 2})).Input(Floats({1}, {0})).Run();
  EXPECT_EQ(mean[0].reals(), (std::vector<double>{1, 4.0 / 3}));
  auto one = SingleNode("Max", 13).Input(Floats({2}, {4, -4})).Run();
  EXPECT_EQ(one[0].reals(), (std::vector<double>{4, -4}));
}

}  // namespace
}  // namespace parity::ref::testing
