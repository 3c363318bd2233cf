// Datasets: labelled samples turned into model feeds (decode + preprocess), for dataset-accuracy runs and
// end-to-end benchmarks.
//
// Contract
// - OpenDataset() checks everything it can up front (files exist, formats parse, labels present for every
//   sample, the model input it feeds exists) and throws InputError naming the file/item and what is wrong.
// - Get(i) decodes and preprocesses sample i; a sample that fails (e.g. an image that does not decode) throws
//   InputError naming the sample's file, so callers can record it and go on.
// - A Dataset is used from one thread at a time; Get() is deterministic.
// - Relative paths in DatasetSpec (images, labels, synset, file) are taken relative to `root` when it is set.
// - Every image sample is one tensor [1, C, H, W] (NCHW) or [1, H, W, C] (NHWC) of preprocess.dtype; where the
//   model declares the input's type or shape, they must match (unknown dims match anything), else InputError
//   naming the input, the model's shape and the produced one. Checked at open when the output size is fixed by
//   the spec (crop, exact resize, or MNIST), else on each Get().
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/backends/backend.h"

namespace parity {

// Image preprocessing, applied in this order: decode (color) -> resize -> center crop -> channel order ->
// scale -> (x - mean) / std -> layout -> element type. Every step is optional except decode.
// - Resizing and cropping work on the 8-bit image (OpenCV cv::resize), as PIL/torchvision and cv2 pipelines do.
// - Shorter side to N: the longer side becomes round(long * N / short), half away from zero.
// - Center crop starts at ((W - w) / 2, (H - h) / 2) rounded down; a crop larger than the image is an InputError.
// - Values are (pixel * scale - mean[c]) / std[c] computed in double and rounded once to the output type; mean
//   and std hold 1 value (all channels) or one per channel, in the output's channel order. uint8 output takes
//   raw pixels only (scale 1, no mean/std).
struct PreprocessSpec {
  enum class Color { kBgr, kRgb, kGray };
  enum class Interpolation { kNearest, kLinear, kCubic, kArea, kLanczos };
  enum class Layout { kNchw, kNhwc };
  Color color = Color::kRgb;                  // channel order of the tensor fed to the model
  std::optional<std::pair<int, int>> resize;  // exact (width, height)
  std::optional<int> resize_shorter;          // shorter side to N, aspect kept (rounded to nearest)
  Interpolation interpolation = Interpolation::kLinear;
  std::optional<std::pair<int, int>> center_crop;  // (width, height)
  double scale = 1.0;                              // multiply pixel values (0-255) first
  std::vector<double> mean;                        // per channel, subtracted after scaling (empty = none)
  std::vector<double> std;                         // per channel divisor (empty = none)
  Layout layout = Layout::kNchw;
  ElementType dtype = ElementType::kFloat;  // float32, float16 or uint8
};

struct DatasetSpec {
  // mnist_idx:      images = IDX3 file (.gz allowed), labels = IDX1 file; pixels 0-255, scaled by preprocess.scale
  // image_folder:   root = folder of images; labels from `labels` (lines "file label") or from `synset`
  //                 (one wnid per line, line number = class) matched by the file name's "<wnid>_" prefix
  // npy_folder:     root = folder of <sample>.npy (one input) or <sample>/<input>.npy; labels optional
  //                 (`labels`: lines "sample label")
  // onnx_test_data: root = a folder with test_data_set_N/input_i.pb (expected outputs available as references);
  //                 input_i feeds the model's i-th input, output_j is keyed by the model's j-th output name
  //                 (when model_outputs are given; else the TensorProto's name, else "output_j"); unlabelled
  // csv:            file = CSV with a header; `feature_columns` feed the input as [1, F]; `label_column` the label
  //                 (integer or class name; names map through `class_names` or first-seen order); without
  //                 `feature_columns` every column but the label column is a feature; float32 values
  std::string kind;
  std::string root;
  std::string images, labels, synset, file;
  std::vector<std::string> feature_columns;
  std::string label_column;
  std::vector<std::string> class_names;
  std::string input;  // model input to feed (default: the model's only input)
  int64_t limit = 0;  // first N samples (0 = all)
  int64_t offset = 0;
  PreprocessSpec preprocess;
};

struct Sample {
  std::string id;  // file name, IDX index, test_data_set_N or "row N" (1-based): what a flip report shows
  std::map<std::string, Value> inputs;
  int64_t label = -1;  // -1 when unlabelled
  std::map<std::string, Value> expected;  // onnx_test_data: expected outputs by output name
};

class Dataset {
 public:
  virtual ~Dataset() = default;
  virtual size_t size() const = 0;
  virtual Sample Get(size_t index) const = 0;
  virtual std::string Describe() const = 0;  // e.g. "mnist_idx t10k-images-idx3-ubyte.gz (10000 samples)"
};

// `model_inputs` are the inputs of the model the dataset feeds (to pick and check the input it fills);
// `model_outputs` name the expected outputs of onnx_test_data (optional, ignored by the other kinds).
std::unique_ptr<Dataset> OpenDataset(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                                     const std::vector<IoInfo>& model_outputs = {});

// Applies `spec` to an 8-bit image (HWC, 1 or 3 channels, BGR as OpenCV decodes) and returns the model tensor.
// Exposed for tests and for end-to-end timing of the preprocessing stage. Throws InputError for a bad spec
// (both resizes set, crop larger than the image, mean/std of the wrong length, unsupported dtype).
Tensor PreprocessImage(const std::vector<uint8_t>& hwc, int height, int width, int channels,
                       const PreprocessSpec& spec);

}  // namespace parity
