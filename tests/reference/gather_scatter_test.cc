// Gather, GatherElements, GatherND, Scatter, ScatterElements, ScatterND.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(Gather, AxisOneWithNegativeIndicesAndIndexShape) {
  auto out = SingleNode("Gather", 13).Attr("axis", int64_t{1})
                 .Input(Floats({2, 3}, {1, 2, 3, 4, 5, 6}))
                 .Input(Ints({1, 2}, {-1, 0}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 1, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{3, 1, 6, 4}));
}

TEST(Gather, ScalarIndexDropsAxisAndOutOfRangeFails) {
  auto out = SingleNode("Gather", 13).Input(Floats({2, 2}, {1, 2, 3, 4})).Input(Ints({}, {1})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{3, 4}));
  EXPECT_THROW(SingleNode("Gather", 13).Input(Floats({2}, {1, 2})).Input(Ints({1}, {2})).Run(), Error);
}

TEST(GatherElements, PicksAlongAxis) {
  auto out = SingleNode("GatherElements", 13).Attr("axis", int64_t{1})
                 .Input(Floats({2, 2}, {1, 2, 3, 4}))
                 .Input(Ints({2, 2}, {0, 0, -1, 0}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 1, 4, 3}));
}

TEST(GatherND, BatchDims) {
  // data [2, 2, 2], indices [2, 1] with batch_dims 1: out[b] = data[b, idx[b]].
  auto out = SingleNode("GatherND", 13).Attr("batch_dims", int64_t{1})
                 .Input(Floats({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}))
                 .Input(Ints({2, 1}, {1, 0}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 3, 4, 5}));
}

TEST(GatherND, FullIndexTuplesGiveScalars) {
  auto out = SingleNode("GatherND", 11).Input(Floats({2, 2}, {0, 1, 2, 3})).Input(Ints({2, 2}, {0, 0, 1, 1})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0, 3}));
}

TEST(ScatterElements, ReductionsAndDuplicates) {
  auto data = Floats({1, 3}, {1, 2, 3});
  auto idx = Ints({1, 2}, {1, 1});
  auto upd = Floats({1, 2}, {5, 7});
  auto none = SingleNode("ScatterElements", 18).Attr("axis", int64_t{1}).Input(data).Input(idx).Input(upd).Run();
  EXPECT_EQ(none[0].reals(), (std::vector<double>{1, 7, 3}));  // last update wins
  auto add = SingleNode("ScatterElements", 18).Attr("axis", int64_t{1}).Attr("reduction", std::string("add"))
                 .Input(data).Input(idx).Input(upd).Run();
  EXPECT_EQ(add[0].reals(), (std::vector<double>{1, 14, 3}));
  auto mul = SingleNode("ScatterElements", 18).Attr("axis", int64_t{1}).Attr("reduction", std::string("mul"))
                 .Input(data).Input(idx).Input(upd).Run();
  EXPECT_EQ(mul[0].reals(), (std::vector<double>{1, 70, 3}));
  auto mx = SingleNode("ScatterElements", 18).Attr("axis", int64_t{1}).Attr("reduction", std::string("min"))
                .Input(data).Input(Ints({1, 2}, {-1, 0})).Input(upd).Run();
  EXPECT_EQ(mx[0].reals(), (std::vector<double>{1, 2, 3}));
}

TEST(ScatterElements, MaxNeedsVersion18AndIntegersWrap) {
  EXPECT_THROW(SingleNode("ScatterElements", 16).Attr("reduction", std::string("max"))
                   .Input(Floats({2}, {1, 2})).Input(Ints({1}, {0})).Input(Floats({1}, {5})).Run(),
               Error);
  auto out = SingleNode("ScatterElements", 16).Attr("reduction", std::string("add"))
                 .Input(Ints({2}, {127, 0}, DataType::kInt8)).Input(Ints({1}, {0}))
                 .Input(Ints({1}, {1}, DataType::kInt8)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-128, 0}));
}

TEST(Scatter, DeprecatedFormReplaces) {
  auto out = SingleNode("Scatter", 9).Input(Floats({3}, {0, 0, 0})).Input(Ints({2}, {2, 0}))
                 .Input(Floats({2}, {5, 6})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{6, 0, 5}));
}

TEST(ScatterND, SliceUpdatesAndReduction) {
  auto out = SingleNode("ScatterND", 18).Attr("reduction", std::string("max"))
                 .Input(Floats({2, 2}, {1, 5, 3, 4}))
                 .Input(Ints({1, 1}, {0}))
                 .Input(Floats({1, 2}, {2, 2}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 5, 3, 4}));
  auto elem = SingleNode("ScatterND", 11).Input(Floats({2, 2}, {1, 2, 3, 4})).Input(Ints({1, 2}, {-1, 0}))
                  .Input(Floats({1}, {9})).Run();
  EXPECT_EQ(elem[0].reals(), (std::vector<double>{1, 2, 9, 4}));
}

}  // namespace
}  // namespace parity::ref::testing
