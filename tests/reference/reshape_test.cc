// Reshape, Flatten, Squeeze, Unsqueeze, Shape, Size.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Iota(const Shape& shape) {
  std::vector<double> v(ElementCount(shape));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i);
  return Floats(shape, v);
}

TEST(Reshape, ZeroCopiesInputDimAndMinusOneIsInferred) {
  auto out = SingleNode("Reshape", 13).Input(Iota({2, 3, 4})).Input(Ints({3}, {0, -1, 2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 6, 2}));
  EXPECT_EQ(out[0].reals()[23], 23);
}

TEST(Reshape, AllowZeroMakesZeroLiteral) {
  auto out = SingleNode("Reshape", 14).Attr("allowzero", int64_t{1}).Input(Floats({0, 3}, {}))
                 .Input(Ints({2}, {3, 0})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{3, 0}));
  // Without allowzero the 0 copies dim 1 (= 3): 0 elements into [3, 3] fails.
  EXPECT_THROW(SingleNode("Reshape", 14).Input(Floats({0, 3}, {})).Input(Ints({2}, {3, 0})).Run(), Error);
}

TEST(Reshape, AllowZeroForbidsZeroWithMinusOne) {
  EXPECT_THROW(SingleNode("Reshape", 14).Attr("allowzero", int64_t{1}).Input(Floats({0, 3}, {}))
                   .Input(Ints({2}, {0, -1})).Run(),
               Error);
}

TEST(Reshape, RejectsTwoMinusOnesAndCountMismatch) {
  EXPECT_THROW(SingleNode("Reshape", 13).Input(Iota({6})).Input(Ints({2}, {-1, -1})).Run(), Error);
  EXPECT_THROW(SingleNode("Reshape", 13).Input(Iota({6})).Input(Ints({2}, {4, -1})).Run(), Error);
}

TEST(Flatten, AxisZeroAndNegativeAxis) {
  auto a0 = SingleNode("Flatten", 13).Attr("axis", int64_t{0}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(a0[0].shape(), (Shape{1, 24}));
  auto neg = SingleNode("Flatten", 13).Attr("axis", int64_t{-1}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(neg[0].shape(), (Shape{6, 4}));
  auto end = SingleNode("Flatten", 13).Attr("axis", int64_t{3}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(end[0].shape(), (Shape{24, 1}));
}

TEST(Flatten, NegativeAxisNeedsVersion11) {
  EXPECT_THROW(SingleNode("Flatten", 9).Attr("axis", int64_t{-1}).Input(Iota({2, 3})).Run(), Error);
}

TEST(Squeeze, AttributeBefore13InputFrom13AndAllOnesByDefault) {
  auto v11 = SingleNode("Squeeze", 11).Attr("axes", std::vector<int64_t>{-1}).Input(Iota({1, 3, 1})).Run();
  EXPECT_EQ(v11[0].shape(), (Shape{1, 3}));
  auto v13 = SingleNode("Squeeze", 13).Input(Iota({1, 3, 1})).Input(Ints({1}, {0})).Run();
  EXPECT_EQ(v13[0].shape(), (Shape{3, 1}));
  auto all = SingleNode("Squeeze", 13).Input(Iota({1, 3, 1})).Run();
  EXPECT_EQ(all[0].shape(), (Shape{3}));
}

TEST(Squeeze, RejectsNonUnitAxis) {
  EXPECT_THROW(SingleNode("Squeeze", 13).Input(Iota({1, 3})).Input(Ints({1}, {1})).Run(), Error);
}

TEST(Unsqueeze, UnsortedAndNegativeAxesCountInOutputRank) {
  auto out = SingleNode("Unsqueeze", 13).Input(Iota({3, 4})).Input(Ints({2}, {-1, 0})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 3, 4, 1}));
  auto v11 = SingleNode("Unsqueeze", 11).Attr("axes", std::vector<int64_t>{1}).Input(Iota({3})).Run();
  EXPECT_EQ(v11[0].shape(), (Shape{3, 1}));
  EXPECT_THROW(SingleNode("Unsqueeze", 13).Input(Iota({3})).Input(Ints({2}, {0, 0})).Run(), Error);
}

TEST(Shape, StartEndClampAndNegative) {
  auto all = SingleNode("Shape", 13).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(all[0].ints(), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(all[0].dtype(), DataType::kInt64);
  auto part = SingleNode("Shape", 15).Attr("start", int64_t{-2}).Attr("end", int64_t{10}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(part[0].ints(), (std::vector<int64_t>{3, 4}));
  auto empty = SingleNode("Shape", 15).Attr("start", int64_t{2}).Attr("end", int64_t{1}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(empty[0].shape(), (Shape{0}));
}

TEST(Size, CountsElementsAsInt64Scalar) {
  auto out = SingleNode("Size", 13).Input(Iota({2, 0, 3})).Run();
  EXPECT_EQ(out[0].shape(), Shape{});
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0}));
}

}  // namespace
}  // namespace parity::ref::testing
