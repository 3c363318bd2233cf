// The CLI's behaviour on bad input: a clear message naming the item, a non-zero exit, no crash.
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string output;
};

Result RunCli(const std::string& args) {
  const std::string cmd = std::string(PARITY_CLI) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (pipe && fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out};
}

fs::path Dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("parity_cli_test_" + std::to_string(::getpid())) / name;
  fs::create_directories(dir);
  return dir;
}

onnx::ModelProto SingleOp(const std::string& op, int opset) {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(opset);
  auto* g = m.mutable_graph();
  auto* n = g->add_node();
  n->set_op_type(op);
  n->set_name("the_node");
  n->add_input("x");
  n->add_output("y");
  auto* x = g->add_input();
  x->set_name("x");
  auto* tt = x->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(onnx::TensorProto::FLOAT);
  tt->mutable_shape()->add_dim()->set_dim_value(4);
  g->add_output()->set_name("y");
  return m;
}

void Save(const onnx::ModelProto& m, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
}

TEST(Cli, MissingModelExitsWithUsageCode) {
  Result r = RunCli("perf /nonexistent/model.onnx");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/model.onnx"), std::string::npos) << r.output;
}

TEST(Cli, UnknownOpNamesNodeOpAndOpset) {
  const fs::path dir = Dir("unknown_op");
  Save(SingleOp("NoSuchOp", 17), dir / "model.onnx");
  Result r = RunCli("perf " + (dir / "model.onnx").string() + " --iters 1 --warmup 0");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("the_node"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("NoSuchOp"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("opset 17"), std::string::npos) << r.output;
}

TEST(Cli, WrongInputShapeNamesTheInput) {
  const fs::path dir = Dir("wrong_shape");
  Save(SingleOp("Relu", 14), dir / "model.onnx");
  const fs::path input = dir / "x.npy";
  // A float32 [2] array: the model declares [4].
  const char header[] = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  std::string h(header);
  h.append((64 - (10 + h.size() + 1) % 64) % 64, ' ');  // header padded to a multiple of 64 bytes
  h += '\n';
  std::ofstream out(input, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const char len[2] = {static_cast<char>(h.size()), 0};
  out.write(len, 2);
  out << h;
  const float v[2] = {1, 2};
  out.write(reinterpret_cast<const char*>(v), sizeof(v));
  out.close();
  Result r = RunCli("perf " + (dir / "model.onnx").string() + " --iters 1 --warmup 0 --input x=" + input.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("input 'x'"), std::string::npos) << r.output;
}

TEST(Cli, UnknownBackendListsTheAllowedOnes) {
  Result r = RunCli("perf " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/model.onnx --backend nope");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("allowed: reference"), std::string::npos) << r.output;
}

TEST(Cli, BadKeyValueSettingIsAUsageError) {
  Result r = RunCli("perf " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/model.onnx --set threads");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("KEY=VALUE"), std::string::npos) << r.output;
}

TEST(Cli, ConformanceOnTheBundledMnistPasses) {
  Result r = RunCli("conformance " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8 --rtol 1e-4 --atol 1e-4");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << r.output;
}

TEST(Cli, ConformanceFailsWhenToleranceIsTightenedPastTheTruth) {
  Result r = RunCli("conformance " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8 --rtol 0 --atol 0");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("0 passed, 1 failed"), std::string::npos) << r.output;
}

TEST(Cli, LayerwiseNamesTheFirstNodeOfADeliberatelyBrokenKernel) {
  // The runtime's fault-injection test hook makes every MaxPool kernel 0.1% off: the first MaxPool is the first
  // divergent node, and running it alone on the truth's inputs shows the error is local. The threshold sits
  // between plain fp32 accumulation (max_rel up to ~2e-4 on the first conv's small outputs) and the fault.
  Result r = RunCli("compare " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/model.onnx --inputs " +
                    std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/test_data_set_0 --layerwise --metric max_rel "
                    "--threshold 5e-4 --set fault_injection=MaxPool");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("first divergent node: 'Pooling66' (MaxPool)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("a local error"), std::string::npos) << r.output;
}

TEST(Cli, LayerwiseFindsNoDivergenceWithoutTheFault) {
  // Plain fp32 accumulation stays within 1e-2 relative error on every value of mnist-8 (it reaches ~2e-3).
  Result r = RunCli("compare " + std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/model.onnx --inputs " +
                    std::string(PARITY_SOURCE_DIR) + "/suites/mnist-8/test_data_set_0 --layerwise --metric max_rel "
                    "--threshold 1e-2");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("no value crosses the threshold"), std::string::npos) << r.output;
}

}  // namespace
