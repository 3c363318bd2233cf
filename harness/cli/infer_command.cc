// `parity infer MODEL --inputs DIR --outputs DIR`: one inference on one engine through .npy files — the "infer"
// stage of the files-based flow, usable as the command of an `external` backend.
#include <filesystem>
#include <iostream>

#include "harness/cli/commands.h"
#include "harness/core/errors.h"
#include "harness/inputs/feeds.h"
#include "harness/io/npy.h"
#include "harness/io/onnx_model.h"

namespace parity::cli {

void AddInferCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("infer", "Run a model once: inputs from <name>.npy files, outputs to <name>.npy");
  struct Options {
    std::string model, inputs, outputs, backend = "reference";
    int threads = 0;
    std::vector<std::string> settings;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model", o->model, "ONNX model")->required();
  cmd->add_option("--inputs", o->inputs, "Folder with <input>.npy (or .pb) per input")->required();
  cmd->add_option("--outputs", o->outputs, "Folder to write <output>.npy into")->required();
  cmd->add_option("--backend", o->backend, "Engine")->capture_default_str();
  cmd->add_option("--threads", o->threads, "Engine threads (0 = default)");
  cmd->add_option("--set", o->settings, "Engine setting KEY=VALUE (repeatable)");
  cmd->callback([o, &exit_code]() {
    BackendOptions bo;
    bo.threads = o->threads;
    bo.settings = ParseKeyValues(o->settings, "--set");
    auto backend = CreateBackend(o->backend, bo);
    backend->Load(LoadModel(o->model));
    FeedOptions fo;
    fo.dir = o->inputs;
    const auto outputs = backend->Run(MakeFeeds(backend->inputs(), fo));
    std::filesystem::create_directories(o->outputs);
    for (const auto& [name, value] : outputs) {
      if (value.kind != Value::Kind::kTensor) throw InputError("output '" + name + "' is not a tensor");
      Tensor t = value.tensor;
      // Files carry the model's declared type: the reference's double-precision values are rounded to it.
      if (t.dtype != t.declared) t = Tensor::FromDoubles(t.declared, t.dims, t.ToDoubles());
      std::string file = name;
      for (char& c : file) {
        if (c == '/') c = '_';
      }
      WriteNpy(t, (std::filesystem::path(o->outputs) / (file + ".npy")).string());
    }
    exit_code = kExitOk;
  });
}

}  // namespace parity::cli
