// Executor on small graphs against hand-computed values, control flow, intermediates and run-time checks.
#include <gtest/gtest.h>

#include <functional>

#include <thread>

#include "core/dtype.h"
#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

void ExpectValues(const HostTensor& t, const std::vector<float>& want) {
  std::vector<float> got = t.ToFloats();
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_TRUE(testing::Near(got[i], want[i], testing::Tol("hand"))) << i << ": " << got[i] << " vs " << want[i];
}

TEST(ExecutorTest, GemmWithTransposeAlphaBetaAndBias) {
  ModelBuilder b;
  b.Input("a", {2, 2}).Output("y");
  b.Init("w", {3, 2}, {1, 2, 3, 4, 5, 6}).Init("c", {3}, {1, 1, 1});  // transB: B = w^T (2x3)
  auto& n = b.Node("Gemm", {"a", "w", "c"}, {"y"});
  ModelBuilder::AttrInt(n, "transB", 1);
  ModelBuilder::AttrFloat(n, "alpha", 2.f);
  ModelBuilder::AttrFloat(n, "beta", 0.5f);
  auto exe = Compile(b.model(), {});
  // a = [[1,0],[0,1]] -> a*B = B = [[1,3,5],[2,4,6]]; y = 2*B + 0.5
  ExpectValues(exe->Run({HostTensor::FromFloats({2, 2}, {1, 0, 0, 1})})[0], {2.5f, 6.5f, 10.5f, 4.5f, 8.5f, 12.5f});
}

TEST(ExecutorTest, ConvWithPaddingAndStride) {
  ModelBuilder b;
  b.Input("x", {1, 1, 3, 3}).Output("y");
  b.Init("w", {1, 1, 2, 2}, {1, 1, 1, 1}).Init("bias", {1}, {10});
  auto& n = b.Node("Conv", {"x", "w", "bias"}, {"y"});
  ModelBuilder::AttrInts(n, "pads", {1, 1, 0, 0});
  ModelBuilder::AttrInts(n, "strides", {2, 2});
  for (Layout l : {Layout::kNchw, Layout::kNchwc}) {
    CompileOptions o;
    o.layout = l;
    auto exe = Compile(b.model(), o);
    ASSERT_EQ(exe->outputs()[0].dims, (std::vector<int64_t>{1, 1, 2, 2}));
    // x = 1..9; windows (top-left padded): {1}, {2,3}, {4,7}, {5,6,8,9}
    ExpectValues(exe->Run({HostTensor::FromFloats({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})})[0], {11, 15, 21, 38});
  }
}

TEST(ExecutorTest, SoftmaxConcatSliceGather) {
  ModelBuilder b;
  b.Input("x", {1, 3}).Output("s").Output("g");
  b.Node("Softmax", {"x"}, {"s"});
  auto& c = b.Node("Concat", {"x", "x"}, {"c"});
  ModelBuilder::AttrInt(c, "axis", 1);
  b.InitI64("st", {1}, {1}).InitI64("en", {1}, {6}).InitI64("ax", {1}, {1}).InitI64("step", {1}, {2});
  b.Node("Slice", {"c", "st", "en", "ax", "step"}, {"sl"});  // elements 1, 3, 5 -> x1, x0, x2
  b.InitI64("idx", {2}, {2, -3});
  auto& g = b.Node("Gather", {"sl", "idx"}, {"g"});
  ModelBuilder::AttrInt(g, "axis", 1);
  auto exe = Compile(b.model(), {});
  auto out = exe->Run({HostTensor::FromFloats({1, 3}, {0.f, 1.f, 2.f})});
  float e0 = 1.f, e1 = std::exp(1.f), e2 = std::exp(2.f), sum = e0 + e1 + e2;
  ExpectValues(out[0], {e0 / sum, e1 / sum, e2 / sum});
  ExpectValues(out[1], {2.f, 1.f});
}

// Concat inputs produced in place (one outer block) and copied (two outer blocks), with one input also a graph
// output and another read after the Concat: values must be the same either way, with and without the arena.
TEST(ExecutorTest, ConcatOfComputedInputs) {
  for (int64_t batch : {1, 2}) {
    ModelBuilder b;
    b.Input("x", {batch, 2, 3}).Output("y").Output("a").Output("z");
    b.Node("Relu", {"x"}, {"a"});
    b.Node("Neg", {"x"}, {"n"});
    b.Node("Abs", {"x"}, {"m"});
    auto& c = b.Node("Concat", {"a", "n", "m"}, {"y"});
    ModelBuilder::AttrInt(c, "axis", 1);
    b.Node("Mul", {"n", "m"}, {"z"});
    for (bool arena : {true, false}) {
      CompileOptions o;
      o.arena = arena;
      auto exe = Compile(b.model(), o);
      std::vector<float> x;
      for (int64_t i = 0; i < batch * 6; ++i) x.push_back(static_cast<float>(i % 4) - 1.5f);
      auto out = exe->Run({HostTensor::FromFloats({batch, 2, 3}, x)});
      std::vector<float> y, a, z;
      for (int64_t n = 0; n < batch; ++n) {
        for (int part = 0; part < 3; ++part) {
          for (int64_t i = 0; i < 6; ++i) {
            const float v = x[n * 6 + i];
            y.push_back(part == 0 ? std::max(v, 0.f) : part == 1 ? -v : std::fabs(v));
          }
        }
        for (int64_t i = 0; i < 6; ++i) {
          const float v = x[n * 6 + i];
          a.push_back(std::max(v, 0.f));
          z.push_back(-v * std::fabs(v));
        }
      }
      ExpectValues(out[0], y);
      ExpectValues(out[1], a);
      ExpectValues(out[2], z);
    }
  }
}

// Indices only known at run time that are out of range are errors (ONNX leaves them undefined), never a read of
// some other element.
TEST(ExecutorTest, OutOfRangeGatherIndexIsARunError) {
  ModelBuilder b;
  b.Input("x", {3}).Input("i", {2}, 7).Output("y");
  b.Node("Gather", {"x", "i"}, {"y"});
  auto exe = Compile(b.model(), {});
  auto x = HostTensor::FromFloats({3}, {1, 2, 3});
  ExpectValues(exe->Run({x, HostTensor::FromInt64s({2}, {2, -3})})[0], {3, 1});
  try {
    exe->Run({x, HostTensor::FromInt64s({2}, {0, 3})});
    ADD_FAILURE() << "index 3 of a 3-element axis was accepted";
  } catch (const RunError& e) {
    EXPECT_NE(std::string(e.what()).find("index 3 out of range"), std::string::npos) << e.what();
  }
}

onnx::GraphProto Branch(const std::string& op, const std::string& out) {
  onnx::GraphProto g;
  auto* n = g.add_node();
  n->set_op_type(op);
  n->add_input("x");
  n->add_output(out);
  g.add_output()->set_name(out);
  return g;
}

// Attaches `g` to control-flow node n as graph attribute `name` (then_branch, else_branch, body).
void AttachGraph(onnx::NodeProto& n, const char* name, const onnx::GraphProto& g) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::GRAPH);
  *a->mutable_g() = g;
}

// Adds node op(ins) -> out to a body graph.
void AddBodyNode(onnx::GraphProto& g, const char* op, std::vector<const char*> ins, const char* out) {
  auto* node = g.add_node();
  node->set_op_type(op);
  for (const char* in : ins) node->add_input(in);
  node->add_output(out);
}

// A Loop body (i, cond, acc) -> (cond, acc_out) whose nodes `add` builds; the cond passes through.
onnx::GraphProto LoopBody(const std::function<void(onnx::GraphProto&)>& add) {
  onnx::GraphProto body;
  for (const char* in : {"i", "c_in", "acc"}) body.add_input()->set_name(in);
  add(body);
  auto* id = body.add_node();
  id->set_op_type("Identity");
  id->add_input("c_in");
  id->add_output("c_out");
  body.add_output()->set_name("c_out");
  body.add_output()->set_name("acc_out");
  return body;
}

TEST(ExecutorTest, IfRunsTheSelectedBranchOnTheInterpreterPath) {
  ModelBuilder b;
  b.Input("x", {3}).Input("cond", {}, 9).Output("y");
  auto& n = b.Node("If", {"cond"}, {"y"});
  AttachGraph(n, "then_branch", Branch("Relu", "t"));
  AttachGraph(n, "else_branch", Branch("Neg", "e"));
  auto exe = Compile(b.model(), {});
  EXPECT_TRUE(exe->stats().dynamic);
  HostTensor x = HostTensor::FromFloats({3}, {-1.f, 0.f, 2.f});
  HostTensor t{9, {}, {1}}, f{9, {}, {0}};
  ExpectValues(exe->Run({x, t})[0], {0.f, 0.f, 2.f});
  ExpectValues(exe->Run({x, f})[0], {1.f, 0.f, -2.f});
}

TEST(ExecutorTest, LoopAccumulatesCarriedValue) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.InitI64("trips", {}, {3});
  auto& n = b.Node("Loop", {"trips", "", "x"}, {"y"});
  AttachGraph(n, "body", LoopBody([](onnx::GraphProto& body) {
                auto* add = body.add_node();
                add->set_op_type("Add");
                add->add_input("acc");
                add->add_input("x");  // outer-scope value
                add->add_output("acc_out");
              }));
  auto exe = Compile(b.model(), {});
  ExpectValues(exe->Run({HostTensor::FromFloats({2}, {1.f, 2.f})})[0], {4.f, 8.f});
}

// The interpreter computes a node of constants once (Neg of an outer initializer) and reuses it on later
// iterations and runs, while nodes that read the carried value are recomputed every time.
TEST(ExecutorTest, LoopBodyConstantsAreReusedAndCarriedValuesRecomputed) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.InitI64("trips", {}, {3});
  b.Init("w", {2}, {0.5f, -1.f});
  auto& n = b.Node("Loop", {"trips", "", "x"}, {"y"});
  AttachGraph(n, "body", LoopBody([](onnx::GraphProto& body) {
                AddBodyNode(body, "Neg", {"w"}, "nw");
                AddBodyNode(body, "Add", {"acc", "nw"}, "shifted");
                AddBodyNode(body, "Mul", {"shifted", "shifted"}, "acc_out");
              }));
  auto exe = Compile(b.model(), {});
  auto expected = [](float x, float w) {
    for (int i = 0; i < 3; ++i) x = (x - w) * (x - w);
    return x;
  };
  for (const std::vector<float>& x : {std::vector<float>{1.f, 0.5f}, std::vector<float>{-0.5f, 0.25f}}) {
    ExpectValues(exe->Run({HostTensor::FromFloats({2}, x)})[0], {expected(x[0], 0.5f), expected(x[1], -1.f)});
  }
}

// A shape test (PyTorch's `if x.size(0) == 3:`) folds at compile time: the If is replaced by the branch it
// takes and the graph stays on the static path.
TEST(ExecutorTest, IfOnAStaticShapeIsInlinedIntoTheStaticPlan) {
  for (int64_t len : {3, 4}) {
    ModelBuilder b;
    b.Input("x", {len}).Output("y");
    b.InitI64("zero", {}, {0});
    b.InitI64("three", {}, {3});
    b.Node("Shape", {"x"}, {"shape"});
    b.Node("Gather", {"shape", "zero"}, {"n"});
    b.Node("Equal", {"n", "three"}, {"cond"});
    auto& n = b.Node("If", {"cond"}, {"y"});
    AttachGraph(n, "then_branch", Branch("Relu", "t"));
    AttachGraph(n, "else_branch", Branch("Neg", "e"));
    auto exe = Compile(b.model(), {});
    EXPECT_FALSE(exe->stats().dynamic) << len;
    std::vector<float> x = {-1.f, 0.f, 2.f, -3.f};
    x.resize(static_cast<size_t>(len));
    std::vector<float> want = x;
    for (float& v : want) v = len == 3 ? std::max(v, 0.f) : -v;
    ExpectValues(exe->Run({HostTensor::FromFloats({len}, x)})[0], want);
  }
}

// A condition known only at run time: each branch is compiled once, on the first run that takes it, with the
// outer initializer as a constant, and both give the interpreter's answers at 1 and 2 threads.
TEST(ExecutorTest, IfBranchesCompileOnFirstUseAndReadOuterValues) {
  for (int threads : {1, 2}) {
    ModelBuilder b;
    b.Input("x", {3}).Input("cond", {}, 9).Output("y");
    b.Init("w", {3}, {2.f, -1.f, 0.5f});
    auto& n = b.Node("If", {"cond"}, {"y"});
    onnx::GraphProto then_branch, else_branch;
    AddBodyNode(then_branch, "Mul", {"x", "w"}, "scaled");
    AddBodyNode(then_branch, "Relu", {"scaled"}, "t");
    then_branch.add_output()->set_name("t");
    AddBodyNode(else_branch, "Add", {"x", "w"}, "e");
    else_branch.add_output()->set_name("e");
    AttachGraph(n, "then_branch", then_branch);
    AttachGraph(n, "else_branch", else_branch);
    CompileOptions o;
    o.threads = threads;
    auto exe = Compile(b.model(), o);
    HostTensor x = HostTensor::FromFloats({3}, {-1.f, 1.f, 4.f});
    HostTensor t{9, {}, {1}}, f{9, {}, {0}};
    ExpectValues(exe->Run({x, t})[0], {0.f, 0.f, 2.f});
    EXPECT_EQ(exe->CompiledBodies(), 1);
    ExpectValues(exe->Run({x, f})[0], {1.f, 0.f, 4.5f});
    ExpectValues(exe->Run({x, t})[0], {0.f, 0.f, 2.f});
    EXPECT_EQ(exe->CompiledBodies(), 2);
  }
}

// A carried value that grows every iteration gives the body new dims each time: it is compiled for the first
// few and interpreted after, with the same results.
TEST(ExecutorTest, LoopBodyWithGrowingCarriedValueFallsBackToTheInterpreter) {
  ModelBuilder b;
  b.Input("x", {1}).Output("y");
  b.InitI64("trips", {}, {6});
  b.InitI64("axis0", {1}, {0});
  auto& n = b.Node("Loop", {"trips", "", "x"}, {"y"});
  AttachGraph(n, "body", LoopBody([](onnx::GraphProto& body) {
                AddBodyNode(body, "Neg", {"acc"}, "neg");
                AddBodyNode(body, "Concat", {"acc", "neg"}, "acc_out");
                body.mutable_node(1)->add_attribute()->set_name("axis");
                body.mutable_node(1)->mutable_attribute(0)->set_type(onnx::AttributeProto::INT);
                body.mutable_node(1)->mutable_attribute(0)->set_i(0);
              }));
  auto exe = Compile(b.model(), {});
  std::vector<float> want = {1.5f};
  for (int i = 0; i < 6; ++i) {
    const size_t len = want.size();
    for (size_t j = 0; j < len; ++j) want.push_back(-want[j]);
  }
  ExpectValues(exe->Run({HostTensor::FromFloats({1}, {1.5f})})[0], want);
  EXPECT_EQ(exe->CompiledBodies(), 4);
  ExpectValues(exe->Run({HostTensor::FromFloats({1}, {1.5f})})[0], want);
}

TEST(ExecutorTest, IntermediatesSurviveFusionAndMapToOnnxNodes) {
  ModelBuilder b;
  b.Input("x", {1, 2, 3, 3}).Output("y");
  b.Init("w", {2, 2, 1, 1}, {1, 0, 0, -1});
  b.Node("Conv", {"x", "w"}, {"c"}, "conv");
  b.Node("Relu", {"c"}, {"r"}, "relu");
  b.Node("Sigmoid", {"r"}, {"y"}, "sig");
  CompileOptions o;
  o.keep_intermediates = true;
  o.layout = Layout::kNchw;  // no reorder nodes in the fused-node list below
  auto exe = Compile(b.model(), o);
  exe->Run({HostTensor::FromFloats({1, 2, 3, 3}, testing::Pattern(18))});
  std::vector<std::string> names = exe->IntermediateNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "y"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "c"), names.end());  // fused away into conv+relu
  EXPECT_THROW(exe->Intermediate("c"), RunError);
  std::vector<float> r = exe->Intermediate(exe->FusedNodes()[0].outputs[0]).ToFloats();
  for (float v : r) EXPECT_GE(v, 0.f);
  ASSERT_EQ(exe->FusedNodes().size(), 2u);
  EXPECT_EQ(exe->FusedNodes()[0].onnx_nodes, (std::vector<std::string>{"conv", "relu"}));
}

// A depthwise conv too small to split on its own (0.3 MFLOP) still splits when its input was written by both
// threads (after a pointwise conv that splits): each thread then reads the channel blocks its own core wrote.
// Reading a graph input, which the calling thread copied in, it stays on that thread.
TEST(ExecutorTest, SmallDepthwiseConvSplitsOnlyWhenItsInputIsSpread) {
  for (bool after_pointwise : {true, false}) {
    ModelBuilder b;
    b.Input("x", {1, 64, 16, 16}).Output("y");
    b.Init("pw", {64, 64, 1, 1}, std::vector<float>(64 * 64, 0.01f));
    b.Init("dw", {64, 1, 3, 3}, std::vector<float>(64 * 9, 0.1f));
    if (after_pointwise) b.Node("Conv", {"x", "pw"}, {"p"});
    auto& dw = b.Node("Conv", {after_pointwise ? "p" : "x", "dw"}, {"y"});
    ModelBuilder::AttrInt(dw, "group", 64);
    ModelBuilder::AttrInts(dw, "pads", {1, 1, 1, 1});
    CompileOptions o;
    o.layout = Layout::kNchwc;
    o.threads = 2;
    auto exe = Compile(b.model(), o);
    int depthwise = 0;
    for (const NodeStats& n : exe->stats().nodes) {
      if (n.algorithm.find("depthwise") == std::string::npos) continue;
      ++depthwise;
      EXPECT_EQ(n.splits, after_pointwise) << n.name;
    }
    EXPECT_EQ(depthwise, 1);
  }
}

TEST(ExecutorTest, Float16InputsAndOutputsConvertAtTheBoundary) {
  ModelBuilder b;
  b.Input("x", {4}, 10).Output("y", 10);
  b.Node("Relu", {"x"}, {"y"});
  auto exe = Compile(b.model(), {});
  EXPECT_EQ(exe->inputs()[0].dtype, 10);
  HostTensor x{10, {4}, {}};
  for (float v : {-1.5f, 0.25f, 3.f, -0.f}) {
    uint16_t h = FloatToHalf(v);
    x.bytes.push_back(static_cast<uint8_t>(h & 0xff));
    x.bytes.push_back(static_cast<uint8_t>(h >> 8));
  }
  HostTensor y = exe->Run({x})[0];
  EXPECT_EQ(y.dtype, 10);
  ExpectValues(y, {0.f, 0.25f, 3.f, 0.f});
}

TEST(ExecutorTest, RunRejectsWrongInputs) {
  ModelBuilder b;
  b.Input("x", {2}).Output("y");
  b.Node("Relu", {"x"}, {"y"});
  auto exe = Compile(b.model(), {});
  EXPECT_THROW(exe->Run({}), RunError);
  EXPECT_THROW(exe->Run({HostTensor::FromFloats({3}, {1, 2, 3})}), RunError);
  EXPECT_THROW(exe->Run({HostTensor::FromInt64s({2}, {1, 2})}), RunError);
}

TEST(ExecutorTest, ThreadsAndArenaDoNotChangeResults) {
  ModelBuilder b;
  b.Input("x", {1, 8, 16, 16}).Output("y");
  std::vector<float> w(16 * 8 * 9);
  for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(i % 5) * 0.01f;
  b.Init("w", {16, 8, 3, 3}, w);
  auto& c = b.Node("Conv", {"x", "w"}, {"c"});
  ModelBuilder::AttrInts(c, "pads", {1, 1, 1, 1});
  b.Node("Relu", {"c"}, {"y"});
  HostTensor x = HostTensor::FromFloats({1, 8, 16, 16}, testing::Pattern(8 * 256));
  CompileOptions base;
  base.threads = 1;
  std::vector<float> want = Compile(b.model(), base)->Run({x})[0].ToFloats();
  for (int t : {2}) {
    for (bool arena : {true, false}) {
      CompileOptions o;
      o.threads = t;
      o.arena = arena;
      EXPECT_LE(testing::WorstRatio(Compile(b.model(), o)->Run({x})[0].ToFloats(), want, testing::Tol("fusion")), 1.0);
    }
  }
}

TEST(ExecutorTest, LargeImageInputsArriveWholeAtEveryThreadCount) {
  // 2 x 3 x 67 x 331 floats: over the 64K from which the threads copy an input by rows of every plane (67 rows do
  // not split evenly). The Neg reads the copy, so a row lost or copied twice shows.
  const std::vector<int64_t> dims{2, 3, 67, 331};
  const size_t n = 2 * 3 * 67 * 331;
  ModelBuilder b;
  b.Input("x", dims).Output("y");
  b.Node("Neg", {"x"}, {"y"});
  const std::vector<float> x = testing::Pattern(n, -4.f, 4.f, 11);
  for (int threads : {1, 2, 3}) {
    CompileOptions o;
    o.threads = threads;
    const std::vector<float> got = Compile(b.model(), o)->Run({HostTensor::FromFloats(dims, x)})[0].ToFloats();
    ASSERT_EQ(got.size(), n);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(got[i], -x[i]) << "element " << i << ", threads " << threads;
  }
}

TEST(ExecutorTest, IndependentExecutablesRunConcurrently) {
  ModelBuilder b;
  b.Input("x", {64, 64}).Output("y");
  b.Init("w", {64, 64}, testing::Pattern(64 * 64));
  b.Node("MatMul", {"x", "w"}, {"m"});
  b.Node("Relu", {"m"}, {"y"});
  CompileOptions o;
  o.threads = 2;
  HostTensor x = HostTensor::FromFloats({64, 64}, testing::Pattern(64 * 64, -1.f, 1.f, 9));
  std::vector<float> want = Compile(b.model(), o)->Run({x})[0].ToFloats();
  std::vector<std::unique_ptr<Executable>> exes;
  for (int i = 0; i < 3; ++i) exes.push_back(Compile(b.model(), o));
  std::vector<std::thread> threads;
  std::vector<int> ok(exes.size(), 0);
  for (size_t i = 0; i < exes.size(); ++i) {
    threads.emplace_back([&, i] {
      bool all = true;
      for (int r = 0; r < 20; ++r) all = all && exes[i]->Run({x})[0].ToFloats() == want;
      ok[i] = all;
    });
  }
  for (auto& t : threads) t.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

}  // namespace
}  // namespace parity::rt
