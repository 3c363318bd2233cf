// Conv, ConvTranspose, ConvInteger, QLinearConv: hand-computed cases for padding, strides, dilations, auto_pad,
// groups (depthwise and grouped GEMM paths), zero points and rounding.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Uints(const Shape& shape, std::vector<uint64_t> values, DataType dtype = DataType::kUint8) {
  return Tensor(dtype, shape, std::move(values));
}

TEST(Conv, OneDimWithPadsStridesAndBias) {
  // padded x = [0,1,2,3,4,5,0]; windows start at 0, 2, 4 with w = [1, 0, -1].
  auto out = SingleNode("Conv", 11)
                 .Attr("pads", std::vector<int64_t>{1, 1})
                 .Attr("strides", std::vector<int64_t>{2})
                 .Input(Floats({1, 1, 5}, {1, 2, 3, 4, 5}))
                 .Input(Floats({1, 1, 3}, {1, 0, -1}))
                 .Input(Floats({1}, {10}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 3}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{8, 8, 14}));
}

TEST(Conv, Dilations) {
  auto out = SingleNode("Conv", 11)
                 .Attr("dilations", std::vector<int64_t>{2})
                 .Input(Floats({1, 1, 5}, {1, 2, 3, 4, 5}))
                 .Input(Floats({1, 1, 3}, {1, 0, -1}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-4}));  // x0 - x4
}

TEST(Conv, TwoDimPaddedStridedIm2Col) {
  // x = 1..9 in 3x3, 2x2 ones kernel, pads 1, stride 2: windows at rows/cols -1 and 1.
  auto out = SingleNode("Conv", 11)
                 .Attr("pads", std::vector<int64_t>{1, 1, 1, 1})
                 .Attr("strides", std::vector<int64_t>{2, 2})
                 .Input(Floats({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                 .Input(Floats({1, 1, 2, 2}, {1, 1, 1, 1}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 5, 11, 28}));
}

TEST(Conv, SameUpperPadsAtTheEndSameLowerAtTheBeginning) {
  auto run = [](const std::string& mode) {
    return SingleNode("Conv", 11)
        .Attr("auto_pad", mode)
        .Input(Floats({1, 1, 4}, {1, 2, 3, 4}))
        .Input(Floats({1, 1, 2}, {1, 1}))
        .Run()[0]
        .reals();
  };
  EXPECT_EQ(run("SAME_UPPER"), (std::vector<double>{3, 5, 7, 4}));
  EXPECT_EQ(run("SAME_LOWER"), (std::vector<double>{1, 3, 5, 7}));
  EXPECT_EQ(run("VALID"), (std::vector<double>{3, 5, 7}));
}

TEST(Conv, DepthwiseAndGroupedOutputChannels) {
  auto depthwise = SingleNode("Conv", 11)
                       .Attr("group", int64_t{2})
                       .Input(Floats({1, 2, 2}, {1, 2, 3, 4}))
                       .Input(Floats({2, 1, 1}, {2, 10}))
                       .Run();
  EXPECT_EQ(depthwise[0].reals(), (std::vector<double>{2, 4, 30, 40}));
  auto grouped = SingleNode("Conv", 11)
                     .Attr("group", int64_t{2})
                     .Input(Floats({1, 2, 2}, {1, 2, 3, 4}))
                     .Input(Floats({4, 1, 1}, {1, 2, 3, 4}))
                     .Run();
  EXPECT_EQ(grouped[0].shape(), (Shape{1, 4, 2}));
  EXPECT_EQ(grouped[0].reals(), (std::vector<double>{1, 2, 2, 4, 9, 12, 12, 16}));
}

TEST(Conv, RejectsKernelShapeDisagreeingWithW) {
  EXPECT_THROW(SingleNode("Conv", 11)
                   .Attr("kernel_shape", std::vector<int64_t>{2})
                   .Input(Floats({1, 1, 4}, {1, 2, 3, 4}))
                   .Input(Floats({1, 1, 3}, {1, 1, 1}))
                   .Run(),
               Error);
  EXPECT_THROW(SingleNode("Conv", 11)
                   .Attr("group", int64_t{2})
                   .Input(Floats({1, 3, 1}, {1, 2, 3}))
                   .Input(Floats({2, 1, 1}, {1, 1}))
                   .Run(),
               Error);
}

// x = [1, 2], W = [1, 1, 1], stride 2: y[2i + k] += x[i] -> [1, 1, 3, 2, 2] before padding/cropping.
SingleNode Transpose() {
  SingleNode node("ConvTranspose", 11);
  node.Attr("strides", std::vector<int64_t>{2});
  return node;
}

TEST(ConvTranspose, StridesOutputPaddingAndPads) {
  auto plain = Transpose().Input(Floats({1, 1, 2}, {1, 2})).Input(Floats({1, 1, 3}, {1, 1, 1})).Run();
  EXPECT_EQ(plain[0].reals(), (std::vector<double>{1, 1, 3, 2, 2}));
  auto padded_out = Transpose()
                        .Attr("output_padding", std::vector<int64_t>{1})
                        .Input(Floats({1, 1, 2}, {1, 2}))
                        .Input(Floats({1, 1, 3}, {1, 1, 1}))
                        .Run();
  EXPECT_EQ(padded_out[0].reals(), (std::vector<double>{1, 1, 3, 2, 2, 0}));
  auto cropped = Transpose()
                     .Attr("pads", std::vector<int64_t>{1, 1})
                     .Input(Floats({1, 1, 2}, {1, 2}))
                     .Input(Floats({1, 1, 3}, {1, 1, 1}))
                     .Input(Floats({1}, {0.5}))
                     .Run();
  EXPECT_EQ(cropped[0].reals(), (std::vector<double>{1.5, 3.5, 2.5}));
}

TEST(ConvTranspose, OutputShapeAndAutoPadSplitTheOddPadDifferently) {
  // Natural size 5, asked for 4: one unit of padding; output_shape alone puts it at the beginning,
  // SAME_UPPER (out = in * stride = 4) at the end.
  auto shaped = Transpose()
                    .Attr("output_shape", std::vector<int64_t>{4})
                    .Input(Floats({1, 1, 2}, {1, 2}))
                    .Input(Floats({1, 1, 3}, {1, 1, 1}))
                    .Run();
  EXPECT_EQ(shaped[0].reals(), (std::vector<double>{1, 3, 2, 2}));
  auto upper = Transpose()
                   .Attr("auto_pad", std::string("SAME_UPPER"))
                   .Input(Floats({1, 1, 2}, {1, 2}))
                   .Input(Floats({1, 1, 3}, {1, 1, 1}))
                   .Run();
  EXPECT_EQ(upper[0].reals(), (std::vector<double>{1, 1, 3, 2}));
}

TEST(ConvTranspose, GroupsUseTheirOwnChannels) {
  // W is [C=2, M/group=1, 1]; each input channel feeds its own output channel.
  auto out = SingleNode("ConvTranspose", 11)
                 .Attr("group", int64_t{2})
                 .Input(Floats({1, 2, 2}, {1, 2, 3, 4}))
                 .Input(Floats({2, 1, 1}, {10, 100}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{10, 20, 300, 400}));
}

TEST(ConvInteger, ZeroPointsAndPaddingAsZeroPoint) {
  // x - 2 = [0, 1, 2], w - 1 = [0, 1]; padding stands for the zero point.
  auto out = SingleNode("ConvInteger", 10)
                 .Attr("pads", std::vector<int64_t>{1, 1})
                 .Input(Uints({1, 1, 3}, {2, 3, 4}))
                 .Input(Uints({1, 1, 2}, {1, 2}))
                 .Input(Uints({}, {2}))
                 .Input(Uints({}, {1}))
                 .Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt32);
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 1, 2, 0}));
}

TEST(QLinearConv, RoundsHalfToEvenThenAddsZeroPoint) {
  // acc = (x - 10) * 3 (+ B); real = acc * 0.5 * 1 / 1: [0.5 -> 0, 5 -> 5] + 100, and 4.5 -> 4 without B.
  auto run = [](bool with_bias) {
    SingleNode node("QLinearConv", 10);
    node.Input(Uints({1, 1, 1, 2}, {10, 13}))
        .Input(Floats({}, {0.5}))
        .Input(Uints({}, {10}))
        .Input(Ints({1, 1, 1, 1}, {3}, DataType::kInt8))
        .Input(Floats({}, {1}))
        .Input(Ints({}, {0}, DataType::kInt8))
        .Input(Floats({}, {1}))
        .Input(Uints({}, {100}));
    if (with_bias) node.Input(Ints({1}, {1}, DataType::kInt32));
    return node.Run()[0];
  };
  EXPECT_EQ(run(false).uints(), (std::vector<uint64_t>{100, 104}));
  EXPECT_EQ(run(true).uints(), (std::vector<uint64_t>{100, 105}));
  EXPECT_EQ(run(true).dtype(), DataType::kUint8);
}

}  // namespace
}  // namespace parity::ref::testing
