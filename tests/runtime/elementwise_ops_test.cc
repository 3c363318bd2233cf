// Elementwise, reduction and scan ops that no ONNX backend node case covers (or covers only at one dtype), checked
// against hand-computed values: Mod sign rules, exact integer Pow, float Pow bit-exact with std::pow, BitShift on
// uint64, variadic Max with NaN, integer Clip, ReduceL1/ReduceLogSum, Trilu with an extreme k, CumSum
// reverse+exclusive, legacy broadcast.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;
constexpr int kInt64 = 7, kUint64 = 13, kBool = 9;

std::vector<int64_t> Int64s(const HostTensor& t) {
  std::vector<int64_t> v(t.bytes.size() / 8);
  std::memcpy(v.data(), t.bytes.data(), t.bytes.size());
  return v;
}

void ExpectFloats(const HostTensor& t, const std::vector<float>& want) {
  std::vector<float> got = t.ToFloats();
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << i;
    } else {
      EXPECT_TRUE(testing::Near(got[i], want[i], testing::Tol("hand"))) << i << ": " << got[i] << " vs " << want[i];
    }
  }
}

// One-node graph: inputs a (and b), output y; returns the node for attributes.
onnx::NodeProto& OneNode(ModelBuilder& b, const std::string& op, std::vector<std::string> in, int out_dtype) {
  b.Output("y", out_dtype);
  return b.Node(op, std::move(in), {"y"});
}

TEST(ElementwiseOpsTest, ModIntegerTakesDivisorSignUnlessFmod) {
  for (int fmod : {0, 1}) {
    ModelBuilder b;
    b.Input("a", {4}, kInt64).Input("b", {4}, kInt64);
    ModelBuilder::AttrInt(OneNode(b, "Mod", {"a", "b"}, kInt64), "fmod", fmod);
    auto out = Compile(b.model(), {})
                   ->Run({HostTensor::FromInt64s({4}, {7, -7, 7, -7}), HostTensor::FromInt64s({4}, {3, 3, -3, 0})});
    std::vector<int64_t> want = fmod ? std::vector<int64_t>{1, -1, 1, 0} : std::vector<int64_t>{1, 2, -2, 0};
    EXPECT_EQ(Int64s(out[0]), want) << "fmod=" << fmod;
  }
}

TEST(ElementwiseOpsTest, IntegerPowIsExactAndWraps) {
  ModelBuilder b;
  b.Input("a", {4}, kInt64).Input("b", {4}, kInt64);
  OneNode(b, "Pow", {"a", "b"}, kInt64);
  auto out = Compile(b.model(), {})
                 ->Run({HostTensor::FromInt64s({4}, {3, -1, 2, 5}), HostTensor::FromInt64s({4}, {39, -3, 64, -1})});
  EXPECT_EQ(Int64s(out[0]), (std::vector<int64_t>{4052555153018976267, -1, 0, 0}));
}

TEST(ElementwiseOpsTest, FloatPowMatchesStdPowBitForBit) {
  // Exponent 2 takes a multiply; it must give pow's results for every class of input, and other exponents
  // (including ones next to 2) must still go through pow.
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> a = {-0.f, 0.f, 1.5f, -3.25f, 1e20f, -1e-30f, 1e-45f, inf, -inf, nan, 0.1f, -7.f};
  for (float e : {2.f, 2.0000002f, 1.9999999f, 0.5f, 3.f, -2.f}) {
    ModelBuilder b;
    b.Input("a", {static_cast<int64_t>(a.size())}).Input("b", {1});
    OneNode(b, "Pow", {"a", "b"}, 1);
    const std::vector<float> got =
        Compile(b.model(), {})
            ->Run({HostTensor::FromFloats({static_cast<int64_t>(a.size())}, a), HostTensor::FromFloats({1}, {e})})[0]
            .ToFloats();
    ASSERT_EQ(got.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const float want = std::pow(a[i], e);
      uint32_t gw = 0, ww = 0;
      std::memcpy(&gw, &got[i], 4);
      std::memcpy(&ww, &want, 4);
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got[i])) << a[i] << " ^ " << e;
      } else {
        EXPECT_EQ(gw, ww) << a[i] << " ^ " << e << ": got " << got[i] << ", want " << want;
      }
    }
  }
}

TEST(ElementwiseOpsTest, BitShiftRightIsLogicalOnUint64) {
  ModelBuilder b(11);
  b.Input("a", {2}, kUint64).Input("b", {1}, kUint64);
  auto* dir = OneNode(b, "BitShift", {"a", "b"}, kUint64).add_attribute();
  dir->set_name("direction");
  dir->set_type(onnx::AttributeProto::STRING);
  dir->set_s("RIGHT");
  HostTensor a{kUint64, {2}, std::vector<uint8_t>(16)}, s{kUint64, {1}, std::vector<uint8_t>(8)};
  uint64_t av[2] = {(1ull << 63) | 8u, 16u}, sv = 2;
  std::memcpy(a.bytes.data(), av, 16);
  std::memcpy(s.bytes.data(), &sv, 8);
  auto out = Compile(b.model(), {})->Run({a, s});
  uint64_t got[2];
  ASSERT_EQ(out[0].bytes.size(), 16u);
  std::memcpy(got, out[0].bytes.data(), 16);
  EXPECT_EQ(got[0], (1ull << 61) | 2u);
  EXPECT_EQ(got[1], 4u);
}

TEST(ElementwiseOpsTest, VariadicMaxBroadcastsAndPropagatesNan) {
  ModelBuilder b;
  b.Input("a", {2, 1}).Input("b", {3}).Input("c", {1});
  OneNode(b, "Max", {"a", "b", "c"}, 1);
  float nan = std::numeric_limits<float>::quiet_NaN();
  auto out = Compile(b.model(), {})
                 ->Run({HostTensor::FromFloats({2, 1}, {0.f, 5.f}), HostTensor::FromFloats({3}, {1.f, nan, -1.f}),
                        HostTensor::FromFloats({1}, {0.5f})});
  ExpectFloats(out[0], {1.f, nan, 0.5f, 5.f, nan, 5.f});
}

TEST(ElementwiseOpsTest, IntegerClipWithMinAboveMaxGivesMax) {
  ModelBuilder b;
  b.Input("x", {3}, kInt64).InitI64("lo", {}, {10}).InitI64("hi", {}, {4});
  OneNode(b, "Clip", {"x", "lo", "hi"}, kInt64);
  auto out = Compile(b.model(), {})->Run({HostTensor::FromInt64s({3}, {-5, 7, 20})});
  EXPECT_EQ(Int64s(out[0]), (std::vector<int64_t>{4, 4, 4}));
}

TEST(ElementwiseOpsTest, ReduceL1AndLogSumOverAxisOne) {
  for (const char* op : {"ReduceL1", "ReduceLogSum"}) {
    ModelBuilder b;
    b.Input("x", {2, 3});
    auto& n = OneNode(b, op, {"x"}, 1);
    ModelBuilder::AttrInts(n, "axes", {1});
    ModelBuilder::AttrInt(n, "keepdims", 0);
    auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({2, 3}, {1.f, -2.f, 3.f, 0.5f, 0.25f, 0.25f})});
    if (std::string(op) == "ReduceL1") {
      ExpectFloats(out[0], {6.f, 1.f});
    } else {
      ExpectFloats(out[0], {std::log(2.f), 0.f});
    }
  }
}

TEST(ElementwiseOpsTest, TriluWithExtremeKKeepsOrClearsEverything) {
  for (int upper : {0, 1}) {
    ModelBuilder b(14);
    b.Input("x", {2, 2}).InitI64("k", {}, {std::numeric_limits<int64_t>::min() + 1});
    ModelBuilder::AttrInt(OneNode(b, "Trilu", {"x", "k"}, 1), "upper", upper);
    auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({2, 2}, {1.f, 2.f, 3.f, 4.f})});
    ExpectFloats(out[0], upper ? std::vector<float>{1.f, 2.f, 3.f, 4.f} : std::vector<float>{0.f, 0.f, 0.f, 0.f});
  }
}

TEST(ElementwiseOpsTest, CumSumReverseExclusive) {
  ModelBuilder b(14);
  b.Input("x", {4}, kInt64).InitI64("axis", {}, {0});
  auto& n = OneNode(b, "CumSum", {"x", "axis"}, kInt64);
  ModelBuilder::AttrInt(n, "exclusive", 1);
  ModelBuilder::AttrInt(n, "reverse", 1);
  auto out = Compile(b.model(), {})->Run({HostTensor::FromInt64s({4}, {1, 2, 3, 4})});
  EXPECT_EQ(Int64s(out[0]), (std::vector<int64_t>{9, 7, 4, 0}));
}

TEST(ElementwiseOpsTest, LegacyBroadcastAlignsBAtAxis) {
  ModelBuilder b(6);
  b.Input("a", {2, 3}).Input("b", {2});
  auto& n = OneNode(b, "Sub", {"a", "b"}, 1);
  ModelBuilder::AttrInt(n, "broadcast", 1);
  ModelBuilder::AttrInt(n, "axis", 0);
  auto out = Compile(b.model(), {})
                 ->Run({HostTensor::FromFloats({2, 3}, {1.f, 2.f, 3.f, 4.f, 5.f, 6.f}),
                        HostTensor::FromFloats({2}, {1.f, 10.f})});
  ExpectFloats(out[0], {0.f, 1.f, 2.f, -6.f, -5.f, -4.f});
}

TEST(ElementwiseOpsTest, IsInfHonoursDetectFlags) {
  ModelBuilder b(10);
  b.Input("x", {3});
  ModelBuilder::AttrInt(OneNode(b, "IsInf", {"x"}, kBool), "detect_positive", 0);
  float inf = std::numeric_limits<float>::infinity();
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({3}, {inf, -inf, 1.f})});
  EXPECT_EQ(out[0].bytes, (std::vector<uint8_t>{0, 1, 0}));
}

}  // namespace
}  // namespace parity::rt
