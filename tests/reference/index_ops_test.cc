// DepthToSpace, SpaceToDepth, OneHot, NonZero, Compress, ReverseSequence, EyeLike, Unique.
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

TEST(DepthToSpace, DcrAndCrdOrders) {
  auto dcr = SingleNode("DepthToSpace", 13).Attr("blocksize", int64_t{2}).Input(Iota({1, 8, 1, 1})).Run();
  EXPECT_EQ(dcr[0].shape(), (Shape{1, 2, 2, 2}));
  // DCR: output channel c at (i, j) reads input channel (i*2 + j) * 2 + c.
  EXPECT_EQ(dcr[0].reals(), (std::vector<double>{0, 2, 4, 6, 1, 3, 5, 7}));
  auto crd = SingleNode("DepthToSpace", 13).Attr("blocksize", int64_t{2}).Attr("mode", std::string("CRD"))
                 .Input(Iota({1, 8, 1, 1})).Run();
  // CRD: output channel c at (i, j) reads input channel c * 4 + i * 2 + j.
  EXPECT_EQ(crd[0].reals(), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(SpaceToDepth, InvertsDcr) {
  auto s2d = SingleNode("SpaceToDepth", 13).Attr("blocksize", int64_t{2}).Input(Iota({1, 1, 2, 2})).Run();
  EXPECT_EQ(s2d[0].shape(), (Shape{1, 4, 1, 1}));
  EXPECT_EQ(s2d[0].reals(), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_THROW(SingleNode("SpaceToDepth", 13).Attr("blocksize", int64_t{2}).Input(Iota({1, 1, 3, 2})).Run(), Error);
}

TEST(OneHot, AxisNegativeIndicesAndOutOfRange) {
  auto out = SingleNode("OneHot", 11).Attr("axis", int64_t{0})
                 .Input(Ints({3}, {0, -1, 5}))
                 .Input(Floats({}, {3}))
                 .Input(Floats({2}, {-1, 9}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{3, 3}));
  // Column k is index k: 0 -> row 0, -1 -> row 2, 5 -> nothing.
  EXPECT_EQ(out[0].reals(), (std::vector<double>{9, -1, -1, -1, -1, -1, -1, 9, -1}));
}

TEST(NonZero, RowMajorCoordinates) {
  auto out = SingleNode("NonZero", 13).Input(Floats({2, 2}, {0, 1, 1, 0})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 1, 1, 0}));
}

TEST(Compress, WithAxisFlattenedAndShortCondition) {
  auto axis = SingleNode("Compress", 11).Attr("axis", int64_t{-1}).Input(Iota({2, 3}))
                  .Input(Ints({2}, {0, 1}, DataType::kBool)).Run();
  EXPECT_EQ(axis[0].reals(), (std::vector<double>{1, 4}));
  auto flat = SingleNode("Compress", 11).Input(Iota({2, 2})).Input(Ints({4}, {1, 0, 0, 1}, DataType::kBool)).Run();
  EXPECT_EQ(flat[0].reals(), (std::vector<double>{0, 3}));
}

TEST(ReverseSequence, PerBatchLengths) {
  // time_axis 0, batch_axis 1: x[t][b].
  auto out = SingleNode("ReverseSequence", 10).Input(Iota({3, 2})).Input(Ints({2}, {3, 1})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{4, 1, 2, 3, 0, 5}));
  auto swapped = SingleNode("ReverseSequence", 10).Attr("time_axis", int64_t{1}).Attr("batch_axis", int64_t{0})
                     .Input(Iota({2, 3})).Input(Ints({2}, {2, 0})).Run();
  EXPECT_EQ(swapped[0].reals(), (std::vector<double>{1, 0, 2, 3, 4, 5}));
}

TEST(EyeLike, OffsetDiagonalAndDtype) {
  auto out = SingleNode("EyeLike", 9).Attr("k", int64_t{1}).Attr("dtype", int64_t{7}).Input(Floats({2, 3}, {0, 0, 0, 0, 0, 0}))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt64);
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 1, 0, 0, 0, 1}));
  auto below = SingleNode("EyeLike", 9).Attr("k", int64_t{-1}).Input(Floats({2, 2}, {0, 0, 0, 0})).Run();
  EXPECT_EQ(below[0].reals(), (std::vector<double>{0, 0, 1, 0}));
}

TEST(Unique, SortedFlattened) {
  auto out = SingleNode("Unique", 11).Outputs(4).Input(Floats({5}, {2, 1, 1, 3, 2})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(out[1].ints(), (std::vector<int64_t>{1, 0, 3}));
  EXPECT_EQ(out[2].ints(), (std::vector<int64_t>{1, 0, 0, 2, 1}));
  EXPECT_EQ(out[3].ints(), (std::vector<int64_t>{2, 2, 1}));
}

TEST(Unique, UnsortedKeepsFirstOccurrenceOrder) {
  auto out = SingleNode("Unique", 11).Attr("sorted", int64_t{0}).Outputs(4).Input(Floats({5}, {2, 1, 1, 3, 2})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 1, 3}));
  EXPECT_EQ(out[1].ints(), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(out[2].ints(), (std::vector<int64_t>{0, 1, 1, 2, 0}));
  EXPECT_EQ(out[3].ints(), (std::vector<int64_t>{2, 2, 1}));
}

TEST(Unique, AlongAxisComparesSlices) {
  auto out = SingleNode("Unique", 11).Attr("axis", int64_t{0}).Outputs(4)
                 .Input(Floats({3, 2}, {1, 0, 0, 1, 1, 0})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0, 1, 1, 0}));
  EXPECT_EQ(out[1].ints(), (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(out[2].ints(), (std::vector<int64_t>{1, 0, 1}));
  EXPECT_EQ(out[3].ints(), (std::vector<int64_t>{1, 2}));
}

}  // namespace
}  // namespace parity::ref::testing
