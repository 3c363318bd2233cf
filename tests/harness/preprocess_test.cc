// PreprocessImage numerics on hand-made images: every step's exact output.
#include <gtest/gtest.h>

#include <vector>

#include "harness/core/errors.h"
#include "harness/datasets/dataset.h"

namespace parity {
namespace {

using Spec = PreprocessSpec;

// 4x4 gray image whose 2x2 blocks each sum to a multiple of 4, so area/bilinear halving is exact.
const std::vector<uint8_t> kGray4x4 = {
    0,  4,  8,  12,   //
    4,  8,  12, 16,   //
    40, 44, 80, 84,   //
    44, 48, 84, 88};  //

Spec GraySpec() {
  Spec spec;
  spec.color = Spec::Color::kGray;
  return spec;
}

std::vector<double> Values(const Tensor& t) { return t.ToDoubles(); }

TEST(Preprocess, PassesPixelsThroughWithoutSteps) {
  const Tensor t = PreprocessImage(kGray4x4, 4, 4, 1, GraySpec());
  EXPECT_EQ(t.dtype, ElementType::kFloat);
  EXPECT_EQ(t.dims, (Dims{1, 1, 4, 4}));
  EXPECT_EQ(Values(t), std::vector<double>(kGray4x4.begin(), kGray4x4.end()));
}

TEST(Preprocess, CenterCropTakesTheMiddle) {
  Spec spec = GraySpec();
  spec.center_crop = std::make_pair(2, 2);
  EXPECT_EQ(Values(PreprocessImage(kGray4x4, 4, 4, 1, spec)), (std::vector<double>{8, 12, 44, 80}));
  spec.center_crop = std::make_pair(3, 1);  // offsets (4-3)/2 = 0 and (4-1)/2 = 1: rounded down
  const Tensor t = PreprocessImage(kGray4x4, 4, 4, 1, spec);
  EXPECT_EQ(t.dims, (Dims{1, 1, 1, 3}));
  EXPECT_EQ(Values(t), (std::vector<double>{4, 8, 12}));
}

TEST(Preprocess, CropLargerThanTheImageIsAnInputError) {
  Spec spec = GraySpec();
  spec.center_crop = std::make_pair(5, 2);
  try {
    PreprocessImage(kGray4x4, 4, 4, 1, spec);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("center_crop 5x2 is larger than the image after resizing (4x4)"),
              std::string::npos)
        << e.what();
  }
}

TEST(Preprocess, ResizeHalvesWithEachInterpolation) {
  Spec spec = GraySpec();
  spec.resize = std::make_pair(2, 2);
  spec.interpolation = Spec::Interpolation::kArea;
  EXPECT_EQ(Values(PreprocessImage(kGray4x4, 4, 4, 1, spec)), (std::vector<double>{4, 12, 44, 84}));
  spec.interpolation = Spec::Interpolation::kLinear;  // half-pixel centres: the mean of each 2x2 block
  EXPECT_EQ(Values(PreprocessImage(kGray4x4, 4, 4, 1, spec)), (std::vector<double>{4, 12, 44, 84}));
  spec.interpolation = Spec::Interpolation::kNearest;  // source pixel floor(2 * i)
  EXPECT_EQ(Values(PreprocessImage(kGray4x4, 4, 4, 1, spec)), (std::vector<double>{0, 8, 40, 80}));
  for (auto mode : {Spec::Interpolation::kCubic, Spec::Interpolation::kLanczos}) {
    spec.interpolation = mode;
    EXPECT_EQ(PreprocessImage(kGray4x4, 4, 4, 1, spec).dims, (Dims{1, 1, 2, 2}));
  }
}

TEST(Preprocess, ResizeShorterKeepsAspectRoundingToNearest) {
  Spec spec = GraySpec();
  spec.resize_shorter = 3;
  // 4 high, 6 wide: the longer side becomes 6 * 3 / 4 = 4.5 -> 5.
  EXPECT_EQ(PreprocessImage(std::vector<uint8_t>(24, 9), 4, 6, 1, spec).dims, (Dims{1, 1, 3, 5}));
  // 5 high, 3 wide: 5 * 3 / 3 = 5 (and a uniform image stays uniform).
  const Tensor t = PreprocessImage(std::vector<uint8_t>(15, 9), 5, 3, 1, spec);
  EXPECT_EQ(t.dims, (Dims{1, 1, 5, 3}));
  EXPECT_EQ(Values(t), std::vector<double>(15, 9));
  spec.resize_shorter = 2;  // 4x4 -> 2x2 bilinear
  EXPECT_EQ(Values(PreprocessImage(kGray4x4, 4, 4, 1, spec)), (std::vector<double>{4, 12, 44, 84}));
}

// 1x2 BGR image: pixel 0 = (B 10, G 20, R 30), pixel 1 = (B 40, G 50, R 60).
const std::vector<uint8_t> kBgr1x2 = {10, 20, 30, 40, 50, 60};

TEST(Preprocess, ChannelOrderAndLayout) {
  Spec spec;  // RGB, NCHW
  Tensor t = PreprocessImage(kBgr1x2, 1, 2, 3, spec);
  EXPECT_EQ(t.dims, (Dims{1, 3, 1, 2}));
  EXPECT_EQ(Values(t), (std::vector<double>{30, 60, 20, 50, 10, 40}));
  spec.layout = Spec::Layout::kNhwc;
  t = PreprocessImage(kBgr1x2, 1, 2, 3, spec);
  EXPECT_EQ(t.dims, (Dims{1, 1, 2, 3}));
  EXPECT_EQ(Values(t), (std::vector<double>{30, 20, 10, 60, 50, 40}));
  spec.color = Spec::Color::kBgr;
  EXPECT_EQ(Values(PreprocessImage(kBgr1x2, 1, 2, 3, spec)), (std::vector<double>{10, 20, 30, 40, 50, 60}));
}

TEST(Preprocess, GrayAndColorConvert) {
  Spec spec = GraySpec();
  // OpenCV's BGR2GRAY of a gray-valued pixel is that value.
  EXPECT_EQ(Values(PreprocessImage({7, 7, 7, 200, 200, 200}, 1, 2, 3, spec)), (std::vector<double>{7, 200}));
  spec.color = Spec::Color::kRgb;
  const Tensor t = PreprocessImage({7, 200}, 1, 2, 1, spec);
  EXPECT_EQ(t.dims, (Dims{1, 3, 1, 2}));
  EXPECT_EQ(Values(t), (std::vector<double>{7, 200, 7, 200, 7, 200}));
}

TEST(Preprocess, ScaleMeanStdPerChannelInOutputOrder) {
  Spec spec;  // RGB: mean/std are given as (R, G, B)
  spec.scale = 1.0 / 255;
  spec.mean = {0.5, 0.25, 0.0};
  spec.std = {0.5, 0.25, 2.0};
  const Tensor t = PreprocessImage(kBgr1x2, 1, 2, 3, spec);
  const std::vector<double> v = Values(t);
  const double r0 = static_cast<float>((30 * spec.scale - 0.5) / 0.5);
  const double g1 = static_cast<float>((50 * spec.scale - 0.25) / 0.25);
  const double b0 = static_cast<float>((10 * spec.scale - 0.0) / 2.0);
  EXPECT_EQ(v[0], r0);
  EXPECT_EQ(v[3], g1);
  EXPECT_EQ(v[4], b0);
}

TEST(Preprocess, SqueezeNetFp16Recipe) {
  // Shorter side 256 bilinear, center crop 224, BGR 0-255 minus (104, 117, 123), float16, NCHW.
  Spec spec;
  spec.color = Spec::Color::kBgr;
  spec.resize_shorter = 256;
  spec.center_crop = std::make_pair(224, 224);
  spec.mean = {104, 117, 123};
  spec.dtype = ElementType::kFloat16;
  std::vector<uint8_t> image;
  for (int i = 0; i < 300 * 400; ++i) image.insert(image.end(), {200, 100, 50});  // uniform B 200 G 100 R 50
  const Tensor t = PreprocessImage(image, 300, 400, 3, spec);
  EXPECT_EQ(t.dtype, ElementType::kFloat16);
  EXPECT_EQ(t.dims, (Dims{1, 3, 224, 224}));
  const int64_t plane = 224 * 224;
  EXPECT_EQ(t.As<uint16_t>()[0], DoubleToFloat16(96));
  EXPECT_EQ(t.At(plane + 5), -17);
  EXPECT_EQ(t.At(2 * plane + plane - 1), -73);
}

TEST(Preprocess, UltraFaceRecipe) {
  // (RGB - 127) / 128, resized to 320x240, float32 NCHW.
  Spec spec;
  spec.resize = std::make_pair(320, 240);
  spec.mean = {127};
  spec.std = {128};
  std::vector<uint8_t> image;
  for (int i = 0; i < 6 * 8; ++i) image.insert(image.end(), {0, 127, 255});  // B 0, G 127, R 255
  const Tensor t = PreprocessImage(image, 6, 8, 3, spec);
  EXPECT_EQ(t.dims, (Dims{1, 3, 240, 320}));
  const int64_t plane = 240 * 320;
  EXPECT_EQ(t.At(7), 1.0);                       // R
  EXPECT_EQ(t.At(plane + 7), 0.0);               // G
  EXPECT_EQ(t.At(2 * plane + 7), -127.0 / 128);  // B
}

TEST(Preprocess, Float16RoundsOnceToNearest) {
  Spec spec = GraySpec();
  spec.scale = 1.0 / 255;
  spec.dtype = ElementType::kFloat16;
  const Tensor t = PreprocessImage({1, 255}, 1, 2, 1, spec);
  EXPECT_EQ(t.As<uint16_t>()[0], DoubleToFloat16(1.0 / 255));
  EXPECT_EQ(t.As<uint16_t>()[1], 0x3c00);  // 1.0
}

TEST(Preprocess, Uint8FeedsRawPixels) {
  Spec spec = GraySpec();
  spec.dtype = ElementType::kUint8;
  spec.layout = Spec::Layout::kNhwc;
  const Tensor t = PreprocessImage(kGray4x4, 4, 4, 1, spec);
  EXPECT_EQ(t.dims, (Dims{1, 4, 4, 1}));
  EXPECT_EQ(t.data, kGray4x4);
}

TEST(Preprocess, BadSpecsAreInputErrors) {
  Spec both = GraySpec();
  both.resize = std::make_pair(2, 2);
  both.resize_shorter = 2;
  EXPECT_THROW(PreprocessImage(kGray4x4, 4, 4, 1, both), InputError);
  Spec mean = Spec();
  mean.mean = {1, 2};
  EXPECT_THROW(PreprocessImage(kBgr1x2, 1, 2, 3, mean), InputError);
  Spec zero_std = GraySpec();
  zero_std.std = {0};
  EXPECT_THROW(PreprocessImage(kGray4x4, 4, 4, 1, zero_std), InputError);
  Spec dtype = GraySpec();
  dtype.dtype = ElementType::kInt32;
  EXPECT_THROW(PreprocessImage(kGray4x4, 4, 4, 1, dtype), InputError);
  Spec uint8_mean = GraySpec();
  uint8_mean.dtype = ElementType::kUint8;
  uint8_mean.mean = {1};
  EXPECT_THROW(PreprocessImage(kGray4x4, 4, 4, 1, uint8_mean), InputError);
  EXPECT_THROW(PreprocessImage(kGray4x4, 4, 3, 1, GraySpec()), InputError);  // 16 bytes for 4x3
}

}  // namespace
}  // namespace parity
