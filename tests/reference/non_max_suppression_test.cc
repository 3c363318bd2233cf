// NonMaxSuppression, RoiAlign.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

// Box A, box B overlapping A with IoU 0.9 / 1.1, box C disjoint; [y1, x1, y2, x2].
const Tensor kBoxes = Floats({1, 3, 4}, {0, 0, 1, 1, 0, 0.1, 1, 1.1, 0, 2, 1, 3});
const Tensor kScores = Floats({1, 1, 3}, {0.9, 0.8, 0.7});

TEST(NonMaxSuppression, SuppressesOverlapsAndHonoursScoreThreshold) {
  auto out = SingleNode("NonMaxSuppression", 11).Input(kBoxes).Input(kScores).Input(Ints({1}, {10}))
                 .Input(Floats({1}, {0.5})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 0, 0, 0, 0, 2}));
  auto thr = SingleNode("NonMaxSuppression", 11).Input(kBoxes).Input(kScores).Input(Ints({1}, {10}))
                 .Input(Floats({1}, {0.9})).Input(Floats({1}, {0.75})).Run();
  // IoU 0.818 is not above 0.9, so B survives; C is below the score threshold.
  EXPECT_EQ(thr[0].ints(), (std::vector<int64_t>{0, 0, 0, 0, 0, 1}));
}

TEST(NonMaxSuppression, DefaultMaxOutputSelectsNothingAndLimitApplies) {
  auto none = SingleNode("NonMaxSuppression", 10).Input(kBoxes).Input(kScores).Run();
  EXPECT_EQ(none[0].shape(), (Shape{0, 3}));
  auto one = SingleNode("NonMaxSuppression", 10).Input(kBoxes).Input(kScores).Input(Ints({1}, {1})).Run();
  EXPECT_EQ(one[0].ints(), (std::vector<int64_t>{0, 0, 0}));
}

TEST(NonMaxSuppression, CenterPointBoxes) {
  // The same A and C as [x_center, y_center, width, height]; both survive.
  auto out = SingleNode("NonMaxSuppression", 11).Attr("center_point_box", int64_t{1})
                 .Input(Floats({1, 2, 4}, {0.5, 0.5, 1, 1, 2.5, 0.5, 1, 1}))
                 .Input(Floats({1, 1, 2}, {0.5, 0.6})).Input(Ints({1}, {5})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 0, 1, 0, 0, 0}));
}

const Tensor kImage = Floats({1, 1, 2, 2}, {0, 1, 2, 3});
const Tensor kRoi = Floats({1, 4}, {0, 0, 1, 1});
const Tensor kBatch = Ints({1}, {0});

TEST(RoiAlign, OutputHalfPixelSamplesTheCentre) {
  // One bin, one sample at (0.5, 0.5): bilinear mean of the four pixels.
  auto out = SingleNode("RoiAlign", 10).Attr("sampling_ratio", int64_t{1}).Input(kImage).Input(kRoi).Input(kBatch)
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 1, 1}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1.5}));
}

TEST(RoiAlign, HalfPixelShiftsByHalfAPixel) {
  // Sample at (0, 0) after the -0.5 shift.
  auto out = SingleNode("RoiAlign", 16).Attr("sampling_ratio", int64_t{1}).Input(kImage).Input(kRoi).Input(kBatch)
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0}));
}

TEST(RoiAlign, MaxModeTakesLargestWeightedCorner) {
  // Corner terms at (0.5, 0.5): 0.25 * {0, 1, 2, 3}; max mode keeps 0.75 (not the interpolated 1.5).
  auto out = SingleNode("RoiAlign", 16).Attr("mode", std::string("max")).Attr("sampling_ratio", int64_t{1})
                 .Attr("coordinate_transformation_mode", std::string("output_half_pixel"))
                 .Input(kImage).Input(kRoi).Input(kBatch).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0.75}));
}

}  // namespace
}  // namespace parity::ref::testing
