// Image preprocessing with OpenCV (resize, crop) and a per-channel lookup table for the value transform: input
// pixels are 8-bit, so every output value is one of 256 per channel and is computed once, in double.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {

namespace datasets {
namespace {

using Spec = PreprocessSpec;

int OutputChannels(const Spec& spec) { return spec.color == Spec::Color::kGray ? 1 : 3; }

int CvInterpolation(Spec::Interpolation interpolation) {
  switch (interpolation) {
    case Spec::Interpolation::kNearest: return cv::INTER_NEAREST;
    case Spec::Interpolation::kLinear: return cv::INTER_LINEAR;
    case Spec::Interpolation::kCubic: return cv::INTER_CUBIC;
    case Spec::Interpolation::kArea: return cv::INTER_AREA;
    case Spec::Interpolation::kLanczos: return cv::INTER_LANCZOS4;
  }
  return cv::INTER_LINEAR;
}

void CheckPerChannel(const std::vector<double>& values, const char* field, int channels) {
  if (values.empty() || values.size() == 1 || static_cast<int>(values.size()) == channels) return;
  throw InputError("preprocess." + std::string(field) + " has " + std::to_string(values.size()) +
                   " values; give 1 or one per output channel (" + std::to_string(channels) + ")");
}

// (width, height) after the resize step.
cv::Size ResizedSize(const Spec& spec, int height, int width) {
  if (spec.resize) return {spec.resize->first, spec.resize->second};
  if (!spec.resize_shorter) return {width, height};
  const int n = *spec.resize_shorter;
  const auto longer = [n](int other, int shorter) {
    return std::max(1, static_cast<int>(std::lround(static_cast<double>(other) * n / shorter)));
  };
  if (width <= height) return {n, longer(height, width)};
  return {longer(width, height), n};
}

// The crop window inside a resized image of `size`.
cv::Rect CropRect(const Spec& spec, cv::Size size) {
  if (!spec.center_crop) return {0, 0, size.width, size.height};
  const auto [w, h] = *spec.center_crop;
  if (w > size.width || h > size.height) {
    throw InputError("preprocess.center_crop " + std::to_string(w) + "x" + std::to_string(h) +
                     " is larger than the image after resizing (" + std::to_string(size.width) + "x" +
                     std::to_string(size.height) + ")");
  }
  return {(size.width - w) / 2, (size.height - h) / 2, w, h};
}

Dims LayoutDims(const Spec& spec, int height, int width) {
  const int64_t c = OutputChannels(spec);
  if (spec.layout == Spec::Layout::kNhwc) return {1, height, width, c};
  return {1, c, height, width};
}

template <typename T>
T Convert(double v);
template <>
float Convert<float>(double v) { return static_cast<float>(v); }
template <>
uint16_t Convert<uint16_t>(double v) { return DoubleToFloat16(v); }
template <>
uint8_t Convert<uint8_t>(double v) { return static_cast<uint8_t>(v); }  // raw pixels only (validated)

template <typename T>
using Lut = std::vector<std::array<T, 256>>;

// One table per output channel: value of pixel p in that channel.
template <typename T>
Lut<T> BuildLut(const Spec& spec, int channels) {
  Lut<T> lut(channels);
  for (int c = 0; c < channels; ++c) {
    const double mean = spec.mean.empty() ? 0.0 : spec.mean[spec.mean.size() == 1 ? 0 : c];
    const double stdv = spec.std.empty() ? 1.0 : spec.std[spec.std.size() == 1 ? 0 : c];
    for (int p = 0; p < 256; ++p) lut[c][p] = Convert<T>((p * spec.scale - mean) / stdv);
  }
  return lut;
}

// Writes `img` (8-bit, 1 or 3 channels, BGR) into `out` in the spec's layout and channel order.
template <typename T>
void Pack(const cv::Mat& img, const Spec& spec, T* out) {
  const int channels = img.channels();
  const Lut<T> lut = BuildLut<T>(spec, channels);
  const bool swap = channels == 3 && spec.color == Spec::Color::kRgb;  // OpenCV holds BGR
  const bool nchw = spec.layout == Spec::Layout::kNchw;
  const int64_t plane = static_cast<int64_t>(img.rows) * img.cols;
  for (int y = 0; y < img.rows; ++y) {
    const uint8_t* row = img.ptr<uint8_t>(y);
    for (int x = 0; x < img.cols; ++x) {
      const int64_t pixel = static_cast<int64_t>(y) * img.cols + x;
      for (int oc = 0; oc < channels; ++oc) {
        const int sc = swap ? channels - 1 - oc : oc;
        const int64_t at = nchw ? oc * plane + pixel : pixel * channels + oc;
        out[at] = lut[oc][row[x * channels + sc]];
      }
    }
  }
}

cv::Mat ToOutputColor(const cv::Mat& src, const Spec& spec) {
  const int channels = OutputChannels(spec);
  if (src.channels() == channels) return src;
  cv::Mat dst;
  cv::cvtColor(src, dst, channels == 1 ? cv::COLOR_BGR2GRAY : cv::COLOR_GRAY2BGR);
  return dst;
}

Tensor PreprocessMat(const cv::Mat& decoded, const Spec& spec) {
  ValidatePreprocess(spec);
  cv::Mat img = ToOutputColor(decoded, spec);
  const cv::Size size = ResizedSize(spec, img.rows, img.cols);
  if (size != img.size()) {
    cv::Mat resized;
    cv::resize(img, resized, size, 0, 0, CvInterpolation(spec.interpolation));
    img = resized;
  }
  img = img(CropRect(spec, size));
  Tensor out(spec.dtype, LayoutDims(spec, img.rows, img.cols));
  switch (spec.dtype) {
    case ElementType::kFloat: Pack(img, spec, out.As<float>()); break;
    case ElementType::kFloat16: Pack(img, spec, out.As<uint16_t>()); break;
    default: Pack(img, spec, out.As<uint8_t>()); break;
  }
  return out;
}

}  // namespace

void ValidatePreprocess(const PreprocessSpec& spec) {
  if (spec.resize && spec.resize_shorter) {
    throw InputError("preprocess: set either resize or resize_shorter, not both");
  }
  if (spec.resize && (spec.resize->first <= 0 || spec.resize->second <= 0)) {
    throw InputError("preprocess.resize must be positive (width, height)");
  }
  if (spec.resize_shorter && *spec.resize_shorter <= 0) throw InputError("preprocess.resize_shorter must be positive");
  if (spec.center_crop && (spec.center_crop->first <= 0 || spec.center_crop->second <= 0)) {
    throw InputError("preprocess.center_crop must be positive (width, height)");
  }
  CheckPerChannel(spec.mean, "mean", OutputChannels(spec));
  CheckPerChannel(spec.std, "std", OutputChannels(spec));
  for (double s : spec.std) {
    if (s == 0 || !std::isfinite(s)) throw InputError("preprocess.std values must be finite and non-zero");
  }
  if (!std::isfinite(spec.scale)) throw InputError("preprocess.scale must be finite");
  const ElementType t = spec.dtype;
  if (t != ElementType::kFloat && t != ElementType::kFloat16 && t != ElementType::kUint8) {
    throw InputError("preprocess.dtype " + ElementTypeShortName(t) + " is not supported (float32, float16, uint8)");
  }
  if (t == ElementType::kUint8 && (spec.scale != 1.0 || !spec.mean.empty() || !spec.std.empty())) {
    throw InputError("preprocess.dtype uint8 feeds raw pixels: scale, mean and std need float32 or float16");
  }
}

Dims PreprocessedDims(const PreprocessSpec& spec, int height, int width) {
  ValidatePreprocess(spec);
  const cv::Rect crop = CropRect(spec, ResizedSize(spec, height, width));
  return LayoutDims(spec, crop.height, crop.width);
}

std::optional<Dims> FixedPreprocessedDims(const PreprocessSpec& spec) {
  ValidatePreprocess(spec);
  if (spec.center_crop) return LayoutDims(spec, spec.center_crop->second, spec.center_crop->first);
  if (spec.resize) return LayoutDims(spec, spec.resize->second, spec.resize->first);
  return std::nullopt;
}

Tensor DecodeAndPreprocess(const std::vector<uint8_t>& encoded, const std::string& what, const PreprocessSpec& spec) {
  // Pixels as stored (EXIF orientation ignored), as PIL and torchvision's loader see them.
  const int flags = (spec.color == Spec::Color::kGray ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR) |
                    cv::IMREAD_IGNORE_ORIENTATION;
  cv::Mat decoded;
  try {
    if (!encoded.empty()) {
      const cv::Mat buffer(1, static_cast<int>(encoded.size()), CV_8UC1, const_cast<uint8_t*>(encoded.data()));
      decoded = cv::imdecode(buffer, flags);
    }
  } catch (const cv::Exception& e) {
    throw InputError("'" + what + "' does not decode as an image: " + e.what());
  }
  if (decoded.empty()) throw InputError("'" + what + "' does not decode as an image (corrupt or unknown format)");
  try {
    return PreprocessMat(decoded, spec);
  } catch (const InputError& e) {
    throw InputError("'" + what + "': " + e.what());
  }
}

}  // namespace datasets

Tensor PreprocessImage(const std::vector<uint8_t>& hwc, int height, int width, int channels,
                       const PreprocessSpec& spec) {
  if (height <= 0 || width <= 0 || (channels != 1 && channels != 3)) {
    throw InputError("PreprocessImage: bad image geometry " + std::to_string(height) + "x" + std::to_string(width) +
                     "x" + std::to_string(channels) + " (1 or 3 channels)");
  }
  if (hwc.size() != static_cast<size_t>(height) * width * channels) {
    throw InputError("PreprocessImage: " + std::to_string(hwc.size()) + " bytes for a " + std::to_string(height) +
                     "x" + std::to_string(width) + "x" + std::to_string(channels) + " image");
  }
  const cv::Mat img(height, width, CV_8UC(channels), const_cast<uint8_t*>(hwc.data()));
  return datasets::PreprocessMat(img, spec);
}

}  // namespace parity
