// The Evaluator itself: lexical scoping of nested subgraphs, model-local functions, node ordering,
// keep_intermediates, and the errors it reports at load and run time.
#include <gtest/gtest.h>

#include "model_builder.h"
#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

// Runs `fn`, expects an Error, and checks that its message contains every one of `parts`.
template <typename Fn>
void ExpectErrorMentioning(Fn&& fn, const std::vector<std::string>& parts) {
  try {
    fn();
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    const std::string message = e.what();
    for (const auto& p : parts) EXPECT_NE(message.find(p), std::string::npos) << "'" << p << "' not in: " << message;
  }
}

Tensor Bool(bool v) {
  return Tensor::ScalarInt(DataType::kBool, v ? 1 : 0);
}

TEST(Evaluator, NestedSubgraphsSeeEveryEnclosingScope) {
  // main: x, c -> outer If; then-branch defines `mid` = x + 10 and runs an inner If whose then-branch returns
  // x + mid (x from main, mid from the enclosing branch).
  GraphBuilder inner_then("inner_then"), inner_else("inner_else");
  inner_then.Node("Add", {"x", "mid"}, {"r1"}).Output("r1");
  inner_else.Node("Identity", {"mid"}, {"r2"}).Output("r2");
  GraphBuilder outer_then("outer_then"), outer_else("outer_else");
  outer_then.Constant("ten", Floats({1}, {10})).Node("Add", {"x", "ten"}, {"mid"});
  outer_then.Node("If", {"c"}, {"inner_out"},
                  {GraphAttr("then_branch", inner_then.graph()), GraphAttr("else_branch", inner_else.graph())});
  outer_then.Output("inner_out");
  outer_else.Node("Identity", {"x"}, {"r3"}).Output("r3");
  GraphBuilder g("main");
  g.Input("c", DataType::kBool, {}).Input("x", DataType::kFloat, {1});
  g.Node("If", {"c"}, {"y"},
         {GraphAttr("then_branch", outer_then.graph()), GraphAttr("else_branch", outer_else.graph())});
  g.Output("y");
  auto model = MakeModel(g.graph(), 16);
  EXPECT_EQ(RunModel(model, {{"c", Bool(true)}, {"x", Floats({1}, {1})}}).at("y").tensor().reals(),
            (std::vector<double>{12}));  // 1 + (1 + 10)
  EXPECT_EQ(RunModel(model, {{"c", Bool(false)}, {"x", Floats({1}, {1})}}).at("y").tensor().reals(),
            (std::vector<double>{1}));
}

TEST(Evaluator, SubgraphValuesDoNotLeakIntoTheOuterScope) {
  GraphBuilder then_g("then"), else_g("else");
  then_g.Node("Identity", {"x"}, {"hidden"}).Output("hidden");
  else_g.Node("Identity", {"x"}, {"hidden2"}).Output("hidden2");
  GraphBuilder g("main");
  g.Input("c", DataType::kBool, {}).Input("x", DataType::kFloat, {1});
  g.Node("If", {"c"}, {"y"}, {GraphAttr("then_branch", then_g.graph()), GraphAttr("else_branch", else_g.graph())});
  g.Node("Identity", {"hidden"}, {"z"}).Output("z");
  ExpectErrorMentioning(
      [&] {
        RunModel(MakeModel(g.graph(), 16), {{"c", Bool(true)}, {"x", Floats({1}, {1})}});
      },
      {"hidden", "not produced"});
}

// A model calling the local function local.Leaky(x) with attribute a, whose body is LeakyRelu(alpha = @a).
onnx::ModelProto FunctionModel() {
  onnx::ModelProto model = [] {
    GraphBuilder g("main");
    g.Input("x", DataType::kFloat, {2});
    onnx::AttributeProto a;
    a.set_name("a");
    a.set_type(onnx::AttributeProto::FLOAT);
    a.set_f(0.5f);
    g.Node("Leaky", {"x"}, {"y"}, {a}, "call", "local").Output("y");
    return MakeModel(g.graph(), 16);
  }();
  auto* local = model.add_opset_import();
  local->set_domain("local");
  local->set_version(1);
  auto* fn = model.add_functions();
  fn->set_name("Leaky");
  fn->set_domain("local");
  fn->add_input("fx");
  fn->add_output("fy");
  fn->add_attribute("a");
  auto* body_opset = fn->add_opset_import();
  body_opset->set_domain("");
  body_opset->set_version(16);
  auto* n = fn->add_node();
  n->set_op_type("LeakyRelu");
  n->add_input("fx");
  n->add_output("fy");
  auto* ref = n->add_attribute();
  ref->set_name("alpha");
  ref->set_type(onnx::AttributeProto::FLOAT);
  ref->set_ref_attr_name("a");
  return model;
}

TEST(Evaluator, ModelLocalFunctionsBindReferencedAttributes) {
  auto out = RunModel(FunctionModel(), {{"x", Floats({2}, {-2, 3})}});
  EXPECT_EQ(out.at("y").tensor().reals(), (std::vector<double>{-1, 3}));
}

// x -> Neg -> a -> Relu -> b -> Identity -> y, with the nodes listed back to front.
onnx::ModelProto UnsortedChain() {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {2});
  g.Node("Identity", {"b"}, {"y"}, {}, "third");
  g.Node("Relu", {"a"}, {"b"}, {}, "second");
  g.Node("Neg", {"x"}, {"a"}, {}, "first");
  g.Output("y");
  return MakeModel(g.graph(), 16);
}

TEST(Evaluator, UnsortedNodesRunInDependencyOrder) {
  auto out = RunModel(UnsortedChain(), {{"x", Floats({2}, {-1, 2})}});
  EXPECT_EQ(out.at("y").tensor().reals(), (std::vector<double>{1, 0}));
}

TEST(Evaluator, KeepIntermediatesRecordsEveryValueInExecutionOrder) {
  EvaluatorOptions options;
  options.keep_intermediates = true;
  Evaluator evaluator(UnsortedChain(), options);
  evaluator.Run({{"x", Floats({2}, {-1, 2})}});
  const auto& values = evaluator.intermediates();
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0].name, "a");
  EXPECT_EQ(values[0].node_name, "first");
  EXPECT_EQ(values[0].op_type, "Neg");
  EXPECT_EQ(values[0].value.tensor().reals(), (std::vector<double>{1, -2}));
  EXPECT_EQ(values[1].name, "b");
  EXPECT_EQ(values[1].value.tensor().reals(), (std::vector<double>{1, 0}));
  EXPECT_EQ(values[2].name, "y");
  // Without the option nothing is kept.
  Evaluator plain(UnsortedChain());
  plain.Run({{"x", Floats({2}, {-1, 2})}});
  EXPECT_TRUE(plain.intermediates().empty());
}

TEST(Evaluator, UnknownOpNamesNodeOpDomainAndOpset) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {1}).Node("NoSuchOp", {"x"}, {"y"}, {}, "mystery").Output("y");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 16)); },
                        {"mystery", "NoSuchOp", "ai.onnx", "opset 16", "not implemented"});
}

TEST(Evaluator, UnimplementedVersionListsTheImplementedOnes) {
  GraphBuilder g("main");
  g.Input("q", DataType::kFloat, {1, 1, 1, 1}).Node("Attention", {"q", "q", "q"}, {"y"}, {}, "attn").Output("y");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 22)); },
                        {"attn", "Attention", "opset 22", "implemented versions: 23, 24"});
}

TEST(Evaluator, UndeclaredAttributeIsRefusedAtLoad) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {1}).Node("Relu", {"x"}, {"y"}, {IntAttr("bogus", 1)}, "r").Output("y");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 16)); }, {"'r'", "bogus", "not part of"});
}

TEST(Evaluator, AttributeOfTheWrongTypeIsRefused) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {1}).Node("LeakyRelu", {"x"}, {"y"}, {IntAttr("alpha", 1)}, "l").Output("y");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 16)); }, {"alpha", "float"});
}

TEST(Evaluator, SubgraphNodesAreCheckedAtLoad) {
  GraphBuilder then_g("then"), else_g("else");
  then_g.Node("NoSuchOp", {"x"}, {"t"}, {}, "deep").Output("t");
  else_g.Node("Identity", {"x"}, {"e"}).Output("e");
  GraphBuilder g("main");
  g.Input("c", DataType::kBool, {}).Input("x", DataType::kFloat, {1});
  g.Node("If", {"c"}, {"y"}, {GraphAttr("then_branch", then_g.graph()), GraphAttr("else_branch", else_g.graph())});
  g.Output("y");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 16)); }, {"deep", "NoSuchOp"});
}

TEST(Evaluator, MissingFeedIsNamed) {
  Evaluator e(UnsortedChain());
  ExpectErrorMentioning([&] { e.Run({}); }, {"'x'", "not fed"});
}

TEST(Evaluator, WrongFeedTypeOrShapeIsNamed) {
  Evaluator e(UnsortedChain());
  ExpectErrorMentioning([&] { e.Run({{"x", Ints({2}, {1, 2})}}); }, {"'x'", "FLOAT", "INT64"});
  ExpectErrorMentioning([&] { e.Run({{"x", Floats({3}, {1, 2, 3})}}); }, {"'x'", "[2]", "[3]"});
  ExpectErrorMentioning([&] { e.Run({{"x", Floats({1, 2}, {1, 2})}}); }, {"'x'", "shape"});
}

TEST(Evaluator, SymbolicDimsAcceptAnySize) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {-1}).Node("Relu", {"x"}, {"y"}).Output("y");
  EXPECT_EQ(RunModel(MakeModel(g.graph(), 16), {{"x", Floats({3}, {-1, 0, 1})}}).at("y").tensor().size(), 3);
}

TEST(Evaluator, CycleIsReportedAtLoad) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {1});
  g.Node("Add", {"x", "b"}, {"a"}, {}, "loop_a").Node("Relu", {"a"}, {"b"}, {}, "loop_b").Output("b");
  ExpectErrorMentioning([&] { Evaluator e(MakeModel(g.graph(), 16)); }, {"cycle"});
}

TEST(Evaluator, KernelErrorsCarryTheNodeLabel) {
  GraphBuilder g("main");
  g.Input("p", DataType::kInt64, {});
  g.Node("SequenceEmpty", {}, {"s"}).Node("SequenceAt", {"s", "p"}, {"y"}, {}, "at_node").Output("y");
  ExpectErrorMentioning(
      [&] {
        RunModel(MakeModel(g.graph(), 16), {{"p", Tensor::ScalarInt(DataType::kInt64, 0)}});
      },
      {"at_node", "SequenceAt-11", "out of range"});
}

TEST(Evaluator, InitializersAreVisibleAndSubgraphsReadThem) {
  GraphBuilder then_g("then"), else_g("else");
  then_g.Node("Add", {"x", "w"}, {"t"}).Output("t");
  else_g.Node("Identity", {"w"}, {"e"}).Output("e");
  GraphBuilder g("main");
  g.Input("c", DataType::kBool, {}).Input("x", DataType::kFloat, {1});
  g.Initializer("w", Floats({1}, {5}));
  g.Node("If", {"c"}, {"y"}, {GraphAttr("then_branch", then_g.graph()), GraphAttr("else_branch", else_g.graph())});
  g.Output("y");
  EXPECT_EQ(RunModel(MakeModel(g.graph(), 16), {{"c", Bool(true)}, {"x", Floats({1}, {1})}}).at("y").tensor().reals(),
            (std::vector<double>{6}));
}

}  // namespace
}  // namespace parity::ref::testing
