// Any vendor runtime, through files (the three-stage flow: preprocess -> files -> infer -> files -> postprocess).
//
// Settings:
//   command  (required) a shell command template; {model}, {inputs}, {outputs} are replaced by the model path and
//            the input and output folders. The command reads <input name>.npy from {inputs} and must write
//            <output name>.npy into {outputs}; a non-zero exit or a missing output file is an InputError quoting
//            the command and the end of its stderr.
//   name     display name (default "external")
//   workdir  folder for the per-run folders (default: a fresh temporary folder)
// Output names containing '/' are written with '/' replaced by '_'.
#pragma once

#include <string>

#include "harness/backends/backend.h"

namespace parity {

class ExternalBackend : public Backend {
 public:
  explicit ExternalBackend(const BackendOptions& options);
  ~ExternalBackend() override;
  std::string name() const override { return name_; }
  void Load(const onnx::ModelProto& model) override;
  std::vector<IoInfo> inputs() const override { return inputs_; }
  std::vector<IoInfo> outputs() const override { return outputs_; }
  std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds) override;

 private:
  std::string command_;
  std::string name_ = "external";
  std::string workdir_;
  std::string model_path_;
  int runs_ = 0;
  std::vector<IoInfo> inputs_;
  std::vector<IoInfo> outputs_;
};

}  // namespace parity
