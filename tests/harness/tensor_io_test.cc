#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>

#include "harness/core/errors.h"
#include "harness/io/npy.h"
#include "harness/io/tensor_pb.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("parity_io_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(TensorPb, RoundTripsEveryNumericType) {
  const ElementType types[] = {ElementType::kFloat,  ElementType::kDouble, ElementType::kFloat16, ElementType::kBfloat16,
                               ElementType::kInt8,   ElementType::kUint8,  ElementType::kInt16,   ElementType::kUint16,
                               ElementType::kInt32,  ElementType::kUint32, ElementType::kInt64,   ElementType::kUint64,
                               ElementType::kBool,   ElementType::kInt4,   ElementType::kUint4,   ElementType::kInt2};
  for (ElementType type : types) {
    const std::vector<double> values = {0, 1, 1, 0, 1};
    Tensor t = Tensor::FromDoubles(type, {5}, values);
    onnx::TensorProto proto;
    TensorToOnnx(t, "x", &proto);
    Tensor back = TensorFromOnnx(proto, "x");
    EXPECT_EQ(back.dtype, type) << ElementTypeName(type);
    EXPECT_EQ(back.ToDoubles(), values) << ElementTypeName(type);
  }
}

TEST(TensorPb, PacksInt4TwoPerByteLowNibbleFirst) {
  Tensor t = Tensor::FromInt64s(ElementType::kInt4, {3}, {-8, 7, -1});
  onnx::TensorProto proto;
  TensorToOnnx(t, "x", &proto);
  ASSERT_EQ(proto.raw_data().size(), 2u);
  EXPECT_EQ(static_cast<uint8_t>(proto.raw_data()[0]), 0x78);  // 7 << 4 | (-8 & 0xf)
  EXPECT_EQ(static_cast<uint8_t>(proto.raw_data()[1]), 0x0f);
  EXPECT_EQ(TensorFromOnnx(proto, "x").IntAt(0), -8);
}

TEST(TensorPb, ReadsTypedFields) {
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT16);
  proto.add_dims(2);
  proto.add_int32_data(0x3c00);  // 1.0
  proto.add_int32_data(0xc000);  // -2.0
  Tensor t = TensorFromOnnx(proto, "x");
  EXPECT_EQ(t.ToDoubles(), (std::vector<double>{1.0, -2.0}));
}

TEST(TensorPb, TruncatedRawDataIsAnInputErrorNamingTheCounts) {
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.add_dims(4);
  proto.set_raw_data(std::string(12, '\0'));
  try {
    TensorFromOnnx(proto, "weights");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("weights"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("needs 16"), std::string::npos) << e.what();
  }
}

TEST(TensorPb, MissingAndCorruptFilesAreInputErrors) {
  EXPECT_THROW(ReadTensorPb("/nonexistent/input_0.pb"), InputError);
  const fs::path bad = TempDir() / "corrupt.pb";
  std::ofstream(bad) << "\xff\xff\xff not a protobuf";
  EXPECT_THROW(ReadTensorPb(bad.string()), InputError);
}

TEST(Npy, RoundTripsAndReportsTruncation) {
  const fs::path file = TempDir() / "x.npy";
  Tensor t = Tensor::FromDoubles(ElementType::kFloat, {2, 3}, {1, 2, 3, 4, 5, 6});
  WriteNpy(t, file.string());
  Tensor back = ReadNpy(file.string());
  EXPECT_EQ(back.dims, (Dims{2, 3}));
  EXPECT_EQ(back.ToDoubles(), t.ToDoubles());
  fs::resize_file(file, fs::file_size(file) - 4);
  try {
    ReadNpy(file.string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
}

TEST(Npy, ScalarAndOneDimensionalShapes) {
  const fs::path file = TempDir() / "s.npy";
  WriteNpy(Tensor::FromDoubles(ElementType::kInt64, {}, {42}), file.string());
  EXPECT_EQ(ReadNpy(file.string()).dims, Dims{});
  WriteNpy(Tensor::FromDoubles(ElementType::kInt64, {3}, {1, 2, 3}), file.string());
  EXPECT_EQ(ReadNpy(file.string()).dims, Dims{3});
}

TEST(Npy, RejectsWhatNumpyCannotHold) {
  EXPECT_THROW(WriteNpy(Tensor(ElementType::kBfloat16, {1}), (TempDir() / "b.npy").string()), InputError);
  EXPECT_THROW(ReadNpy("/nonexistent.npy"), InputError);
}

}  // namespace
}  // namespace parity
