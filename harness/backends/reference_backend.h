// Backend over parity's double-precision reference interpreter (reference/).
#pragma once

#include <memory>

#include "harness/backends/backend.h"

namespace parity {
namespace ref {
class Evaluator;
}

class ReferenceBackend : public Backend {
 public:
  explicit ReferenceBackend(const BackendOptions& options);
  ~ReferenceBackend() override;
  std::string name() const override { return "reference"; }
  void Load(const onnx::ModelProto& model) override;
  std::vector<IoInfo> inputs() const override;
  std::vector<IoInfo> outputs() const override;
  std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds) override;
  std::vector<NamedValue> Intermediates() const override;

 private:
  BackendOptions options_;
  std::unique_ptr<ref::Evaluator> evaluator_;
};

}  // namespace parity
