// AveragePool, MaxPool, LpPool, the global pools, MaxRoiPool and LRN: ceil_mode (with the dropped last window),
// count_include_pad, dilations, Indices with both storage orders.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(MaxPool, FloorAndCeilModeWithIndices) {
  auto floor_mode = SingleNode("MaxPool", 12)
                        .Attr("kernel_shape", std::vector<int64_t>{2})
                        .Attr("strides", std::vector<int64_t>{2})
                        .Input(Floats({1, 1, 5}, {1, 3, 2, 5, 4}))
                        .Run();
  EXPECT_EQ(floor_mode[0].reals(), (std::vector<double>{3, 5}));
  auto ceil_mode = SingleNode("MaxPool", 12)
                       .Attr("kernel_shape", std::vector<int64_t>{2})
                       .Attr("strides", std::vector<int64_t>{2})
                       .Attr("ceil_mode", int64_t{1})
                       .Outputs(2)
                       .Input(Floats({1, 1, 5}, {1, 3, 2, 5, 4}))
                       .Run();
  EXPECT_EQ(ceil_mode[0].reals(), (std::vector<double>{3, 5, 4}));
  EXPECT_EQ(ceil_mode[1].ints(), (std::vector<int64_t>{1, 3, 4}));
}

TEST(MaxPool, CeilModeDropsAWindowStartingInTheTrailingPad) {
  // in 4, kernel 2, stride 2, pads [0, 1]: ceil gives 3 windows, but the third would start at 4 (in the pad).
  auto out = SingleNode("MaxPool", 12)
                 .Attr("kernel_shape", std::vector<int64_t>{2})
                 .Attr("strides", std::vector<int64_t>{2})
                 .Attr("pads", std::vector<int64_t>{0, 1})
                 .Attr("ceil_mode", int64_t{1})
                 .Input(Floats({1, 1, 4}, {1, 2, 3, 4}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 4}));
}

TEST(MaxPool, IndicesRowAndColumnMajorCountBatchAndChannel) {
  auto run = [](int64_t order) {
    return SingleNode("MaxPool", 12)
        .Attr("kernel_shape", std::vector<int64_t>{2, 3})
        .Attr("storage_order", order)
        .Outputs(2)
        .Input(Floats({1, 2, 2, 3}, {1, 2, 3, 4, 9, 6, 7, 1, 1, 1, 1, 1}))
        .Run();
  };
  auto row = run(0);
  EXPECT_EQ(row[0].reals(), (std::vector<double>{9, 7}));
  EXPECT_EQ(row[1].ints(), (std::vector<int64_t>{4, 6}));  // (1,1) -> 1*3+1; channel 1 starts at 6
  auto col = run(1);
  EXPECT_EQ(col[1].ints(), (std::vector<int64_t>{3, 6}));  // (1,1) -> 1 + 1*2
}

TEST(MaxPool, Int8FromVersion12Only) {
  auto out = SingleNode("MaxPool", 12)
                 .Attr("kernel_shape", std::vector<int64_t>{2})
                 .Input(Ints({1, 1, 3}, {-5, -7, 3}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-5, 3}));
  EXPECT_THROW(SingleNode("MaxPool", 11)
                   .Attr("kernel_shape", std::vector<int64_t>{2})
                   .Input(Ints({1, 1, 3}, {-5, -7, 3}, DataType::kInt8))
                   .Run(),
               Error);
}

TEST(AveragePool, CountIncludePad) {
  auto run = [](int64_t include) {
    return SingleNode("AveragePool", 11)
        .Attr("kernel_shape", std::vector<int64_t>{2})
        .Attr("pads", std::vector<int64_t>{1, 1})
        .Attr("count_include_pad", include)
        .Input(Floats({1, 1, 3}, {1, 2, 3}))
        .Run()[0]
        .reals();
  };
  EXPECT_EQ(run(0), (std::vector<double>{1, 1.5, 2.5, 3}));
  EXPECT_EQ(run(1), (std::vector<double>{0.5, 1.5, 2.5, 1.5}));
}

TEST(AveragePool, CeilModeOverhangIsNotCountedEvenWithCountIncludePad) {
  auto out = SingleNode("AveragePool", 11)
                 .Attr("kernel_shape", std::vector<int64_t>{3})
                 .Attr("strides", std::vector<int64_t>{2})
                 .Attr("ceil_mode", int64_t{1})
                 .Attr("count_include_pad", int64_t{1})
                 .Input(Floats({1, 1, 4}, {1, 2, 3, 4}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 3.5}));
}

TEST(AveragePool, DilationsFromVersion19) {
  auto out = SingleNode("AveragePool", 19)
                 .Attr("kernel_shape", std::vector<int64_t>{2})
                 .Attr("dilations", std::vector<int64_t>{2})
                 .Input(Floats({1, 1, 5}, {1, 2, 3, 4, 5}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 3, 4}));
  EXPECT_THROW(SingleNode("AveragePool", 11)
                   .Attr("kernel_shape", std::vector<int64_t>{2})
                   .Attr("dilations", std::vector<int64_t>{2})
                   .Input(Floats({1, 1, 5}, {1, 2, 3, 4, 5}))
                   .Run(),
               Error);
}

TEST(AveragePool, SameLowerPadsTheBeginning) {
  auto out = SingleNode("AveragePool", 11)
                 .Attr("kernel_shape", std::vector<int64_t>{2})
                 .Attr("auto_pad", std::string("SAME_LOWER"))
                 .Input(Floats({1, 1, 3}, {2, 4, 6}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 3, 5}));
}

TEST(LpPool, PNorms) {
  auto run = [](int64_t p) {
    return SingleNode("LpPool", 18)
        .Attr("kernel_shape", std::vector<int64_t>{2})
        .Attr("p", p)
        .Input(Floats({1, 1, 2}, {3, -4}))
        .Run()[0]
        .reals();
  };
  EXPECT_EQ(run(2), (std::vector<double>{5}));
  EXPECT_EQ(run(1), (std::vector<double>{7}));
}

TEST(GlobalPools, ReduceEverySpatialDim) {
  const Tensor x = Floats({1, 2, 2}, {3, -4, 1, 1});
  EXPECT_EQ(SingleNode("GlobalAveragePool", 1).Input(x).Run()[0].reals(), (std::vector<double>{-0.5, 1}));
  EXPECT_EQ(SingleNode("GlobalMaxPool", 1).Input(x).Run()[0].reals(), (std::vector<double>{3, 1}));
  auto lp = SingleNode("GlobalLpPool", 2).Input(x).Run();
  EXPECT_EQ(lp[0].shape(), (Shape{1, 2, 1}));
  EXPECT_DOUBLE_EQ(lp[0].reals()[0], 5);
  EXPECT_DOUBLE_EQ(lp[0].reals()[1], std::sqrt(2.0));
}

TEST(MaxRoiPool, BinsOfAWholeImageRegion) {
  std::vector<double> x(16);
  for (int i = 0; i < 16; ++i) x[i] = i;
  auto out = SingleNode("MaxRoiPool", 1)
                 .Attr("pooled_shape", std::vector<int64_t>{2, 2})
                 .Input(Floats({1, 1, 4, 4}, x))
                 .Input(Floats({1, 5}, {0, 0, 0, 3, 3}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{5, 7, 13, 15}));
}

TEST(Lrn, SumsSquaresOverNeighbouringChannels) {
  auto out = SingleNode("LRN", 13)
                 .Attr("size", int64_t{3})
                 .Attr("alpha", 3.0f)
                 .Attr("beta", 1.0f)
                 .Input(Floats({1, 3, 1}, {1, 2, 3}))
                 .Run();
  EXPECT_DOUBLE_EQ(out[0].reals()[0], 1.0 / 6);
  EXPECT_DOUBLE_EQ(out[0].reals()[1], 2.0 / 15);
  EXPECT_DOUBLE_EQ(out[0].reals()[2], 3.0 / 14);
}

}  // namespace
}  // namespace parity::ref::testing
