// Datasets on the real shared material (../shared), skipped when it is absent: MNIST test set, the ImageNet sample
// with its synset (and the SqueezeNet fp16 recipe's decode + preprocess time), mnist-8's test data sets, the
// UltraFace photos, the iris CSV.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <opencv2/core.hpp>

#include "harness/datasets/dataset.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

fs::path Shared() { return fs::path(PARITY_SOURCE_DIR).parent_path() / "shared"; }

IoInfo Input(const std::string& name, ElementType type, Dims dims) {
  IoInfo info;
  info.name = name;
  info.type = type;
  info.has_shape = true;
  info.dims = std::move(dims);
  return info;
}

TEST(DatasetShared, MnistTestSetHas10000LabelledImages) {
  const fs::path dir = Shared() / "datasets/mnist";
  if (!fs::exists(dir / "t10k-images-idx3-ubyte.gz")) GTEST_SKIP() << "no " << dir;
  DatasetSpec spec;
  spec.kind = "mnist_idx";
  spec.root = dir.string();
  spec.images = "t10k-images-idx3-ubyte.gz";
  spec.labels = "t10k-labels-idx1-ubyte.gz";
  spec.preprocess.color = PreprocessSpec::Color::kGray;
  const auto dataset = OpenDataset(spec, {Input("Input3", ElementType::kFloat, {1, 1, 28, 28})});
  ASSERT_EQ(dataset->size(), 10000u);
  std::vector<int> per_class(10, 0);
  for (size_t i = 0; i < dataset->size(); ++i) {
    const Sample s = dataset->Get(i);
    ASSERT_GE(s.label, 0);
    ASSERT_LT(s.label, 10);
    ++per_class[s.label];
  }
  int total = 0;
  for (int n : per_class) {
    EXPECT_GT(n, 800);
    total += n;
  }
  EXPECT_EQ(total, 10000);
  EXPECT_EQ(dataset->Get(0).label, 7);  // the famous first test digit
}

TEST(DatasetShared, ImagenetSampleOpensWithSynsetLabels) {
  const fs::path dir = Shared() / "datasets/imagenet-sample";
  if (!fs::exists(dir / "synset.txt")) GTEST_SKIP() << "no " << dir;
  DatasetSpec spec;
  spec.kind = "image_folder";
  spec.root = dir.string();
  spec.synset = "synset.txt";
  // SqueezeNet 1.0 fp16: shorter side 256 bilinear, center crop 224, BGR 0-255 minus (104, 117, 123), float16.
  spec.preprocess.color = PreprocessSpec::Color::kBgr;
  spec.preprocess.resize_shorter = 256;
  spec.preprocess.center_crop = std::make_pair(224, 224);
  spec.preprocess.mean = {104, 117, 123};
  spec.preprocess.dtype = ElementType::kFloat16;
  const auto dataset = OpenDataset(spec, {Input("data_0", ElementType::kFloat16, {1, 3, 224, 224})});
  ASSERT_EQ(dataset->size(), 250u);
  const int threads = cv::getNumThreads();
  cv::setNumThreads(1);  // per-image cost on one thread
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < dataset->size(); ++i) {
    const Sample s = dataset->Get(i);
    EXPECT_EQ(s.label % 4, 0) << s.id;  // one image for every fourth class
    EXPECT_EQ(s.inputs.at("data_0").tensor.dims, (Dims{1, 3, 224, 224}));
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  cv::setNumThreads(threads);
  std::printf("[ imagenet-sample ] decode + SqueezeNet preprocess: %.2f ms/image (1 thread)\n", ms / 250);
  RecordProperty("ms_per_image", std::to_string(ms / 250));
  EXPECT_EQ(dataset->Get(0).id, "n01440764_tench.JPEG");
  EXPECT_EQ(dataset->Get(0).label, 0);
}

TEST(DatasetShared, Mnist8TestDataSets) {
  const fs::path dir = Shared() / "models/real/mnist-8";
  if (!fs::exists(dir / "test_data_set_0")) GTEST_SKIP() << "no " << dir;
  DatasetSpec spec;
  spec.kind = "onnx_test_data";
  spec.root = dir.string();
  const auto dataset = OpenDataset(spec, {Input("Input3", ElementType::kFloat, {1, 1, 28, 28})},
                                   {Input("Plus214_Output_0", ElementType::kFloat, {1, 10})});
  ASSERT_EQ(dataset->size(), 3u);
  const Sample s = dataset->Get(2);
  EXPECT_EQ(s.inputs.at("Input3").tensor.dims, (Dims{1, 1, 28, 28}));
  EXPECT_EQ(s.expected.at("Plus214_Output_0").tensor.dims, (Dims{1, 10}));
}

TEST(DatasetShared, UltraFacePhotosWithItsRecipe) {
  const fs::path dir = Shared() / "models/real/ultraface-rfb-320/images";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no " << dir;
  DatasetSpec spec;
  spec.kind = "image_folder";
  spec.root = dir.string();
  spec.preprocess.resize = std::make_pair(320, 240);  // (RGB - 127) / 128
  spec.preprocess.mean = {127};
  spec.preprocess.std = {128};
  const auto dataset = OpenDataset(spec, {Input("input", ElementType::kFloat, {1, 3, 240, 320})});
  ASSERT_EQ(dataset->size(), 12u);
  const Sample s = dataset->Get(0);
  EXPECT_EQ(s.label, -1);
  for (double v : s.inputs.at("input").tensor.ToDoubles()) ASSERT_TRUE(v >= -127.0 / 128 && v <= 1.0) << v;
}

TEST(DatasetShared, IrisCsvWithClassNames) {
  const fs::path file = Shared() / "models/real/iris-mlp/iris.csv";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file;
  DatasetSpec spec;
  spec.kind = "csv";
  spec.file = file.string();
  spec.feature_columns = {"SepalLengthCm", "SepalWidthCm", "PetalLengthCm", "PetalWidthCm"};
  spec.label_column = "Species";
  const auto dataset = OpenDataset(spec, {Input("x", ElementType::kFloat, {-1, 4})});
  ASSERT_EQ(dataset->size(), 150u);
  std::vector<int> per_class(3, 0);
  for (size_t i = 0; i < dataset->size(); ++i) ++per_class.at(dataset->Get(i).label);
  EXPECT_EQ(per_class, (std::vector<int>{50, 50, 50}));
}

}  // namespace
}  // namespace parity
