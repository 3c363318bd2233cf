// MNIST-style IDX files: IDX3 (unsigned byte images, magic 0x00000803) and IDX1 (labels, magic 0x00000801),
// big-endian headers, raw or gzip (zlib reads both). Both files are read whole at open: 10,000 MNIST images
// are 7.8 MB.
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {
namespace datasets {

namespace {

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;

std::vector<uint8_t> ReadMaybeGzipped(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError("IDX file '" + path + "' does not exist");
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) throw InputError("cannot open IDX file '" + path + "'");
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  for (;;) {
    const int n = gzread(file, chunk, sizeof(chunk));
    if (n < 0) {
      int code = 0;
      const std::string message = gzerror(file, &code);
      gzclose(file);
      throw InputError("IDX file '" + path + "' is corrupt or truncated (zlib: " + message + ")");
    }
    if (n == 0) break;
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  gzclose(file);
  return bytes;
}

uint32_t BigEndian32(const std::vector<uint8_t>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) | uint32_t{b[at + 3]};
}

std::string Hex(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof(text), "0x%08x", v);
  return text;
}

void CheckMagic(const std::vector<uint8_t>& bytes, size_t header, uint32_t magic, const std::string& path) {
  if (bytes.size() < header) {
    throw InputError("IDX file '" + path + "' is truncated: " + std::to_string(bytes.size()) + " bytes, shorter than" +
                     " its " + std::to_string(header) + "-byte header");
  }
  const uint32_t found = BigEndian32(bytes, 0);
  if (found != magic) {
    throw InputError("'" + path + "' is not an IDX" + (magic == kImagesMagic ? "3 image" : "1 label") +
                     " file: magic " + Hex(found) + ", expected " + Hex(magic));
  }
}

void CheckPayload(const std::vector<uint8_t>& bytes, size_t header, uint64_t count, uint64_t item_bytes,
                  const std::string& path, const char* what) {
  const uint64_t held = (bytes.size() - header) / item_bytes;
  if (held < count) {
    throw InputError("IDX file '" + path + "' is truncated: its header announces " + std::to_string(count) + " " +
                     what + " but it holds " + std::to_string(held));
  }
}

class MnistIdxDataset : public Dataset {
 public:
  MnistIdxDataset(const DatasetSpec& spec, const IoInfo& input) : spec_(spec), input_(input.name) {
    if (spec.images.empty()) throw InputError("dataset kind mnist_idx needs `images` (an IDX3 file)");
    images_path_ = ResolvePath(spec, spec.images);
    LoadImages();
    if (!spec.labels.empty()) LoadLabels(ResolvePath(spec, spec.labels));
    Dims dims;
    try {
      dims = PreprocessedDims(spec.preprocess, rows_, cols_);
    } catch (const InputError& e) {
      throw InputError("'" + images_path_ + "': " + e.what());
    }
    CheckFeed(input, spec.preprocess.dtype, dims, "mnist_idx '" + images_path_ + "'");
  }

  size_t size() const override { return count_; }

  Sample Get(size_t index) const override {
    if (index >= count_) {
      throw std::out_of_range("IDX image " + std::to_string(index) + " of " + std::to_string(count_));
    }
    const size_t pixels = static_cast<size_t>(rows_) * cols_;
    const auto begin = images_.begin() + 16 + static_cast<std::ptrdiff_t>(index * pixels);
    Sample sample;
    sample.id = std::to_string(index);
    sample.inputs[input_] = PreprocessImage(std::vector<uint8_t>(begin, begin + pixels), rows_, cols_, 1,
                                            spec_.preprocess);
    if (!labels_.empty()) sample.label = labels_[8 + index];
    return sample;
  }

  std::string Describe() const override {
    return "mnist_idx " + std::filesystem::path(images_path_).filename().string() + " (" + std::to_string(count_) +
           " samples)";
  }

 private:
  void LoadImages() {
    images_ = ReadMaybeGzipped(images_path_);
    CheckMagic(images_, 16, kImagesMagic, images_path_);
    count_ = BigEndian32(images_, 4);
    const uint32_t rows = BigEndian32(images_, 8);
    const uint32_t cols = BigEndian32(images_, 12);
    if (rows == 0 || cols == 0 || rows > 65536 || cols > 65536) {
      throw InputError("IDX file '" + images_path_ + "' declares images of " + std::to_string(rows) + "x" +
                       std::to_string(cols) + " pixels");
    }
    rows_ = static_cast<int>(rows);
    cols_ = static_cast<int>(cols);
    CheckPayload(images_, 16, count_, uint64_t{rows} * cols, images_path_, "images");
    if (count_ == 0) throw InputError("IDX file '" + images_path_ + "' holds no images");
  }

  void LoadLabels(const std::string& path) {
    labels_ = ReadMaybeGzipped(path);
    CheckMagic(labels_, 8, kLabelsMagic, path);
    const uint32_t count = BigEndian32(labels_, 4);
    CheckPayload(labels_, 8, count, 1, path, "labels");
    if (count != count_) {
      throw InputError("label count mismatch: '" + path + "' holds " + std::to_string(count) + " labels but '" +
                       images_path_ + "' holds " + std::to_string(count_) + " images");
    }
  }

  DatasetSpec spec_;
  std::string input_;
  std::string images_path_;
  std::vector<uint8_t> images_;  // whole file, header included
  std::vector<uint8_t> labels_;  // whole file, header included; empty when unlabelled
  size_t count_ = 0;
  int rows_ = 0;
  int cols_ = 0;
};

}  // namespace

std::unique_ptr<Dataset> OpenMnistIdx(const DatasetSpec& spec, const IoInfo& input) {
  return std::make_unique<MnistIdxDataset>(spec, input);
}

}  // namespace datasets
}  // namespace parity
