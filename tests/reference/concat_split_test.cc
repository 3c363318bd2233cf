// Concat, Split.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(Concat, NegativeAxisAndEmptyInput) {
  auto out = SingleNode("Concat", 13)
                 .Attr("axis", int64_t{-1})
                 .Input(Floats({2, 1}, {1, 2}))
                 .Input(Floats({2, 0}, {}))
                 .Input(Floats({2, 2}, {3, 4, 5, 6}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 3, 4, 2, 5, 6}));
}

TEST(Concat, StringsAndMismatchedShapes) {
  auto out = SingleNode("Concat", 13).Attr("axis", int64_t{0})
                 .Input(Tensor(DataType::kString, {1}, Tensor::StringData{"a"}))
                 .Input(Tensor(DataType::kString, {2}, Tensor::StringData{"b", "c"}))
                 .Run();
  EXPECT_EQ(out[0].strings(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_THROW(SingleNode("Concat", 13).Attr("axis", int64_t{0}).Input(Floats({1, 2}, {1, 2}))
                   .Input(Floats({1, 3}, {1, 2, 3})).Run(),
               Error);
}

TEST(Split, AttributeBefore13InputFrom13) {
  auto v11 = SingleNode("Split", 11).Attr("split", std::vector<int64_t>{1, 2}).Outputs(2)
                 .Input(Floats({3}, {1, 2, 3})).Run();
  EXPECT_EQ(v11[0].reals(), (std::vector<double>{1}));
  EXPECT_EQ(v11[1].reals(), (std::vector<double>{2, 3}));
  auto v13 = SingleNode("Split", 13).Attr("axis", int64_t{-1}).Outputs(2)
                 .Input(Floats({2, 3}, {1, 2, 3, 4, 5, 6})).Input(Ints({2}, {2, 1})).Run();
  EXPECT_EQ(v13[0].reals(), (std::vector<double>{1, 2, 4, 5}));
  EXPECT_EQ(v13[1].reals(), (std::vector<double>{3, 6}));
}

TEST(Split, EqualPartsMustDivideBefore18) {
  EXPECT_THROW(SingleNode("Split", 13).Outputs(2).Input(Floats({3}, {1, 2, 3})).Run(), Error);
}

TEST(Split, NumOutputsGivesCeilSizedPartsWithSmallerLast) {
  auto out = SingleNode("Split", 18).Attr("num_outputs", int64_t{3}).Outputs(3)
                 .Input(Floats({7}, {1, 2, 3, 4, 5, 6, 7})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(out[1].reals(), (std::vector<double>{4, 5, 6}));
  EXPECT_EQ(out[2].reals(), (std::vector<double>{7}));
}

TEST(Split, ZeroSizePartsAndBadSum) {
  auto out = SingleNode("Split", 13).Outputs(2).Input(Floats({2}, {1, 2})).Input(Ints({2}, {0, 2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{0}));
  EXPECT_EQ(out[1].reals(), (std::vector<double>{1, 2}));
  EXPECT_THROW(SingleNode("Split", 13).Outputs(2).Input(Floats({2}, {1, 2})).Input(Ints({2}, {1, 2})).Run(), Error);
}

}  // namespace
}  // namespace parity::ref::testing
