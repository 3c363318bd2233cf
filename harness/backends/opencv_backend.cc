#include "harness/backends/opencv_backend.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "harness/backends/model_io.h"
#include "harness/core/errors.h"

namespace parity {

struct OpenCvBackend::Net {
  cv::dnn::Net net;
};

OpenCvBackend::OpenCvBackend(const BackendOptions& options) : options_(options) {
  for (const auto& [key, value] : options.settings) {
    if (key != "threads") throw InputError("unknown opencv setting '" + key + "'; allowed: threads");
    try {
      options_.threads = std::stoi(value);
    } catch (const std::exception&) {
      throw InputError("opencv setting threads=" + value + ": expected an integer");
    }
  }
}

OpenCvBackend::~OpenCvBackend() = default;

std::string OpenCvBackend::name() const {
  return "opencv-dnn " CV_VERSION + (options_.threads > 0 ? " t" + std::to_string(options_.threads) : std::string());
}

void OpenCvBackend::Load(const onnx::ModelProto& model) {
  const std::string bytes = model.SerializeAsString();
  net_ = std::make_unique<Net>();
  try {
    net_->net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
  } catch (const cv::Exception& e) {
    throw InputError(std::string("opencv-dnn cannot import the model: ") + e.what());
  }
  if (net_->net.empty()) throw InputError("opencv-dnn imported an empty network");
  if (options_.threads > 0) cv::setNumThreads(options_.threads);
  inputs_ = DeclaredInputs(model);
  outputs_ = DeclaredOutputs(model);
}

std::map<std::string, Value> OpenCvBackend::Run(const std::map<std::string, Value>& feeds) {
  try {
    for (const auto& info : inputs_) {
      auto it = feeds.find(info.name);
      if (it == feeds.end()) throw InputError("input '" + info.name + "' was not fed");
      const Tensor& t = it->second.tensor;
      if (it->second.kind != Value::Kind::kTensor || t.dtype != ElementType::kFloat) {
        throw InputError("opencv-dnn takes float32 tensors only; input '" + info.name + "' is " +
                         ElementTypeName(t.dtype));
      }
      std::vector<int> shape(t.dims.begin(), t.dims.end());
      cv::Mat blob(static_cast<int>(shape.size()), shape.data(), CV_32F, const_cast<uint8_t*>(t.data.data()));
      net_->net.setInput(blob.clone(), info.name);
    }
    std::vector<cv::String> names;
    for (const auto& o : outputs_) names.push_back(o.name);
    std::vector<cv::Mat> mats;
    net_->net.forward(mats, names);
    std::map<std::string, Value> out;
    for (size_t i = 0; i < names.size() && i < mats.size(); ++i) {
      cv::Mat m = mats[i].isContinuous() ? mats[i] : mats[i].clone();
      if (m.depth() != CV_32F) m.convertTo(m, CV_32F);
      Dims dims(m.size.p, m.size.p + m.dims);
      // OpenCV reports 1-D blobs as 2-D: use the model's declared shape when it is static and agrees in size.
      const Dims& declared = outputs_[i].dims;
      const bool declared_static = outputs_[i].has_shape && std::all_of(declared.begin(), declared.end(),
                                                                        [](int64_t d) { return d >= 0; });
      if (declared_static && NumElements(declared) == static_cast<int64_t>(m.total())) dims = declared;
      Tensor t(ElementType::kFloat, dims);
      std::memcpy(t.data.data(), m.data, t.data.size());
      out[names[i]] = Value(std::move(t));
    }
    return out;
  } catch (const cv::Exception& e) {
    throw InputError(std::string("opencv-dnn: ") + e.what());
  }
}

}  // namespace parity
