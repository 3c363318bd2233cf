// Cast, CastLike and the narrow float formats (core/float_formats): rounding, saturation, e8m0 rounding modes,
// integer truncation and wrap, strings, version gates.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/float_formats.h"
#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor CastTo(const Tensor& x, DataType to, int opset = 25) {
  return SingleNode("Cast", opset).Attr("to", static_cast<int64_t>(to)).Input(x).Run()[0];
}

TEST(FloatFormats, DecodesSpecialPatterns) {
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E4M3FN, 0x7e), 448);
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(DataType::kFloat8E4M3FN, 0x7f)));
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E4M3FN, 0x01), std::ldexp(1.0, -9));  // smallest subnormal
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E5M2, 0x7c), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(DataType::kFloat8E4M3FNUZ, 0x80)));
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E4M3FNUZ, 0x7f), 240);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E5M2FNUZ, 0x7f), 57344);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat4E2M1, 0x7), 6);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat4E2M1, 0x9), -0.5);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E8M0, 0x7f), 1);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat8E8M0, 0x00), std::ldexp(1.0, -127));
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(DataType::kFloat8E8M0, 0xff)));
  EXPECT_EQ(DecodeNarrowFloat(DataType::kFloat16, 0x7bff), 65504);
  EXPECT_EQ(DecodeNarrowFloat(DataType::kBfloat16, 0x3f80), 1);
}

TEST(FloatFormats, RoundsToNearestEven) {
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat8E4M3FN, 464), 0x7e);     // tie between 448 and 480: even is 448
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat4E2M1, 0.25), 0x0);       // tie between 0 and 0.5
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat4E2M1, 0.75), 0x2);       // tie between 0.5 and 1
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat4E2M1, 5), 0x6);          // tie between 4 and 6
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat4E2M1, NAN), 0x8);        // no NaN: -0, as ONNX's tests expect
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat8E4M3FNUZ, -1e-9), 0x0);  // no -0 in fnuz
  EXPECT_EQ(RoundToFloatType(DataType::kFloat16, 65520), std::numeric_limits<double>::infinity());
  EXPECT_EQ(RoundToFloatType(DataType::kFloat16, 1.0 / 3), 0.333251953125);
}

TEST(FloatFormats, E8M0RoundingModes) {
  EXPECT_EQ(RoundToFloatType(DataType::kFloat8E8M0, 3, Saturation::kSaturate, E8M0Rounding::kUp), 4);
  EXPECT_EQ(RoundToFloatType(DataType::kFloat8E8M0, 3, Saturation::kSaturate, E8M0Rounding::kDown), 2);
  EXPECT_EQ(RoundToFloatType(DataType::kFloat8E8M0, 3, Saturation::kSaturate, E8M0Rounding::kNearest), 4);
  EXPECT_EQ(RoundToFloatType(DataType::kFloat8E8M0, 2.9, Saturation::kSaturate, E8M0Rounding::kNearest), 2);
  EXPECT_EQ(RoundToFloatType(DataType::kFloat8E8M0, 0, Saturation::kSaturate, E8M0Rounding::kUp),
            std::ldexp(1.0, -127));
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat8E8M0, INFINITY, Saturation::kSaturate), 0xfe);
  EXPECT_EQ(EncodeNarrowFloat(DataType::kFloat8E8M0, INFINITY, Saturation::kNoSaturate), 0xff);
}

TEST(Cast, FloatTargetsKeepTheDouble) {
  auto out = CastTo(Floats({1}, {0.1}, DataType::kDouble), DataType::kFloat);
  EXPECT_EQ(out.dtype(), DataType::kFloat);
  EXPECT_EQ(out.reals()[0], 0.1);  // not float32(0.1)
}

TEST(Cast, Float8SaturationAttribute) {
  auto x = Floats({3}, {1000, -INFINITY, 0.3});
  auto sat = CastTo(x, DataType::kFloat8E4M3FN);
  EXPECT_EQ(sat.reals()[0], 448);
  EXPECT_EQ(sat.reals()[1], -448);
  EXPECT_EQ(sat.reals()[2], 0.3125);  // 0.3 rounds to 1.25 * 2^-2
  auto nosat = SingleNode("Cast", 25)
                   .Attr("to", static_cast<int64_t>(DataType::kFloat8E4M3FN))
                   .Attr("saturate", int64_t{0})
                   .Input(x)
                   .Run()[0];
  EXPECT_TRUE(std::isnan(nosat.reals()[0]));
  EXPECT_TRUE(std::isnan(nosat.reals()[1]));
  auto e5m2 = SingleNode("Cast", 25)
                  .Attr("to", static_cast<int64_t>(DataType::kFloat8E5M2))
                  .Attr("saturate", int64_t{0})
                  .Input(Floats({1}, {1e6}))
                  .Run()[0];
  EXPECT_EQ(e5m2.reals()[0], INFINITY);
}

TEST(Cast, SaturateNeedsVersion19) {
  EXPECT_THROW(SingleNode("Cast", 13)
                   .Attr("to", static_cast<int64_t>(DataType::kFloat16))
                   .Attr("saturate", int64_t{0})
                   .Input(Floats({1}, {1}))
                   .Run(),
               Error);
}

TEST(Cast, RoundModeForE8M0) {
  auto down = SingleNode("Cast", 24)
                  .Attr("to", static_cast<int64_t>(DataType::kFloat8E8M0))
                  .Attr("round_mode", std::string("down"))
                  .Input(Floats({2}, {3, 0.3}))
                  .Run()[0];
  EXPECT_EQ(down.reals(), (std::vector<double>{2, 0.25}));
  EXPECT_THROW(SingleNode("Cast", 24)
                   .Attr("to", static_cast<int64_t>(DataType::kFloat8E8M0))
                   .Attr("round_mode", std::string("sideways"))
                   .Input(Floats({1}, {3}))
                   .Run(),
               Error);
}

TEST(Cast, FloatToIntegerTruncatesThenWraps) {
  auto i8 = CastTo(Floats({4}, {300.7, -1.5, 127.9, -128.9}), DataType::kInt8);
  EXPECT_EQ(i8.ints(), (std::vector<int64_t>{44, -1, 127, -128}));
  auto u8 = CastTo(Floats({2}, {-1, 255.5}), DataType::kUint8);
  EXPECT_EQ(u8.uints(), (std::vector<uint64_t>{255, 255}));
  auto i4 = CastTo(Floats({3}, {-9, 8, 7}), DataType::kInt4);
  EXPECT_EQ(i4.ints(), (std::vector<int64_t>{7, -8, 7}));
  auto u2 = CastTo(Floats({2}, {-1, 4}), DataType::kUint2);
  EXPECT_EQ(u2.uints(), (std::vector<uint64_t>{3, 0}));
}

TEST(Cast, IntegerToIntegerAndBool) {
  auto u16 = CastTo(Ints({2}, {-1, 65537}), DataType::kUint16);
  EXPECT_EQ(u16.uints(), (std::vector<uint64_t>{65535, 1}));
  auto b = CastTo(Floats({3}, {0, NAN, -2}), DataType::kBool);
  EXPECT_EQ(b.ints(), (std::vector<int64_t>{0, 1, 1}));
  auto f16 = CastTo(Ints({1}, {2049}), DataType::kFloat16);
  EXPECT_EQ(f16.reals()[0], 2048);  // 2049 is a tie between 2048 and 2050: even mantissa is 2048
}

TEST(Cast, NumbersToStrings) {
  auto f = CastTo(Floats({7}, {0.1f, 100, 1e20, 1.5e-5, -0.5, NAN, -INFINITY}), DataType::kString);
  EXPECT_EQ(f.strings(), (std::vector<std::string>{"0.1", "100.0", "1e+20", "1.5e-05", "-0.5", "nan", "-inf"}));
  auto d = CastTo(Floats({1}, {0.1f}, DataType::kDouble), DataType::kString);
  EXPECT_EQ(d.strings()[0], "0.10000000149011612");
  auto i = CastTo(Ints({2}, {-42, 7}), DataType::kString);
  EXPECT_EQ(i.strings(), (std::vector<std::string>{"-42", "7"}));
}

TEST(Cast, StringsToNumbers) {
  Tensor s(DataType::kString, {5}, Tensor::StringData{"1e3", "-INF", "NaN", "+inf", "3.25"});
  auto f = CastTo(s, DataType::kFloat);
  EXPECT_EQ(f.reals()[0], 1000);
  EXPECT_EQ(f.reals()[1], -INFINITY);
  EXPECT_TRUE(std::isnan(f.reals()[2]));
  EXPECT_EQ(f.reals()[3], INFINITY);
  EXPECT_EQ(f.reals()[4], 3.25);
  Tensor n(DataType::kString, {3}, Tensor::StringData{"12", "2.7", "-9007199254740993"});
  auto i = CastTo(n, DataType::kInt64);
  EXPECT_EQ(i.ints(), (std::vector<int64_t>{12, 2, -9007199254740993LL}));
  Tensor bad(DataType::kString, {1}, Tensor::StringData{"hello"});
  EXPECT_THROW(CastTo(bad, DataType::kFloat), Error);
}

TEST(Cast, StringsNeedVersion9) {
  EXPECT_THROW(CastTo(Floats({1}, {1}), DataType::kString, 8), Error);
}

TEST(CastLike, TakesTheTargetsType) {
  auto out = SingleNode("CastLike", 25).Input(Floats({2}, {1.7, -2.2})).Input(Ints({0}, {}, DataType::kInt32)).Run();
  EXPECT_EQ(out[0].dtype(), DataType::kInt32);
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{1, -2}));
  auto nosat = SingleNode("CastLike", 25)
                   .Attr("saturate", int64_t{0})
                   .Input(Floats({1}, {1e6}))
                   .Input(Floats({1}, {0}, DataType::kFloat8E5M2FNUZ))
                   .Run();
  EXPECT_TRUE(std::isnan(nosat[0].reals()[0]));
}

}  // namespace
}  // namespace parity::ref::testing
