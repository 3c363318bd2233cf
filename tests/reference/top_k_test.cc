// TopK, ArgMax, ArgMin.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(TopK, TiesKeepLowerIndexFirstInBothDirections) {
  auto big = SingleNode("TopK", 11).Outputs(2).Input(Floats({5}, {1, 3, 3, 0, 1})).Input(Ints({1}, {3})).Run();
  EXPECT_EQ(big[0].reals(), (std::vector<double>{3, 3, 1}));
  EXPECT_EQ(big[1].ints(), (std::vector<int64_t>{1, 2, 0}));
  auto small = SingleNode("TopK", 11).Attr("largest", int64_t{0}).Outputs(2).Input(Floats({5}, {1, 3, 3, 0, 1}))
                   .Input(Ints({1}, {3})).Run();
  EXPECT_EQ(small[0].reals(), (std::vector<double>{0, 1, 1}));
  EXPECT_EQ(small[1].ints(), (std::vector<int64_t>{3, 0, 4}));
}

TEST(TopK, Version1AttributeAndAxis) {
  auto out = SingleNode("TopK", 1).Attr("k", int64_t{1}).Attr("axis", int64_t{0}).Outputs(2)
                 .Input(Floats({2, 2}, {1, 4, 3, 2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{3, 4}));
  EXPECT_EQ(out[1].ints(), (std::vector<int64_t>{1, 0}));
}

TEST(TopK, IntegersAndBadK) {
  auto out = SingleNode("TopK", 11).Outputs(2).Input(Ints({3}, {5, -7, 9}, DataType::kInt32)).Input(Ints({1}, {2})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{9, 5}));
  EXPECT_EQ(out[0].dtype(), DataType::kInt32);
  EXPECT_THROW(SingleNode("TopK", 11).Outputs(2).Input(Floats({2}, {1, 2})).Input(Ints({1}, {3})).Run(), Error);
}

TEST(ArgMax, FirstOrLastOccurrenceAndKeepdims) {
  auto first = SingleNode("ArgMax", 13).Attr("axis", int64_t{1}).Input(Floats({2, 3}, {1, 5, 5, 7, 2, 7})).Run();
  EXPECT_EQ(first[0].shape(), (Shape{2, 1}));
  EXPECT_EQ(first[0].ints(), (std::vector<int64_t>{1, 0}));
  auto last = SingleNode("ArgMax", 13).Attr("axis", int64_t{-1}).Attr("keepdims", int64_t{0})
                  .Attr("select_last_index", int64_t{1}).Input(Floats({2, 3}, {1, 5, 5, 7, 2, 7})).Run();
  EXPECT_EQ(last[0].shape(), (Shape{2}));
  EXPECT_EQ(last[0].ints(), (std::vector<int64_t>{2, 2}));
}

TEST(ArgMin, DefaultAxisZero) {
  auto out = SingleNode("ArgMin", 11).Input(Floats({2, 2}, {3, 1, 2, 4})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{1, 0}));
}

}  // namespace
}  // namespace parity::ref::testing
