// Resize (every version's input/attribute form, modes, coordinate transforms, antialias, aspect policies) and
// Upsample. Expected values are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

std::vector<double> Resize1D(const std::vector<double>& x, const std::string& mode, const std::string& ctm,
                             double scale) {
  return SingleNode("Resize", 19)
      .Attr("mode", mode)
      .Attr("coordinate_transformation_mode", ctm)
      .Input(Floats({static_cast<int64_t>(x.size())}, x))
      .SkipInput()
      .Input(Floats({1}, {scale}))
      .Run()[0]
      .reals();
}

TEST(Resize, NearestHalfPixelRoundPreferFloor) {
  // x_original = (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25 -> 0, 0, 1, 1 (clamped).
  EXPECT_EQ(Resize1D({1, 2}, "nearest", "half_pixel", 2), (std::vector<double>{1, 1, 2, 2}));
}

TEST(Resize, LinearHalfPixelClampsAtEdges) {
  EXPECT_EQ(Resize1D({1, 2}, "linear", "half_pixel", 2), (std::vector<double>{1, 1.25, 1.75, 2}));
}

TEST(Resize, LinearAlignCornersWithSizes) {
  auto out = SingleNode("Resize", 13).Attr("mode", std::string("linear"))
                 .Attr("coordinate_transformation_mode", std::string("align_corners"))
                 .Input(Floats({2}, {1, 2})).SkipInput().SkipInput().Input(Ints({1}, {3})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 1.5, 2}));
}

TEST(Resize, CubicAsymmetricAndExcludeOutside) {
  // o = 1: x_original 0.5, taps -1..2 read 0, 0, 1, 2 with weights -0.09375, 0.59375, 0.59375, -0.09375.
  EXPECT_DOUBLE_EQ(Resize1D({0, 1, 2, 3}, "cubic", "asymmetric", 2)[1], 0.40625);
  auto excl = SingleNode("Resize", 19).Attr("mode", std::string("cubic"))
                  .Attr("coordinate_transformation_mode", std::string("asymmetric"))
                  .Attr("exclude_outside", int64_t{1})
                  .Input(Floats({4}, {0, 1, 2, 3})).SkipInput().Input(Floats({1}, {2})).Run();
  // Tap -1 dropped, the rest renormalised by 1.09375.
  EXPECT_DOUBLE_EQ(excl[0].reals()[1], 0.40625 / 1.09375);
}

TEST(Resize, TfCropAndResizeExtrapolates) {
  // roi [0.5, 1.5] on length 4, 3 outputs: x_original = 1.5, 3, 4.5 (outside -> extrapolation_value).
  auto out = SingleNode("Resize", 13).Attr("mode", std::string("linear"))
                 .Attr("coordinate_transformation_mode", std::string("tf_crop_and_resize"))
                 .Attr("extrapolation_value", 7.0f)
                 .Input(Floats({4}, {0, 10, 20, 30})).Input(Floats({2}, {0.5, 1.5})).SkipInput()
                 .Input(Ints({1}, {3})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{15, 30, 7}));
}

TEST(Resize, AntialiasWidensLinearKernelWhenDownsampling) {
  // scale 0.5: taps base-1..base+2 with weights 1/8, 3/8, 3/8, 1/8 around x_original 0.5 and 2.5.
  auto out = SingleNode("Resize", 18).Attr("mode", std::string("linear")).Attr("antialias", int64_t{1})
                 .Input(Floats({4}, {0, 1, 2, 3})).SkipInput().Input(Floats({1}, {0.5})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0.625, 2.375}));
}

TEST(Resize, KeepAspectRatioPolicies) {
  auto run = [](const std::string& policy) {
    return SingleNode("Resize", 18).Attr("keep_aspect_ratio_policy", policy)
        .Input(Floats({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7})).SkipInput().SkipInput().Input(Ints({2}, {3, 3})).Run()[0]
        .shape();
  };
  EXPECT_EQ(run("stretch"), (Shape{3, 3}));
  EXPECT_EQ(run("not_smaller"), (Shape{3, 6}));  // scale max(1.5, 0.75)
  EXPECT_EQ(run("not_larger"), (Shape{2, 3}));   // scale min(1.5, 0.75)
}

TEST(Resize, AxesRestrictScales) {
  auto out = SingleNode("Resize", 18).Attr("axes", std::vector<int64_t>{-1})
                 .Input(Floats({2, 1}, {1, 2})).SkipInput().Input(Floats({1}, {2})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 1, 2, 2}));
}

TEST(Resize, Version10TruncatesUpAndCeilsDown) {
  auto up = SingleNode("Resize", 10).Input(Floats({3}, {1, 2, 3})).Input(Floats({1}, {2})).Run();
  EXPECT_EQ(up[0].reals(), (std::vector<double>{1, 1, 2, 2, 3, 3}));
  auto down = SingleNode("Resize", 10).Input(Floats({4}, {1, 2, 3, 4})).Input(Floats({1}, {0.5})).Run();
  EXPECT_EQ(down[0].reals(), (std::vector<double>{1, 3}));
}

TEST(Resize, ScalesAndSizesAreExclusive) {
  EXPECT_THROW(SingleNode("Resize", 13).Input(Floats({2}, {1, 2})).SkipInput().Input(Floats({1}, {2}))
                   .Input(Ints({1}, {4})).Run(),
               Error);
}

TEST(Upsample, AttributeScalesLinearAndInputScalesNearest) {
  auto v7 = SingleNode("Upsample", 7).Attr("mode", std::string("linear")).Attr("scales", std::vector<float>{2})
                .Input(Floats({2}, {1, 3})).Run();
  EXPECT_EQ(v7[0].reals(), (std::vector<double>{1, 2, 3, 3}));
  auto v9 = SingleNode("Upsample", 9).Input(Floats({1, 2}, {1, 2})).Input(Floats({2}, {2, 1})).Run();
  EXPECT_EQ(v9[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(v9[0].reals(), (std::vector<double>{1, 2, 1, 2}));
}

}  // namespace
}  // namespace parity::ref::testing
