// OpenCV DNN's ONNX importer behind the Backend interface: a third engine users already know. Float32 tensors
// only (OpenCV DNN's own limit); other types are an InputError naming the input. Settings: `threads`.
#pragma once

#include <memory>

#include "harness/backends/backend.h"

namespace parity {

class OpenCvBackend : public Backend {
 public:
  explicit OpenCvBackend(const BackendOptions& options);
  ~OpenCvBackend() override;
  std::string name() const override;
  void Load(const onnx::ModelProto& model) override;
  std::vector<IoInfo> inputs() const override { return inputs_; }
  std::vector<IoInfo> outputs() const override { return outputs_; }
  std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds) override;

 private:
  struct Net;
  BackendOptions options_;
  std::unique_ptr<Net> net_;
  std::vector<IoInfo> inputs_;
  std::vector<IoInfo> outputs_;
};

}  // namespace parity
