// mnist_idx and image_folder on tiny fixtures written at test time (IDX gz/raw, PNG/JPEG, synset, label lists),
// and each bad input's InputError.
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/harness/dataset_fixture.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

// ---- mnist_idx ----

std::vector<uint8_t> Idx(uint32_t magic, const std::vector<uint32_t>& dims, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> bytes;
  auto put = [&bytes](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(v >> shift));
  };
  put(magic);
  for (uint32_t d : dims) put(d);
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes, bool gzip) {
  if (!gzip) {
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return;
  }
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
  gzclose(f);
}

// Three 2x3 images whose pixels are 10 * image + position, labels 7, 8, 9.
std::vector<uint8_t> ImagePixels(int count) {
  std::vector<uint8_t> pixels;
  for (int i = 0; i < count; ++i) {
    for (int p = 0; p < 6; ++p) pixels.push_back(static_cast<uint8_t>(10 * i + p));
  }
  return pixels;
}

DatasetSpec MnistSpec(const fs::path& dir) {
  DatasetSpec spec;
  spec.kind = "mnist_idx";
  spec.root = dir.string();
  spec.images = "images.gz";
  spec.labels = "labels.gz";
  spec.preprocess.color = PreprocessSpec::Color::kGray;
  return spec;
}

const std::vector<IoInfo> kMnistInput = {Input("Input3", ElementType::kFloat, {1, 1, 2, 3})};

TEST_F(DatasetTest, MnistIdxReadsGzippedAndRawFiles) {
  for (bool gzip : {true, false}) {
    WriteBytes(Path("images.gz"), Idx(0x803, {3, 2, 3}, ImagePixels(3)), gzip);
    WriteBytes(Path("labels.gz"), Idx(0x801, {3}, {7, 8, 9}), gzip);
    const auto dataset = OpenDataset(MnistSpec(dir_), kMnistInput);
    ASSERT_EQ(dataset->size(), 3u);
    const Sample s = dataset->Get(1);
    EXPECT_EQ(s.id, "1");
    EXPECT_EQ(s.label, 8);
    EXPECT_EQ(s.inputs.at("Input3").tensor.dims, (Dims{1, 1, 2, 3}));
    EXPECT_EQ(s.inputs.at("Input3").tensor.ToDoubles(), (std::vector<double>{10, 11, 12, 13, 14, 15}));
    EXPECT_EQ(dataset->Describe(), "mnist_idx images.gz (3 samples)");
  }
}

TEST_F(DatasetTest, OffsetAndLimitWindowTheSamples) {
  WriteBytes(Path("images.gz"), Idx(0x803, {3, 2, 3}, ImagePixels(3)), true);
  WriteBytes(Path("labels.gz"), Idx(0x801, {3}, {7, 8, 9}), true);
  DatasetSpec spec = MnistSpec(dir_);
  spec.offset = 1;
  spec.limit = 1;
  const auto dataset = OpenDataset(spec, kMnistInput);
  ASSERT_EQ(dataset->size(), 1u);
  EXPECT_EQ(dataset->Get(0).label, 8);
  EXPECT_THROW(dataset->Get(1), std::out_of_range);
  spec.offset = 3;
  ExpectInputError([&] { OpenDataset(spec, kMnistInput); }, {"offset 3 is past the end"});
}

TEST_F(DatasetTest, MnistIdxTruncatedFilesAreInputErrors) {
  WriteBytes(Path("labels.gz"), Idx(0x801, {3}, {7, 8, 9}), true);
  std::vector<uint8_t> pixels = ImagePixels(3);
  pixels.resize(15);  // two and a half images
  WriteBytes(Path("images.gz"), Idx(0x803, {3, 2, 3}, pixels), true);
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), kMnistInput); },
                   {Path("images.gz"), "truncated", "announces 3 images but it holds 2"});
  // A gzip stream cut short.
  WriteBytes(Path("full.gz"), Idx(0x803, {3, 2, 3}, ImagePixels(3)), true);
  std::ifstream in(Path("full.gz"), std::ios::binary);
  std::vector<char> gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(Path("images.gz"), std::ios::binary).write(gz.data(), 20);
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), kMnistInput); }, {Path("images.gz")});
  WriteBytes(Path("images.gz"), {0, 0, 8}, false);
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), kMnistInput); }, {Path("images.gz"), "truncated"});
}

TEST_F(DatasetTest, MnistIdxBadMagicAndCountMismatch) {
  WriteBytes(Path("images.gz"), Idx(0x801, {3, 2, 3}, ImagePixels(3)), true);
  WriteBytes(Path("labels.gz"), Idx(0x801, {2}, {7, 8}), true);
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), kMnistInput); },
                   {Path("images.gz"), "not an IDX3 image file", "0x00000801"});
  WriteBytes(Path("images.gz"), Idx(0x803, {3, 2, 3}, ImagePixels(3)), true);
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), kMnistInput); },
                   {"label count mismatch", Path("labels.gz"), "holds 2 labels", "holds 3 images"});
  DatasetSpec missing = MnistSpec(dir_);
  missing.images = "nope.gz";
  ExpectInputError([&] { OpenDataset(missing, kMnistInput); }, {Path("nope.gz"), "does not exist"});
}

TEST_F(DatasetTest, WrongModelInputShapeNamesInputAndBothShapes) {
  WriteBytes(Path("images.gz"), Idx(0x803, {3, 2, 3}, ImagePixels(3)), true);
  WriteBytes(Path("labels.gz"), Idx(0x801, {3}, {7, 8, 9}), true);
  const std::vector<IoInfo> model = {Input("Input3", ElementType::kFloat, {1, 1, 28, 28})};
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), model); }, {"'Input3'", "[1,1,28,28]", "[1,1,2,3]"});
  const std::vector<IoInfo> fp16 = {Input("Input3", ElementType::kFloat16, {1, 1, 2, 3})};
  ExpectInputError([&] { OpenDataset(MnistSpec(dir_), fp16); }, {"'Input3'", "float16", "float32"});
  IoInfo batch = Input("Input3", ElementType::kFloat, {-1, 1, 2, 3});
  batch.dim_names = {"N", "", "", ""};
  EXPECT_EQ(OpenDataset(MnistSpec(dir_), {batch})->size(), 3u);  // unknown dims match
  DatasetSpec other = MnistSpec(dir_);
  other.input = "x";
  ExpectInputError([&] { OpenDataset(other, kMnistInput); }, {"'x' is not a model input", "'Input3'"});
}

// ---- image_folder ----

// Writes a 4x6 BGR PNG whose pixel (y, x) is (B y, G x, R seed).
void WritePng(const std::string& path, int seed) {
  cv::Mat img(4, 6, CV_8UC3);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 6; ++x) img.at<cv::Vec3b>(y, x) = cv::Vec3b(y, x, seed);
  }
  ASSERT_TRUE(cv::imwrite(path, img));
}

DatasetSpec FolderSpec(const fs::path& dir) {
  DatasetSpec spec;
  spec.kind = "image_folder";
  spec.root = (dir / "images").string();
  spec.preprocess.color = PreprocessSpec::Color::kRgb;
  spec.preprocess.dtype = ElementType::kUint8;
  return spec;
}

const std::vector<IoInfo> kImageInput = {Input("data", ElementType::kUint8, {1, 3, 4, 6})};

class DatasetImageFolderTest : public DatasetTest {
 protected:
  void SetUp() override {
    DatasetTest::SetUp();
    fs::create_directories(dir_ / "images");
    WritePng(Path("images/n002_b.png"), 200);
    WritePng(Path("images/n001_a.png"), 100);
    WriteText("images/notes.txt", "not an image\n");
    WriteText("synset.txt", "n000 zero, nil\nn001 one\nn002 two\n");
  }
};

TEST_F(DatasetImageFolderTest, LabelsFromSynsetPrefix) {
  DatasetSpec spec = FolderSpec(dir_);
  spec.synset = Path("synset.txt");
  const auto dataset = OpenDataset(spec, kImageInput);
  ASSERT_EQ(dataset->size(), 2u);
  const Sample s = dataset->Get(0);
  EXPECT_EQ(s.id, "n001_a.png");
  EXPECT_EQ(s.label, 1);
  EXPECT_EQ(dataset->Get(1).label, 2);
  const Tensor& t = s.inputs.at("data").tensor;
  EXPECT_EQ(t.dims, (Dims{1, 3, 4, 6}));
  EXPECT_EQ(t.At(0), 100);           // R plane
  EXPECT_EQ(t.At(24 + 5), 5);        // G plane, (0, 5): x
  EXPECT_EQ(t.At(48 + 3 * 6), 3);    // B plane, (3, 0): y
}

TEST_F(DatasetImageFolderTest, LabelsFromList) {
  DatasetSpec spec = FolderSpec(dir_);
  WriteText("labels.txt", "n001_a.png 5\nn002_b.png 6\n");
  spec.labels = Path("labels.txt");
  const auto dataset = OpenDataset(spec, kImageInput);
  EXPECT_EQ(dataset->Get(0).label, 5);
  EXPECT_EQ(dataset->Get(1).label, 6);
  WriteText("labels.txt", "n001_a.png 5\n");
  ExpectInputError([&] { OpenDataset(spec, kImageInput); }, {"n002_b.png", "has no label", Path("labels.txt")});
  WriteText("labels.txt", "n001_a.png 5\nn002_b.png six\n");
  ExpectInputError([&] { OpenDataset(spec, kImageInput); }, {Path("labels.txt"), "line 2", "'six'"});
}

TEST_F(DatasetImageFolderTest, MissingSynsetLabelNamesTheFile) {
  WritePng(Path("images/n999_c.png"), 1);
  DatasetSpec spec = FolderSpec(dir_);
  spec.synset = Path("synset.txt");
  ExpectInputError([&] { OpenDataset(spec, kImageInput); }, {"n999_c.png", "has no label", "synset.txt"});
}

TEST_F(DatasetImageFolderTest, UndecodableImageFailsOnlyThatSample) {
  WriteText("images/n001_bad.jpg", "this is no JPEG");
  DatasetSpec spec = FolderSpec(dir_);
  spec.synset = Path("synset.txt");
  const auto dataset = OpenDataset(spec, kImageInput);
  ASSERT_EQ(dataset->size(), 3u);
  EXPECT_EQ(dataset->Get(0).id, "n001_a.png");
  ExpectInputError([&] { dataset->Get(1); }, {"n001_bad.jpg", "does not decode"});
  EXPECT_EQ(dataset->Get(2).id, "n002_b.png");
}

TEST_F(DatasetImageFolderTest, CropLargerThanImageNamesTheFile) {
  DatasetSpec spec = FolderSpec(dir_);
  spec.preprocess.center_crop = std::make_pair(8, 4);
  const auto dataset = OpenDataset(spec, {Input("data", ElementType::kUint8, {1, 3, 4, 8})});
  ExpectInputError([&] { dataset->Get(0); }, {"n001_a.png", "center_crop 8x4 is larger"});
}

TEST_F(DatasetImageFolderTest, WrongModelShapeIsCaughtAtOpenOrPerSample) {
  DatasetSpec spec = FolderSpec(dir_);
  const std::vector<IoInfo> model = {Input("data", ElementType::kUint8, {1, 3, 224, 224})};
  spec.preprocess.center_crop = std::make_pair(2, 2);  // size fixed by the spec: checked at open
  ExpectInputError([&] { OpenDataset(spec, model); }, {"'data'", "[1,3,224,224]", "[1,3,2,2]"});
  spec.preprocess.center_crop.reset();  // size from each image: checked by Get
  const auto dataset = OpenDataset(spec, model);
  ExpectInputError([&] { dataset->Get(0); }, {"'data'", "[1,3,224,224]", "[1,3,4,6]", "n001_a.png"});
}

TEST_F(DatasetImageFolderTest, DecodesJpegAndGray) {
  fs::remove_all(dir_ / "images");
  fs::create_directories(dir_ / "images");
  const cv::Mat img(16, 16, CV_8UC3, cv::Scalar(30, 90, 150));
  ASSERT_TRUE(cv::imwrite(Path("images/x.jpg"), img));
  DatasetSpec spec = FolderSpec(dir_);
  spec.preprocess.dtype = ElementType::kFloat;
  spec.preprocess.layout = PreprocessSpec::Layout::kNhwc;
  Tensor t = OpenDataset(spec, {Input("data", ElementType::kFloat, {1, 16, 16, 3})})->Get(0).inputs["data"].tensor;
  EXPECT_NEAR(t.At(0), 150, 3);  // R first; JPEG is lossy
  EXPECT_NEAR(t.At(2), 30, 3);
  spec.preprocess.color = PreprocessSpec::Color::kGray;
  t = OpenDataset(spec, {Input("data", ElementType::kFloat, {1, 16, 16, 1})})->Get(0).inputs["data"].tensor;
  EXPECT_NEAR(t.At(0), 0.299 * 150 + 0.587 * 90 + 0.114 * 30, 3);
}

}  // namespace
}  // namespace parity
