// The one interface through which the harness reaches an inference engine. Only harness/backends/ includes
// engine headers; everything else in the harness sees engines through this header.
//
// Contract
// - Load() is called once, before anything else; it compiles/validates the whole model and throws InputError
//   (unsupported op, bad attribute, wrong option for this model, ...) with the engine's message.
// - Run() takes feeds by graph-input name and returns every graph output by name. Errors: InputError for bad
//   feeds (wrong dtype/shape) and engine failures, naming the input or node.
// - A Backend is used from one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/core/tensor.h"

namespace onnx {
class ModelProto;
}

namespace parity {

struct IoInfo {
  std::string name;
  ElementType type = ElementType::kUndefined;
  bool is_tensor = true;
  bool has_shape = false;
  Dims dims;                           // -1 for unknown dims
  std::vector<std::string> dim_names;  // symbolic names of unknown dims ("" when anonymous)
};

struct NamedValue {
  std::string name;       // ONNX value name
  std::string node_name;  // producing node
  std::string op_type;
  Value value;
};

struct BackendOptions {
  int threads = 0;  // 0: the engine's default (all cores)
  bool keep_intermediates = false;
  // Engine-specific settings from `--set key=value` (e.g. runtime compile options); unknown keys are errors.
  std::map<std::string, std::string> settings;
  // Shapes the inputs will be fed with, for engines that compile for static shapes (symbolic dims resolved
  // from them). Optional; engines that take any shape ignore it.
  std::map<std::string, Dims> input_shapes;
};

class Backend {
 public:
  virtual ~Backend() = default;
  // Display name including distinguishing options, e.g. "reference" or "runtime[fp32/nchw/fuse-all/t2/b1]".
  virtual std::string name() const = 0;
  virtual void Load(const onnx::ModelProto& model) = 0;
  virtual std::vector<IoInfo> inputs() const = 0;
  virtual std::vector<IoInfo> outputs() const = 0;
  virtual std::map<std::string, Value> Run(const std::map<std::string, Value>& feeds) = 0;
  // Values kept by the last Run() when keep_intermediates was set, in execution order.
  virtual std::vector<NamedValue> Intermediates() const { return {}; }
  // After Load(): what the engine made of the model (e.g. op counts before/after compilation, arena size,
  // FLOPs), as text for `parity inspect`; empty when the engine has nothing to say.
  virtual std::string CompileReport() const { return ""; }
  // After Load(): floating-point operations of one Run() as the engine counts them (0 when unknown).
  virtual double Flops() const { return 0; }
};

// Backend kinds known to this build, e.g. {"reference", "runtime"}.
std::vector<std::string> BackendKinds();
// Throws InputError naming the allowed kinds for an unknown kind, or for settings the backend does not accept.
std::unique_ptr<Backend> CreateBackend(const std::string& kind, const BackendOptions& options);

}  // namespace parity
