#include "harness/backends/external_backend.h"

#include <onnx/onnx_pb.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/backends/model_io.h"
#include "harness/core/errors.h"
#include "harness/io/npy.h"

namespace parity {

namespace fs = std::filesystem;

namespace {

std::string FileName(const std::string& value_name) {
  std::string s = value_name;
  for (char& c : s) {
    if (c == '/') c = '_';
  }
  return s + ".npy";
}

std::string Replace(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

std::string Tail(const std::string& path, size_t max_chars) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_chars ? "..." + s.substr(s.size() - max_chars) : s;
}

}  // namespace

ExternalBackend::ExternalBackend(const BackendOptions& options) {
  for (const auto& [key, value] : options.settings) {
    if (key == "command") {
      command_ = value;
    } else if (key == "name") {
      name_ = value;
    } else if (key == "workdir") {
      workdir_ = value;
    } else {
      throw InputError("unknown external setting '" + key + "'; allowed: command, name, workdir");
    }
  }
  if (command_.empty()) {
    throw InputError("the external backend needs a 'command' setting, e.g. "
                     "\"my_runtime --model {model} --inputs {inputs} --outputs {outputs}\"");
  }
}

ExternalBackend::~ExternalBackend() = default;

void ExternalBackend::Load(const onnx::ModelProto& model) {
  if (workdir_.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "parity-external-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw InputError("cannot create a temporary folder for the external backend");
    workdir_ = tmpl;
  }
  fs::create_directories(workdir_);
  // The command gets the model as a file (with external data already inlined by the loader).
  model_path_ = (fs::path(workdir_) / "model.onnx").string();
  std::ofstream out(model_path_, std::ios::binary);
  if (!out || !model.SerializeToOstream(&out)) throw InputError("cannot write '" + model_path_ + "'");
  inputs_ = DeclaredInputs(model);
  outputs_ = DeclaredOutputs(model);
}

std::map<std::string, Value> ExternalBackend::Run(const std::map<std::string, Value>& feeds) {
  const fs::path run_dir = fs::path(workdir_) / ("run" + std::to_string(runs_++));
  const fs::path in_dir = run_dir / "inputs", out_dir = run_dir / "outputs";
  fs::create_directories(in_dir);
  fs::create_directories(out_dir);
  for (const auto& info : inputs_) {
    auto it = feeds.find(info.name);
    if (it == feeds.end() || it->second.kind != Value::Kind::kTensor) {
      throw InputError("input '" + info.name + "' was not fed a tensor");
    }
    WriteNpy(it->second.tensor, (in_dir / FileName(info.name)).string());
  }
  std::string cmd = Replace(command_, "{model}", model_path_);
  cmd = Replace(cmd, "{inputs}", in_dir.string());
  cmd = Replace(cmd, "{outputs}", out_dir.string());
  const std::string err_path = (run_dir / "stderr.txt").string();
  const int status = std::system((cmd + " > '" + (run_dir / "stdout.txt").string() + "' 2> '" + err_path + "'").c_str());
  if (status != 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    throw InputError("external command failed (exit " + std::to_string(code) + "): " + cmd + "\n" +
                     Tail(err_path, 2000));
  }
  std::map<std::string, Value> out;
  for (const auto& info : outputs_) {
    const fs::path file = out_dir / FileName(info.name);
    if (!fs::exists(file)) {
      throw InputError("external command wrote no '" + file.filename().string() + "' for output '" + info.name +
                       "' into " + out_dir.string());
    }
    out[info.name] = Value(ReadNpy(file.string()));
  }
  fs::remove_all(run_dir);
  return out;
}

}  // namespace parity
