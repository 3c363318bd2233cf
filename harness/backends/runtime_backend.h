// Backend over parity's optimized CPU runtime (runtime/), compiled under the CompileOptions that the backend's
// settings describe (see runtime_settings.h).
#pragma once

#include <memory>

#include "harness/backends/backend.h"
#include "parity/runtime/runtime.h"

namespace parity {

class RuntimeBackend : public Backend {
 public:
  // Throws InputError for unknown settings or values.
  explicit RuntimeBackend(const BackendOptions& options);
  ~RuntimeBackend() override;
  std::string name() const override;
  void Load(const onnx::ModelProto& model) override;
  std::vector<IoInfo> inputs() const override;
  std::vector<IoInfo> outputs() const override;
  std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds) override;
  std::vector<NamedValue> Intermediates() const override;
  std::string CompileReport() const override;
  double Flops() const override { return executable_ ? executable_->stats().total_flops : 0; }

  const rt::CompileOptions& compile_options() const { return options_; }
  const rt::Executable* executable() const { return executable_.get(); }

 private:
  rt::CompileOptions options_;
  std::map<std::string, Dims> input_shapes_;
  std::unique_ptr<rt::Executable> executable_;
  // Host copies of the fed inputs, kept across Runs so repeated runs (perf loops) reuse their buffers instead of
  // allocating and first-touching a fresh copy of every input per run.
  std::vector<rt::HostTensor> host_inputs_;
};

}  // namespace parity
