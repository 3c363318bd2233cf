// `parity inspect MODEL [--backend runtime] [--set KEY=VALUE ...]`: what is in a model (IR, opsets, inputs and
// outputs, op histogram, parameters) and what an engine makes of it (op counts before/after compilation, arena,
// FLOPs).
#include <onnx/onnx_pb.h>

#include <iomanip>
#include <iostream>
#include <map>

#include "harness/backends/model_io.h"
#include "harness/cli/commands.h"
#include "harness/io/onnx_model.h"

namespace parity::cli {

namespace {

void CountOps(const onnx::GraphProto& graph, std::map<std::string, int>& ops) {
  for (const auto& n : graph.node()) {
    ++ops[(n.domain().empty() ? "" : n.domain() + ":") + n.op_type()];
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CountOps(a.g(), ops);
      for (const auto& g : a.graphs()) CountOps(g, ops);
    }
  }
}

std::string Describe(const IoInfo& v) {
  std::string dims;
  for (size_t i = 0; i < v.dims.size(); ++i) {
    dims += (i ? "x" : "") + (v.dims[i] >= 0 ? std::to_string(v.dims[i])
                                             : (v.dim_names[i].empty() ? std::string("?") : v.dim_names[i]));
  }
  return v.name + " " + (v.is_tensor ? ElementTypeShortName(v.type) + "[" + dims + "]" : std::string("(non-tensor)"));
}

void PrintModel(const std::string& path, const onnx::ModelProto& model, std::ostream& out) {
  out << "model     " << path << "\nir        " << model.ir_version() << "\nproducer  " << model.producer_name()
      << " " << model.producer_version() << "\nopsets   ";
  for (const auto& o : model.opset_import()) out << " " << (o.domain().empty() ? "ai.onnx" : o.domain()) << ":" << o.version();
  out << "\n";
  for (const auto& v : DeclaredInputs(model)) out << "input     " << Describe(v) << "\n";
  for (const auto& v : DeclaredOutputs(model)) out << "output    " << Describe(v) << "\n";
  int64_t params = 0;
  for (const auto& t : model.graph().initializer()) {
    int64_t n = 1;
    for (auto d : t.dims()) n *= d;
    params += n;
  }
  out << "weights   " << model.graph().initializer_size() << " initializers, " << params << " parameters\n\n";
  std::map<std::string, int> ops;
  CountOps(model.graph(), ops);
  out << std::left << std::setw(28) << "op" << "count\n";
  for (const auto& [op, count] : ops) out << std::left << std::setw(28) << op << count << "\n";
}

}  // namespace

void AddInspectCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("inspect", "Describe a model and what an engine compiles it into");
  auto path = std::make_shared<std::string>();
  auto backend = std::make_shared<std::string>();
  auto settings = std::make_shared<std::vector<std::string>>();
  cmd->add_option("model", *path, "ONNX model")->required();
  cmd->add_option("--backend", *backend, "Engine whose compilation to report (e.g. runtime)");
  cmd->add_option("--set", *settings, "Engine setting KEY=VALUE (repeatable)");
  cmd->callback([path, backend, settings, &exit_code]() {
    const onnx::ModelProto model = LoadModel(*path);
    PrintModel(*path, model, std::cout);
    if (!backend->empty()) {
      BackendOptions o;
      o.settings = ParseKeyValues(*settings, "--set");
      auto engine = CreateBackend(*backend, o);
      engine->Load(model);
      const std::string report = engine->CompileReport();
      std::cout << "\n" << engine->name() << "\n" << (report.empty() ? "(no compile report)\n" : report);
    }
    exit_code = kExitOk;
  });
}

}  // namespace parity::cli
