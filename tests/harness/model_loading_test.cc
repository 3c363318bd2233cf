#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>

#include "harness/core/errors.h"
#include "harness/io/onnx_model.h"

namespace parity {
namespace {

namespace fs = std::filesystem;

fs::path Dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("parity_model_test_" + std::to_string(::getpid())) / name;
  fs::create_directories(dir);
  return dir;
}

onnx::ModelProto IdentityModel() {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(17);
  auto* g = m.mutable_graph();
  auto* n = g->add_node();
  n->set_op_type("Add");
  n->add_input("x");
  n->add_input("w");
  n->add_output("y");
  g->add_input()->set_name("x");
  g->add_output()->set_name("y");
  auto* w = g->add_initializer();
  w->set_name("w");
  w->set_data_type(onnx::TensorProto::FLOAT);
  w->add_dims(2);
  return m;
}

void Save(const onnx::ModelProto& m, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
}

void ExpectInputError(const std::string& path, const std::string& needle) {
  try {
    LoadModel(path);
    FAIL() << "expected an InputError containing '" << needle << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(LoadModel, MissingFileNamesIt) { ExpectInputError("/nonexistent/model.onnx", "/nonexistent/model.onnx"); }

TEST(LoadModel, TruncatedModelIsRefused) {
  const fs::path dir = Dir("truncated");
  onnx::ModelProto m = IdentityModel();
  m.mutable_graph()->mutable_initializer(0)->set_raw_data(std::string(8, '\1'));
  std::string bytes = m.SerializeAsString();
  std::ofstream(dir / "model.onnx", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  ExpectInputError((dir / "model.onnx").string(), "not a valid ONNX model");
}

TEST(LoadModel, UnsupportedIrVersionIsRefused) {
  const fs::path dir = Dir("ir");
  onnx::ModelProto m = IdentityModel();
  m.set_ir_version(99);
  Save(m, dir / "model.onnx");
  ExpectInputError((dir / "model.onnx").string(), "IR version 99");
}

TEST(LoadModel, InlinesExternalDataInsideTheModelFolder) {
  const fs::path dir = Dir("external");
  const float values[2] = {1.5f, -2.0f};
  std::ofstream(dir / "weights.bin", std::ios::binary).write(reinterpret_cast<const char*>(values), sizeof(values));
  onnx::ModelProto m = IdentityModel();
  auto* w = m.mutable_graph()->mutable_initializer(0);
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  auto* loc = w->add_external_data();
  loc->set_key("location");
  loc->set_value("weights.bin");
  Save(m, dir / "model.onnx");
  const onnx::ModelProto loaded = LoadModel((dir / "model.onnx").string());
  const auto& init = loaded.graph().initializer(0);
  EXPECT_EQ(init.data_location(), onnx::TensorProto::DEFAULT);
  ASSERT_EQ(init.raw_data().size(), sizeof(values));
}

TEST(LoadModel, RefusesExternalDataEscapingTheFolder) {
  const fs::path dir = Dir("escape");
  onnx::ModelProto m = IdentityModel();
  auto* w = m.mutable_graph()->mutable_initializer(0);
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  auto* loc = w->add_external_data();
  loc->set_key("location");
  loc->set_value("../../../../etc/passwd");
  Save(m, dir / "model.onnx");
  ExpectInputError((dir / "model.onnx").string(), "escapes the model's folder");
  loc->set_value("/etc/passwd");
  Save(m, dir / "model.onnx");
  ExpectInputError((dir / "model.onnx").string(), "must be a relative path");
}

TEST(LoadModel, ExternalDataBeyondTheFileIsTruncation) {
  const fs::path dir = Dir("short");
  std::ofstream(dir / "w.bin", std::ios::binary) << "abc";
  onnx::ModelProto m = IdentityModel();
  auto* w = m.mutable_graph()->mutable_initializer(0);
  w->set_data_location(onnx::TensorProto::EXTERNAL);
  auto* loc = w->add_external_data();
  loc->set_key("location");
  loc->set_value("w.bin");
  auto* len = w->add_external_data();
  len->set_key("length");
  len->set_value("8");
  Save(m, dir / "model.onnx");
  ExpectInputError((dir / "model.onnx").string(), "truncated");
}

}  // namespace
}  // namespace parity
