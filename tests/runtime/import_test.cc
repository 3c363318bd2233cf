// Import and shape inference: symbolic dims, initializer-inputs, and compile-time shape errors naming the node.
#include <gtest/gtest.h>

#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

std::string CompileErrorOf(const onnx::ModelProto& m, const CompileOptions& o = {}) {
  try {
    Compile(m, o);
  } catch (const CompileError& e) {
    return e.what();
  }
  return "";
}

TEST(ImportTest, BatchDimComesFromOptions) {
  ModelBuilder b;
  b.Input("x", {-1, 4}).Output("y");
  b.Node("Relu", {"x"}, {"y"});
  CompileOptions o;
  o.batch = 3;
  auto exe = Compile(b.model(), o);
  EXPECT_EQ(exe->inputs()[0].dims, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(exe->outputs()[0].dims, (std::vector<int64_t>{3, 4}));
}

TEST(ImportTest, UnresolvedSymbolicDimIsAnError) {
  ModelBuilder b;
  b.Input("x", {1, 4}).Output("y");
  b.mutable_model()
      .mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(1)
      ->set_dim_param("seq");
  b.Node("Relu", {"x"}, {"y"});
  std::string err = CompileErrorOf(b.model());
  EXPECT_NE(err.find("dims[\"seq\"]"), std::string::npos) << err;
  CompileOptions o;
  o.dims["seq"] = 7;
  EXPECT_EQ(Compile(b.model(), o)->inputs()[0].dims, (std::vector<int64_t>{1, 7}));
}

TEST(ImportTest, InitializerListedAsInputIsConstant) {
  ModelBuilder b;
  b.Input("x", {2}).Input("w", {2}).Output("y");
  b.Init("w", {2}, {10.f, 20.f});
  b.Node("Add", {"x", "w"}, {"y"});
  auto exe = Compile(b.model(), {});
  ASSERT_EQ(exe->inputs().size(), 1u);
  auto out = exe->Run({HostTensor::FromFloats({2}, {1.f, 2.f})})[0].ToFloats();
  EXPECT_EQ(out, (std::vector<float>{11.f, 22.f}));
}

TEST(ImportTest, FedInitializerBecomesARunTimeInput) {
  ModelBuilder b;
  b.Input("x", {2}).Input("w", {2}).Output("y");
  b.Init("w", {2}, {10.f, 20.f});
  b.Node("Add", {"x", "w"}, {"y"});
  CompileOptions o;
  o.fed_initializers = {"w"};
  auto exe = Compile(b.model(), o);
  ASSERT_EQ(exe->inputs().size(), 2u);
  auto out = exe->Run({HostTensor::FromFloats({2}, {1.f, 2.f}), HostTensor::FromFloats({2}, {3.f, 4.f})});
  EXPECT_EQ(out[0].ToFloats(), (std::vector<float>{4.f, 6.f}));
  o.fed_initializers = {"nope"};
  EXPECT_THROW(Compile(b.model(), o), CompileError);
}

TEST(ImportTest, ShapeErrorNamesNodeAndOp) {
  ModelBuilder b;
  b.Input("a", {2, 3}).Input("c", {4, 5}).Output("y");
  b.Node("MatMul", {"a", "c"}, {"y"}, "bad_matmul");
  std::string err = CompileErrorOf(b.model());
  EXPECT_NE(err.find("node 'bad_matmul' (MatMul)"), std::string::npos) << err;
  EXPECT_NE(err.find("inner dims"), std::string::npos) << err;
}

TEST(ImportTest, UnsupportedOpNamesNodeOpAndOptions) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.Node("NonMaxSuppression", {"x"}, {"y"}, "nms");
  std::string err = CompileErrorOf(b.model());
  EXPECT_NE(err.find("node 'nms' (NonMaxSuppression)"), std::string::npos) << err;
  EXPECT_NE(err.find("fp32/"), std::string::npos) << err;
}

TEST(ImportTest, UnsupportedAttributeIsACompileError) {
  ModelBuilder b;
  b.Input("x", {1, 1, 2}).Output("y");
  b.Init("w", {1, 2, 2}, {1, 0, 0, 1}).Init("r", {1, 2, 2}, {0, 0, 0, 0});
  auto& n = b.Node("RNN", {"x", "w", "r"}, {"y"}, "rnn");
  ModelBuilder::AttrInt(n, "hidden_size", 2);
  ModelBuilder::AttrFloat(n, "clip", 1.f);
  std::string err = CompileErrorOf(b.model());
  EXPECT_NE(err.find("clip"), std::string::npos) << err;
  EXPECT_NE(err.find("rnn"), std::string::npos) << err;
}

TEST(ImportTest, OptionsWithoutEffectAreNoted) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.Node("Relu", {"x"}, {"y"});
  CompileOptions o;
  o.layout = Layout::kNchwc;
  auto exe = Compile(b.model(), o);
  ASSERT_EQ(exe->stats().notes.size(), 1u);
  EXPECT_NE(exe->stats().notes[0].find("layout=nchwc"), std::string::npos);
  EXPECT_NE(exe->stats().ToTable().find("note: layout=nchwc"), std::string::npos);
  EXPECT_TRUE(Compile(b.model(), {})->stats().notes.empty());
}

TEST(ImportTest, RebatchingAModelThatFixesItsBatchSaysSo) {
  ModelBuilder b;
  b.Input("x", {1, 4}).Output("y");
  b.InitI64("shape", {2}, {1, 4});
  b.Node("Reshape", {"x", "shape"}, {"y"}, "fixed_batch");
  CompileOptions o;
  o.batch = 3;
  const std::string err = CompileErrorOf(b.model(), o);
  EXPECT_NE(err.find("fixed_batch"), std::string::npos) << err;
  EXPECT_NE(err.find("batch=3 rebatches"), std::string::npos) << err;
}

TEST(ImportTest, InvalidOptionsAreCompileErrors) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.Node("Relu", {"x"}, {"y"});
  CompileOptions o;
  o.threads = 0;
  EXPECT_NE(CompileErrorOf(b.model(), o).find("threads"), std::string::npos);
}

TEST(ImportTest, ShapeOpsAreFoldedAtCompileTime) {
  ModelBuilder b;
  b.Input("x", {2, 3, 4}).Output("y");
  b.Node("Shape", {"x"}, {"s"});
  b.InitI64("idx", {1}, {0});
  b.Node("Gather", {"s", "idx"}, {"g"});
  b.InitI64("minus1", {1}, {-1});
  b.Node("Concat", {"g", "minus1"}, {"shape"});
  ModelBuilder::AttrInt(*b.mutable_model().mutable_graph()->mutable_node(2), "axis", 0);
  b.Node("Reshape", {"x", "shape"}, {"y"});
  auto exe = Compile(b.model(), {});
  EXPECT_EQ(exe->outputs()[0].dims, (std::vector<int64_t>{2, 12}));
  EXPECT_FALSE(exe->stats().dynamic);
  EXPECT_EQ(exe->FusedNodes().size(), 1u);  // only the Reshape remains
}

}  // namespace
}  // namespace parity::rt
