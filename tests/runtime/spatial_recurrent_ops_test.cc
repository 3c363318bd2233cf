// Spatial, recurrent and quantization op options that no ONNX backend node case covers, checked against
// hand-computed values: RNN reverse direction with sequence_lens, Pad wrap with a negative (cropping) pad,
// MaxPool Indices in column-major storage_order, Resize-10's truncating nearest when downsampling, and
// QuantizeLinear-10 to its default uint8 (no zero point) with round-half-even and saturation; refused options name
// the attribute.
#include <gtest/gtest.h>

#include <cstring>

#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;
constexpr int kInt64 = 7, kUint8 = 2;

std::vector<int64_t> Int64s(const HostTensor& t) {
  std::vector<int64_t> v(t.bytes.size() / 8);
  std::memcpy(v.data(), t.bytes.data(), t.bytes.size());
  return v;
}

void AttrStrings(onnx::NodeProto& n, const std::string& name, const std::vector<std::string>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRINGS);
  for (const auto& s : v) a->add_strings(s);
}

void AttrString(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

// With W = R = 1 and Relu, h_t = x_t + h_{t-1}: the reverse direction accumulates from each row's last valid step;
// steps past a row's length give Y = 0 and leave the state alone.
TEST(SpatialRecurrentOpsTest, RnnReverseHonoursSequenceLens) {
  ModelBuilder b(14);
  b.Input("x", {3, 2, 1}).Input("lens", {2}, 6).Output("y").Output("yh");
  b.Init("w", {1, 1, 1}, {1.f}).Init("r", {1, 1, 1}, {1.f});
  auto& n = b.Node("RNN", {"x", "w", "r", "", "lens"}, {"y", "yh"});
  ModelBuilder::AttrInt(n, "hidden_size", 1);
  AttrString(n, "direction", "reverse");
  AttrStrings(n, "activations", {"Relu"});
  HostTensor lens;
  lens.dtype = 6;  // int32
  lens.dims = {2};
  const int32_t l[2] = {3, 2};
  lens.bytes.assign(reinterpret_cast<const uint8_t*>(l), reinterpret_cast<const uint8_t*>(l) + sizeof(l));
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({3, 2, 1}, {1, 10, 2, 20, 3, 30}), lens});
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{6, 30, 5, 20, 3, 0}));
  EXPECT_EQ(out[1].ToFloats(), (std::vector<float>{6, 30}));
}

TEST(SpatialRecurrentOpsTest, PadWrapWithNegativePad) {
  ModelBuilder b(19);
  b.Input("x", {1, 5}).Output("y");
  b.InitI64("pads", {4}, {0, -1, 0, 2});
  AttrString(b.Node("Pad", {"x", "pads"}, {"y"}), "mode", "wrap");
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({1, 5}, {0, 1, 2, 3, 4})});
  EXPECT_EQ(out[0].dims, (std::vector<int64_t>{1, 6}));
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{1, 2, 3, 4, 0, 1}));
}

TEST(SpatialRecurrentOpsTest, MaxPoolIndicesColumnMajor) {
  ModelBuilder b(12);
  b.Input("x", {1, 1, 2, 3}).Output("y").Output("i", kInt64);
  auto& n = b.Node("MaxPool", {"x"}, {"y", "i"});
  ModelBuilder::AttrInts(n, "kernel_shape", {2, 2});
  ModelBuilder::AttrInt(n, "storage_order", 1);
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({1, 1, 2, 3}, {1, 6, 3, 4, 2, 7})});
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{6, 7}));
  // 6 at (h 0, w 1) -> 0 + 1 * 2; 7 at (h 1, w 2) -> 1 + 2 * 2 (first spatial dim fastest).
  EXPECT_EQ(Int64s(out[1]), (std::vector<int64_t>{2, 5}));
}

// Resize-10 nearest maps x = o / scale and takes ceil(x) when the axis shrinks (onnxruntime's Resize-10).
TEST(SpatialRecurrentOpsTest, Resize10NearestDownsampleTakesCeil) {
  ModelBuilder b(10);
  b.Input("x", {1, 1, 1, 5}).Output("y");
  b.Init("scales", {4}, {1.f, 1.f, 1.f, 0.6f});
  b.Node("Resize", {"x", "scales"}, {"y"});
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({1, 1, 1, 5}, {0, 1, 2, 3, 4})});
  // out = floor(5 * 0.6) = 3; x = 0, 1.67, 3.33 -> ceil 0, 2, 4.
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{0, 2, 4}));
}

TEST(SpatialRecurrentOpsTest, QuantizeLinearDefaultsToUint8) {
  ModelBuilder b(13);
  b.Input("x", {6}).Output("y", kUint8);
  b.Init("s", {}, {2.f});
  b.Node("QuantizeLinear", {"x", "s"}, {"y"});
  auto out = Compile(b.model(), {})->Run({HostTensor::FromFloats({6}, {1, 3, 5, -4, 600, 7})});
  // x / 2 = 0.5, 1.5, 2.5 (half to even: 0, 2, 2), -2 (saturates to 0), 300 (to 255), 3.5 (4).
  EXPECT_EQ(out[0].bytes, (std::vector<uint8_t>{0, 2, 2, 0, 255, 4}));
}

TEST(SpatialRecurrentOpsTest, RnnClipIsACompileErrorNamingTheAttribute) {
  ModelBuilder b(14);
  b.Input("x", {1, 1, 1}).Output("y");
  b.Init("w", {1, 1, 1}, {1.f}).Init("r", {1, 1, 1}, {1.f});
  ModelBuilder::AttrFloat(b.Node("RNN", {"x", "w", "r"}, {"y"}), "clip", 1.f);
  std::string err;
  try {
    Compile(b.model(), {});
  } catch (const CompileError& e) {
    err = e.what();
  }
  EXPECT_NE(err.find("clip"), std::string::npos) << err;
}

}  // namespace
}  // namespace parity::rt
