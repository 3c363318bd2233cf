// Slice (attribute and input forms), Transpose, Expand, Tile.
#include <gtest/gtest.h>

#include <limits>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Iota(const Shape& shape) {
  std::vector<double> v(ElementCount(shape));
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i);
  return Floats(shape, v);
}

TEST(Slice, Version1AttributesClampEnds) {
  auto out = SingleNode("Slice", 1)
                 .Attr("starts", std::vector<int64_t>{1})
                 .Attr("ends", std::vector<int64_t>{1000})
                 .Attr("axes", std::vector<int64_t>{1})
                 .Input(Iota({2, 4}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 3, 5, 6, 7}));
}

TEST(Slice, NegativeStepsWalkBackwardsWithClamping) {
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  // x[::-2] over 5 elements: start clamps to 4, end INT_MIN means "before the first".
  auto out = SingleNode("Slice", 13).Input(Iota({5})).Input(Ints({1}, {100})).Input(Ints({1}, {kMin}))
                 .Input(Ints({1}, {0})).Input(Ints({1}, {-2})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{4, 2, 0}));
  // x[-1:0:-1] = 4, 3, 2, 1 (end 0 excluded).
  auto out2 = SingleNode("Slice", 13).Input(Iota({5})).Input(Ints({1}, {-1})).Input(Ints({1}, {0}))
                  .Input(Ints({1}, {0})).Input(Ints({1}, {-1})).Run();
  EXPECT_EQ(out2[0].reals(), (std::vector<double>{4, 3, 2, 1}));
}

TEST(Slice, DefaultAxesAndEmptyResult) {
  auto out = SingleNode("Slice", 13).Input(Iota({3, 2})).Input(Ints({2}, {2, 1})).Input(Ints({2}, {1, 2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{0, 1}));
}

TEST(Slice, NegativeAxisAndZeroStep) {
  auto out = SingleNode("Slice", 13).Input(Iota({2, 3})).Input(Ints({1}, {-2})).Input(Ints({1}, {3}))
                 .Input(Ints({1}, {-1})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 4, 5}));
  EXPECT_THROW(SingleNode("Slice", 13).Input(Iota({3})).Input(Ints({1}, {0})).Input(Ints({1}, {3}))
                   .Input(Ints({1}, {0})).Input(Ints({1}, {0})).Run(),
               Error);
}

TEST(Transpose, DefaultReversesAndPermIsChecked) {
  auto out = SingleNode("Transpose", 13).Input(Iota({2, 3})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{3, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0, 3, 1, 4, 2, 5}));
  auto p = SingleNode("Transpose", 13).Attr("perm", std::vector<int64_t>{1, 2, 0}).Input(Iota({2, 3, 4})).Run();
  EXPECT_EQ(p[0].shape(), (Shape{3, 4, 2}));
  EXPECT_EQ(p[0].reals()[1], 12);  // out[0][0][1] = in[1][0][0]
  EXPECT_THROW(SingleNode("Transpose", 13).Attr("perm", std::vector<int64_t>{0, 0}).Input(Iota({2, 2})).Run(), Error);
}

TEST(Expand, BidirectionalAndLowerRankShape) {
  auto out = SingleNode("Expand", 13).Input(Floats({3, 1}, {1, 2, 3})).Input(Ints({3}, {2, 1, 2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 3, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
  auto keep = SingleNode("Expand", 13).Input(Floats({2, 2}, {1, 2, 3, 4})).Input(Ints({1}, {1})).Run();
  EXPECT_EQ(keep[0].shape(), (Shape{2, 2}));
}

TEST(Tile, RepeatsEachDimensionIncludingZero) {
  auto out = SingleNode("Tile", 13).Input(Floats({1, 2}, {1, 2})).Input(Ints({2}, {2, 2})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 1, 2, 1, 2, 1, 2}));
  auto none = SingleNode("Tile", 13).Input(Floats({1, 2}, {1, 2})).Input(Ints({2}, {0, 1})).Run();
  EXPECT_EQ(none[0].shape(), (Shape{0, 2}));
  EXPECT_THROW(SingleNode("Tile", 13).Input(Floats({2}, {1, 2})).Input(Ints({2}, {1, 1})).Run(), Error);
}

}  // namespace
}  // namespace parity::ref::testing
