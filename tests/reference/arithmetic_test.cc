// Sub, Mul, Div, Pow, Mod, BitShift: broadcasting, integer wrap and truncation, mixed Pow types, version rules.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(Sub, BroadcastsAndWrapsUint8) {
  auto out = SingleNode("Sub", 14)
                 .Input(Ints({2, 1}, {0, 200}).WithDtype(DataType::kUint8))
                 .Input(Ints({2}, {1, 100}).WithDtype(DataType::kUint8))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].uints(), (std::vector<uint64_t>{255, 156, 199, 100}));
}

TEST(Sub, LegacyBroadcastAtAxisInVersion6) {
  auto out = SingleNode("Sub", 6)
                 .Attr("broadcast", int64_t{1})
                 .Attr("axis", int64_t{0})
                 .Input(Floats({2, 2}, {10, 10, 10, 10}))
                 .Input(Floats({2}, {1, 2}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{9, 9, 8, 8}));
}

TEST(Mul, Int64OverflowWraps) {
  const int64_t big = int64_t{1} << 62;
  auto out = SingleNode("Mul", 14).Input(Ints({1}, {big})).Input(Ints({1}, {4})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0}));
}

TEST(Mul, Int8Wraps) {
  auto out = SingleNode("Mul", 14)
                 .Input(Ints({2}, {100, -100}, DataType::kInt8))
                 .Input(Ints({2}, {3, 3}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{44, -44}));  // 300 - 256, -300 + 256
}

TEST(Div, IntegersTruncateTowardZero) {
  auto out = SingleNode("Div", 14)
                 .Input(Ints({4}, {7, -7, 7, -7}, DataType::kInt32))
                 .Input(Ints({4}, {2, 2, -2, -2}, DataType::kInt32))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{3, -3, -3, 3}));
}

TEST(Div, IntMinByMinusOneWraps) {
  auto out =
      SingleNode("Div", 14).Input(Ints({1}, {-128}, DataType::kInt8)).Input(Ints({1}, {-1}, DataType::kInt8)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-128}));
}

TEST(Div, IntegerDivisionByZeroIsAnError) {
  EXPECT_THROW(SingleNode("Div", 14).Input(Ints({1}, {1})).Input(Ints({1}, {0})).Run(), Error);
}

TEST(Div, FloatDivisionByZeroIsInfinite) {
  auto out = SingleNode("Div", 14).Input(Floats({2}, {1, -1})).Input(Floats({1}, {0})).Run();
  EXPECT_EQ(out[0].reals()[0], std::numeric_limits<double>::infinity());
  EXPECT_EQ(out[0].reals()[1], -std::numeric_limits<double>::infinity());
}

TEST(Pow, FloatBaseIntegerExponent) {
  auto out = SingleNode("Pow", 15).Input(Floats({3}, {2, -3, 0.5})).Input(Ints({3}, {3, 2, -1})).Run();
  EXPECT_EQ(out[0].dtype(), DataType::kFloat);
  EXPECT_EQ(out[0].reals(), (std::vector<double>{8, 9, 2}));
}

TEST(Pow, IntegerBaseIsExactAndWraps) {
  auto out = SingleNode("Pow", 15)
                 .Input(Ints({4}, {3, 2, -1, 5}, DataType::kInt32))
                 .Input(Ints({4}, {4, 31, 3, -1}, DataType::kInt64))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt32);
  // 2^31 wraps to INT32_MIN; 5^-1 truncates to 0.
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{81, -2147483648LL, -1, 0}));
}

TEST(Pow, IntegerBaseFloatExponentTruncates) {
  auto out = SingleNode("Pow", 15).Input(Ints({2}, {2, 9})).Input(Floats({2}, {0.5, 0.5})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{1, 3}));  // sqrt(2) = 1.41 -> 1
}

TEST(Pow, Version7NeedsMatchingFloatTypes) {
  EXPECT_THROW(SingleNode("Pow", 7).Input(Floats({1}, {2})).Input(Ints({1}, {2})).Run(), Error);
}

TEST(Mod, IntegerSignFollowsDivisor) {
  auto out = SingleNode("Mod", 13).Input(Ints({4}, {-7, 7, -7, 7})).Input(Ints({4}, {3, -3, -3, 3})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{2, -2, -1, 1}));
}

TEST(Mod, FmodSignFollowsDividend) {
  auto out = SingleNode("Mod", 13)
                 .Attr("fmod", int64_t{1})
                 .Input(Floats({3}, {-7.5, 7.5, -7}))
                 .Input(Floats({3}, {2, -2, 3}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-1.5, 1.5, -1}));
}

TEST(Mod, FloatsNeedFmod) {
  EXPECT_THROW(SingleNode("Mod", 13).Input(Floats({1}, {1})).Input(Floats({1}, {2})).Run(), Error);
}

TEST(BitShift, ShiftsAndDropsBitsBeyondTheWidth) {
  auto x = Ints({3}, {1, 255, 16}).WithDtype(DataType::kUint8);
  auto y = Ints({3}, {3, 1, 9}).WithDtype(DataType::kUint8);
  auto left = SingleNode("BitShift", 11).Attr("direction", std::string("LEFT")).Input(x).Input(y).Run();
  EXPECT_EQ(left[0].uints(), (std::vector<uint64_t>{8, 254, 0}));
  auto right = SingleNode("BitShift", 11).Attr("direction", std::string("RIGHT")).Input(x).Input(y).Run();
  EXPECT_EQ(right[0].uints(), (std::vector<uint64_t>{0, 127, 0}));
}

TEST(BitShift, RejectsUnknownDirection) {
  auto x = Ints({1}, {1}).WithDtype(DataType::kUint32);
  EXPECT_THROW(SingleNode("BitShift", 11).Attr("direction", std::string("UP")).Input(x).Input(x).Run(), Error);
}

}  // namespace
}  // namespace parity::ref::testing
