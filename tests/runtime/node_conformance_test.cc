// ONNX backend node tests (../shared/onnx-backend-tests/node): every case the runtime compiles must reproduce
// the expected outputs; cases it rejects must be rejected with a CompileError (never a wrong answer).
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>

#include "core/dtype.h"
#include "ir/import.h"
#include "tensor_io.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ReadTensorFile;

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') names.push_back(e->d_name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<double> AsDoubles(const HostTensor& t) {
  DType st;
  StorageOf(t.dtype, &st);
  size_t n = static_cast<size_t>(t.NumElements());
  std::vector<uint8_t> buf(n * DTypeSize(st));
  ToStorage(t.dtype, t.bytes.data(), n, buf.data());
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) {
    v[i] = st == DType::kF32   ? reinterpret_cast<float*>(buf.data())[i]
           : st == DType::kI64 ? static_cast<double>(reinterpret_cast<int64_t*>(buf.data())[i])
                               : buf[i];
  }
  return v;
}

// Outcome of one case: "pass", "rejected: ...", or a failure description.
std::string RunCase(const std::string& dir) {
  onnx::ModelProto model;
  if (!testing::LoadModel(dir + "/model.onnx", &model)) return "rejected: unreadable";
  std::string data = dir + "/test_data_set_0";
  std::vector<HostTensor> inputs, expected;
  for (int i = 0;; ++i) {
    HostTensor t;
    if (!ReadTensorFile(data + "/input_" + std::to_string(i) + ".pb", &t)) break;
    inputs.push_back(std::move(t));
  }
  for (int i = 0;; ++i) {
    HostTensor t;
    if (!ReadTensorFile(data + "/output_" + std::to_string(i) + ".pb", &t)) break;
    expected.push_back(std::move(t));
  }
  if (expected.empty()) return "rejected: no readable outputs";
  CompileOptions o;
  // Symbolic dims take the test data's dims.
  const auto& gin = model.graph().input();
  int fed = 0;
  for (const auto& in : gin) {
    bool is_init = false;
    for (const auto& t : model.graph().initializer()) is_init = is_init || t.name() == in.name();
    if (is_init || fed >= static_cast<int>(inputs.size())) continue;
    const auto& shape = in.type().tensor_type().shape();
    const HostTensor& data = inputs[fed++];
    for (int a = 0; a < shape.dim_size() && a < static_cast<int>(data.dims.size()); ++a) {
      if (shape.dim(a).has_dim_value()) continue;
      std::string key =
          shape.dim(a).dim_param().empty() ? in.name() + ":" + std::to_string(a) : shape.dim(a).dim_param();
      o.dims[key] = data.dims[a];
    }
  }
  std::unique_ptr<Executable> exe;
  try {
    exe = Compile(model, o);
  } catch (const CompileError& e) {
    return std::string("rejected: ") + e.what();
  }
  if (exe->inputs().size() != inputs.size()) return "rejected: input count (optional inputs fed as data)";
  std::vector<HostTensor> out;
  try {
    out = exe->Run(inputs);
  } catch (const std::exception& e) {
    std::string m = e.what();
    // Dynamic graphs (shape inputs fed at run time) create kernels at run time, so rejections surface here.
    if (m.find("not supported") != std::string::npos || m.find("unsupported") != std::string::npos) {
      return "rejected at run time: " + m;
    }
    return "FAIL run: " + m;
  }
  const auto& tol = testing::Tol("node");
  for (size_t i = 0; i < expected.size() && i < out.size(); ++i) {
    if (out[i].dims != expected[i].dims) return "FAIL dims of output " + std::to_string(i);
    std::vector<double> a = AsDoubles(out[i]), b = AsDoubles(expected[i]);
    for (size_t k = 0; k < a.size(); ++k) {
      bool same = (std::isnan(a[k]) && std::isnan(b[k])) || a[k] == b[k];
      if (!same && !testing::Near(a[k], b[k], tol)) {
        return "FAIL value output " + std::to_string(i) + "[" + std::to_string(k) + "] " + std::to_string(a[k]) +
               " vs " + std::to_string(b[k]);
      }
    }
  }
  return "pass";
}

TEST(NodeConformanceTest, CompiledCasesMatchExpectedOutputs) {
  std::string root = testing::SharedDir() + "/onnx-backend-tests/node";
  std::vector<std::string> cases = ListDir(root);
  if (cases.empty()) GTEST_SKIP() << "no backend node tests at " << root;
  int pass = 0, rejected = 0;
  std::vector<std::string> failures;
  for (const auto& c : cases) {
    std::string r = RunCase(root + "/" + c);
    if (r == "pass")
      ++pass;
    else if (r.rfind("rejected", 0) == 0)
      ++rejected;
    else
      failures.push_back(c + ": " + r);
  }
  std::string all;
  for (const auto& f : failures) all += f + "\n";
  std::printf("node conformance: %d pass, %d rejected at compile time, %zu wrong\n", pass, rejected, failures.size());
  EXPECT_TRUE(failures.empty()) << all;
}

}  // namespace
}  // namespace parity::rt
