// Narrow dtypes at the runtime's boundary (core/dtype): float8 flavours, bfloat16, float4e2m1, float8e8m0 and the
// packed int4/int2 layouts, plus Cast/CastLike and empty tensors end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/dtype.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using namespace onnx_type;  // NOLINT(google-build-using-namespace): dtype numbers read better unqualified
using testing::ModelBuilder;

NarrowFloatMode NoSaturate() {
  NarrowFloatMode m;
  m.saturate = false;
  return m;
}

NarrowFloatMode E8M0(E8M0Rounding r) {
  NarrowFloatMode m;
  m.e8m0 = r;
  return m;
}

class Float8RoundTrip : public ::testing::TestWithParam<int> {};

// Every code decodes to a float32 value that encodes back to the same code (NaNs to a NaN).
TEST_P(Float8RoundTrip, EveryCodeSurvivesDecodeEncode) {
  const int t = GetParam();
  for (uint16_t code = 0; code < 256; ++code) {
    float v = DecodeNarrowFloat(t, code);
    if (std::isnan(v)) {
      EXPECT_TRUE(std::isnan(DecodeNarrowFloat(t, EncodeNarrowFloat(t, v)))) << OnnxTypeName(t) << " " << code;
      continue;
    }
    EXPECT_EQ(EncodeNarrowFloat(t, v, NoSaturate()), code) << OnnxTypeName(t) << " value " << v;
    EXPECT_EQ(RoundToFloatType(t, v, NoSaturate()), v);
  }
}

INSTANTIATE_TEST_SUITE_P(AllFlavours, Float8RoundTrip,
                         ::testing::Values(kFloat8E4M3FN, kFloat8E4M3FNUZ, kFloat8E5M2, kFloat8E5M2FNUZ, kFloat8E8M0));

TEST(DtypeTest, Float8LargestFiniteValues) {
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E4M3FN, 0x7E), 448.f);
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E4M3FNUZ, 0x7F), 240.f);
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E5M2, 0x7B), 57344.f);
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E5M2FNUZ, 0x7F), 57344.f);
  EXPECT_TRUE(std::isinf(DecodeNarrowFloat(kFloat8E5M2, 0x7C)));
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(kFloat8E4M3FN, 0xFF)));
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(kFloat8E4M3FNUZ, 0x80)));
}

TEST(DtypeTest, Float8SaturateRules) {
  const float inf = std::numeric_limits<float>::infinity();
  // saturate=1: overflow and infinities clamp to the largest finite value of the sign.
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, 1000.f), 448.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, -inf), -448.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FNUZ, inf), 240.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2, inf), 57344.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2FNUZ, -1e6f), -57344.f);
  // saturate=0: NaN, except float8e5m2 which has infinities.
  EXPECT_TRUE(std::isnan(RoundToFloatType(kFloat8E4M3FN, 1000.f, NoSaturate())));
  EXPECT_TRUE(std::isnan(RoundToFloatType(kFloat8E4M3FNUZ, inf, NoSaturate())));
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2, 1e6f, NoSaturate()), inf);
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2, -inf, NoSaturate()), -inf);
  EXPECT_TRUE(std::isnan(RoundToFloatType(kFloat8E5M2FNUZ, 1e6f, NoSaturate())));
  // Values that round down to the largest finite value are not overflow.
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, 464.f, NoSaturate()), 448.f);
  EXPECT_TRUE(std::isnan(RoundToFloatType(kFloat8E4M3FN, 465.f, NoSaturate())));
}

TEST(DtypeTest, Float8RoundsToNearestEven) {
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, 17.f), 16.f);  // tie: 16 = 1.000b x 2^4 is even
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, 19.f), 20.f);  // tie: 20 = 1.010b x 2^4 is even
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, 17.5f), 18.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2, 1.125f), 1.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E5M2, 1.375f), 1.5f);
  // Subnormals: e4m3fn's smallest is 2^-9; half of it ties to zero, a bit more rounds up.
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E4M3FN, std::ldexp(1.f, -9)), 0x01);
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, std::ldexp(1.f, -10)), 0.f);
  EXPECT_EQ(RoundToFloatType(kFloat8E4M3FN, std::ldexp(1.5f, -10)), std::ldexp(1.f, -9));
}

TEST(DtypeTest, Float8ZerosAndNans) {
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E4M3FN, -0.f), 0x80);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E5M2, -0.f), 0x80);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E4M3FNUZ, -0.f), 0x00);  // fnuz: no -0
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E5M2FNUZ, -1e-30f), 0x00);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E4M3FNUZ, nan), 0x80);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E5M2FNUZ, -nan), 0x80);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E4M3FN, nan) & 0x7F, 0x7F);
}

TEST(DtypeTest, Bfloat16) {
  EXPECT_EQ(EncodeNarrowFloat(kBfloat16, 1.f), 0x3F80);
  EXPECT_EQ(EncodeNarrowFloat(kBfloat16, 1.f + std::ldexp(1.f, -8)), 0x3F80);      // tie to even
  EXPECT_EQ(EncodeNarrowFloat(kBfloat16, 1.f + 3 * std::ldexp(1.f, -8)), 0x3F82);  // tie to even, upward
  EXPECT_EQ(EncodeNarrowFloat(kBfloat16, 3.4e38f), 0x7F80);                        // overflow: infinity
  EXPECT_EQ(DecodeNarrowFloat(kBfloat16, 0xC040), -3.f);
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(kBfloat16, EncodeNarrowFloat(kBfloat16, std::nanf("")))));
}

TEST(DtypeTest, Float4E2M1) {
  const float grid[] = {0.f, 0.5f, 1.f, 1.5f, 2.f, 3.f, 4.f, 6.f};
  for (uint16_t c = 0; c < 8; ++c) {
    EXPECT_EQ(DecodeNarrowFloat(kFloat4E2M1, c), grid[c]);
    EXPECT_EQ(DecodeNarrowFloat(kFloat4E2M1, c | 8), -grid[c]);
  }
  EXPECT_EQ(RoundToFloatType(kFloat4E2M1, 5.f), 4.f);  // tie to even
  EXPECT_EQ(RoundToFloatType(kFloat4E2M1, 0.25f), 0.f);
  EXPECT_EQ(RoundToFloatType(kFloat4E2M1, 100.f, NoSaturate()), 6.f);  // no inf/NaN: always saturates
  EXPECT_EQ(EncodeNarrowFloat(kFloat4E2M1, std::nanf("")), 0x8);
}

TEST(DtypeTest, Float8E8M0RoundModes) {
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 3.f, E8M0(E8M0Rounding::kUp)), 127 + 2);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 3.f, E8M0(E8M0Rounding::kDown)), 127 + 1);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 3.f, E8M0(E8M0Rounding::kNearest)), 127 + 2);  // midpoint rounds up
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 2.9f, E8M0(E8M0Rounding::kNearest)), 127 + 1);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 4.f, E8M0(E8M0Rounding::kUp)), 127 + 2);  // exact powers stay
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, 0.f), 0x00);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, -1.f), 0xFF);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, std::numeric_limits<float>::infinity()), 0xFE);
  EXPECT_EQ(EncodeNarrowFloat(kFloat8E8M0, std::numeric_limits<float>::infinity(), NoSaturate()), 0xFF);
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E8M0, 0x00), std::ldexp(1.f, -127));
}

TEST(DtypeTest, PackedSizes) {
  EXPECT_EQ(OnnxTypeBytes(kInt4, 5), 3u);
  EXPECT_EQ(OnnxTypeBytes(kUint2, 5), 2u);
  EXPECT_EQ(OnnxTypeBytes(kFloat4E2M1, 4), 2u);
  EXPECT_EQ(OnnxTypeBytes(kFloat, 3), 12u);
  EXPECT_EQ(OnnxTypeSize(kInt4), 0u);
  EXPECT_EQ(OnnxTypeSize(kFloat8E5M2), 1u);
  EXPECT_EQ(OnnxTypeSize(kBfloat16), 2u);
}

TEST(DtypeTest, PackedInt4LayoutAndSignExtension) {
  const int64_t values[] = {1, 2, -8, 7, -1};
  uint8_t bytes[3] = {0xAA, 0xAA, 0xAA};
  FromStorage(kInt4, values, 5, bytes);
  EXPECT_EQ(bytes[0], 0x21);  // first element in the low nibble
  EXPECT_EQ(bytes[1], 0x78);
  EXPECT_EQ(bytes[2], 0x0F);  // padding nibble is zero
  int64_t back[5];
  ToStorage(kInt4, bytes, 5, back);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(back[i], values[i]);
  ToStorage(kUint4, bytes, 5, back);
  EXPECT_EQ(back[2], 8);
  EXPECT_EQ(back[4], 15);
}

TEST(DtypeTest, PackedTwoBitLayout) {
  const int64_t values[] = {1, 2, 3, 0, 1};
  uint8_t bytes[2] = {};
  FromStorage(kUint2, values, 5, bytes);
  EXPECT_EQ(bytes[0], 0x39);
  EXPECT_EQ(bytes[1], 0x01);
  int64_t back[5];
  ToStorage(kInt2, bytes, 5, back);
  EXPECT_EQ(back[1], -2);
  EXPECT_EQ(back[2], -1);
}

TEST(DtypeTest, IntegerWrapping) {
  EXPECT_EQ(WrapToIntType(kInt4, 9), -7);
  EXPECT_EQ(WrapToIntType(kUint4, -1), 15);
  EXPECT_EQ(WrapToIntType(kInt2, 2), -2);
  EXPECT_EQ(WrapToIntType(kUint2, -3), 1);
  EXPECT_EQ(WrapToIntType(kInt8, 200), -56);
  EXPECT_EQ(WrapToIntType(kUint16, -1), 65535);
  EXPECT_EQ(WrapToIntType(kInt64, -5), -5);
}

HostTensor Tensor(int dtype, std::vector<int64_t> dims, std::vector<uint8_t> bytes) {
  HostTensor t;
  t.dtype = dtype;
  t.dims = std::move(dims);
  t.bytes = std::move(bytes);
  return t;
}

TEST(DtypeTest, CastToFloat8RoundsAndSaturatesEndToEnd) {
  ModelBuilder m(19);
  m.Input("x", {3});
  auto& n = m.Node("Cast", {"x"}, {"y"});
  ModelBuilder::AttrInt(n, "to", kFloat8E4M3FN);
  ModelBuilder::AttrInt(n, "saturate", 0);
  m.Output("y", kFloat8E4M3FN);
  auto exe = Compile(m.model(), CompileOptions());
  auto out = exe->Run({HostTensor::FromFloats({3}, {17.f, 1000.f, -0.3f})});
  ASSERT_EQ(out[0].dtype, kFloat8E4M3FN);
  ASSERT_EQ(out[0].bytes.size(), 3u);
  EXPECT_EQ(DecodeNarrowFloat(kFloat8E4M3FN, out[0].bytes[0]), 16.f);
  EXPECT_TRUE(std::isnan(DecodeNarrowFloat(kFloat8E4M3FN, out[0].bytes[1])));
  EXPECT_EQ(out[0].bytes[2], EncodeNarrowFloat(kFloat8E4M3FN, -0.3f));
}

TEST(DtypeTest, CastLikeTakesTheDeclaredTypeOfItsTarget) {
  ModelBuilder m(19);
  m.Input("x", {2});
  m.Input("like", {0}, kFloat16);  // empty: only its type matters
  m.Node("CastLike", {"x", "like"}, {"y"});
  ModelBuilder::AttrInt(m.Node("Cast", {"y"}, {"z"}), "to", kFloat);
  m.Output("z");
  auto exe = Compile(m.model(), CompileOptions());
  auto out = exe->Run({HostTensor::FromFloats({2}, {1.0001f, 70000.f}), Tensor(kFloat16, {0}, {})});
  std::vector<float> z = out[0].ToFloats();
  EXPECT_EQ(z[0], 1.f);  // rounded through float16
  EXPECT_TRUE(std::isinf(z[1]));
}

TEST(DtypeTest, PackedInt4GraphIo) {
  ModelBuilder m(21);
  m.Input("x", {3}, kInt4);
  auto& n = m.Node("Cast", {"x"}, {"y"});
  ModelBuilder::AttrInt(n, "to", kUint4);
  m.Output("y", kUint4);
  auto exe = Compile(m.model(), CompileOptions());
  auto out = exe->Run({Tensor(kInt4, {3}, {0x8F, 0x03})});  // -1, -8, 3
  EXPECT_EQ(out[0].bytes, (std::vector<uint8_t>{0x8F, 0x03}));
  EXPECT_THROW(exe->Run({Tensor(kInt4, {3}, {0x8F, 0x03, 0x00})}), RunError);  // 3 elements pack into 2 bytes
}

TEST(DtypeTest, EmptyInputsCompileAndRun) {
  ModelBuilder m(13);
  m.Input("x", {0, 3});
  m.Input("b", {3});
  m.Node("Add", {"x", "b"}, {"y"});
  m.Node("Shape", {"y"}, {"s"});
  m.Output("y");
  m.Output("s", kInt64);
  auto exe = Compile(m.model(), CompileOptions());
  auto out = exe->Run({HostTensor::FromFloats({0, 3}, {}), HostTensor::FromFloats({3}, {1, 2, 3})});
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{0, 3}));
  EXPECT_TRUE(out[0].bytes.empty());
  EXPECT_EQ(out[1].bytes.size(), 16u);
}

}  // namespace
}  // namespace parity::rt
