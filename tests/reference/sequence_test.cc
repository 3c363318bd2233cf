// Sequence and optional ops: construction, indexing (negative positions), insert/erase defaults, split/concat.
#include <gtest/gtest.h>

#include "model_builder.h"
#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor I64(int64_t v) {
  return Tensor::ScalarInt(DataType::kInt64, v);
}

// Runs `op` on a sequence built from a, b, c (SequenceConstruct) plus `extra` inputs; returns output "out".
Value OnSequence(const std::string& op, const std::vector<std::pair<std::string, Tensor>>& extra,
                 const std::vector<onnx::AttributeProto>& attrs = {}, int opset = 16) {
  GraphBuilder g("main");
  g.Input("a", DataType::kFloat, {1}).Input("b", DataType::kFloat, {2}).Input("c", DataType::kFloat, {3});
  std::map<std::string, Value> feeds = {
      {"a", Floats({1}, {1})}, {"b", Floats({2}, {2, 2})}, {"c", Floats({3}, {3, 3, 3})}};
  g.Node("SequenceConstruct", {"a", "b", "c"}, {"seq"});
  std::vector<std::string> inputs = {"seq"};
  for (const auto& [name, t] : extra) {
    if (name.empty()) {
      inputs.push_back("");
      continue;
    }
    g.Input(name, t.dtype(), t.shape());
    feeds[name] = t;
    inputs.push_back(name);
  }
  g.Node(op, inputs, {"out"}, attrs).Output("out");
  return RunModel(MakeModel(g.graph(), opset), feeds).at("out");
}

std::vector<int64_t> Lengths(const Value& seq) {
  std::vector<int64_t> out;
  for (const Tensor& t : seq.sequence()) out.push_back(t.size());
  return out;
}

TEST(Sequence, ConstructAtAndLength) {
  EXPECT_EQ(OnSequence("SequenceAt", {{"p", I64(1)}}).tensor().reals(), (std::vector<double>{2, 2}));
  EXPECT_EQ(OnSequence("SequenceAt", {{"p", I64(-1)}}).tensor().reals(), (std::vector<double>{3, 3, 3}));
  EXPECT_THROW(OnSequence("SequenceAt", {{"p", I64(3)}}), Error);
  EXPECT_EQ(OnSequence("SequenceLength", {}).tensor().ints(), (std::vector<int64_t>{3}));
}

TEST(Sequence, ConstructRejectsMixedTypes) {
  EXPECT_THROW(SingleNode("SequenceConstruct", 16).Input(Floats({1}, {1})).Input(Ints({1}, {1})).Run(), Error);
}

TEST(Sequence, InsertAppendsByDefaultAndAcceptsNegativePositions) {
  const Tensor t = Floats({4}, {4, 4, 4, 4});
  EXPECT_EQ(Lengths(OnSequence("SequenceInsert", {{"t", t}})), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(Lengths(OnSequence("SequenceInsert", {{"t", t}, {"p", I64(-1)}})), (std::vector<int64_t>{1, 2, 4, 3}));
  EXPECT_EQ(Lengths(OnSequence("SequenceInsert", {{"t", t}, {"p", I64(0)}})), (std::vector<int64_t>{4, 1, 2, 3}));
  EXPECT_THROW(OnSequence("SequenceInsert", {{"t", Ints({1}, {1})}}), Error);  // wrong element type
}

TEST(Sequence, EraseRemovesTheLastByDefault) {
  EXPECT_EQ(Lengths(OnSequence("SequenceErase", {})), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Lengths(OnSequence("SequenceErase", {{"p", I64(-3)}})), (std::vector<int64_t>{2, 3}));
  EXPECT_THROW(OnSequence("SequenceErase", {{"p", I64(5)}}), Error);
}

TEST(Sequence, EmptyHasTheRequestedElementType) {
  GraphBuilder g("main");
  g.Node("SequenceEmpty", {}, {"s"}, {IntAttr("dtype", 7)}).Node("SequenceLength", {"s"}, {"n"});
  g.Output("s").Output("n");
  auto out = RunModel(MakeModel(g.graph(), 16));
  EXPECT_EQ(out.at("s").sequence_element_type(), DataType::kInt64);
  EXPECT_EQ(out.at("n").tensor().ints(), (std::vector<int64_t>{0}));
}

// SplitToSequence of x [2, 5] then ConcatFromSequence back; checks chunk shapes.
std::vector<Shape> SplitShapes(const std::vector<onnx::AttributeProto>& attrs, const Tensor* split) {
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {2, 5});
  std::map<std::string, Value> feeds = {{"x", Tensor(DataType::kFloat, {2, 5})}};
  std::vector<std::string> inputs = {"x"};
  if (split != nullptr) {
    g.Input("split", split->dtype(), split->shape());
    feeds["split"] = *split;
    inputs.push_back("split");
  }
  g.Node("SplitToSequence", inputs, {"seq"}, attrs).Output("seq");
  std::vector<Shape> shapes;
  const auto out = RunModel(MakeModel(g.graph(), 16), feeds);
  for (const Tensor& t : out.at("seq").sequence()) shapes.push_back(t.shape());
  return shapes;
}

TEST(SplitToSequence, ScalarSplitLeavesAShorterLastChunk) {
  const Tensor two = I64(2);
  EXPECT_EQ(SplitShapes({IntAttr("axis", -1)}, &two), (std::vector<Shape>{{2, 2}, {2, 2}, {2, 1}}));
}

TEST(SplitToSequence, ListSplitMustSumToTheAxis) {
  const Tensor ok = Ints({2}, {1, 4}, DataType::kInt32);
  EXPECT_EQ(SplitShapes({IntAttr("axis", 1)}, &ok), (std::vector<Shape>{{2, 1}, {2, 4}}));
  const Tensor bad = Ints({2}, {1, 3});
  EXPECT_THROW(SplitShapes({IntAttr("axis", 1)}, &bad), Error);
}

TEST(SplitToSequence, NoSplitMakesUnitChunksAndKeepdimsZeroDropsTheAxis) {
  EXPECT_EQ(SplitShapes({}, nullptr), (std::vector<Shape>{{1, 5}, {1, 5}}));
  EXPECT_EQ(SplitShapes({IntAttr("keepdims", 0)}, nullptr), (std::vector<Shape>{{5}, {5}}));
  // keepdims is ignored when split is given.
  const Tensor one = I64(1);
  EXPECT_EQ(SplitShapes({IntAttr("keepdims", 0)}, &one), (std::vector<Shape>{{1, 5}, {1, 5}}));
}

TEST(ConcatFromSequence, ConcatenatesOrStacks) {
  GraphBuilder g("main");
  g.Input("a", DataType::kInt64, {2}).Input("b", DataType::kInt64, {2});
  g.Node("SequenceConstruct", {"a", "b"}, {"seq"});
  g.Node("ConcatFromSequence", {"seq"}, {"cat"}, {IntAttr("axis", -1)});
  g.Node("ConcatFromSequence", {"seq"}, {"stack0"}, {IntAttr("axis", 0), IntAttr("new_axis", 1)});
  g.Node("ConcatFromSequence", {"seq"}, {"stack_last"}, {IntAttr("axis", -1), IntAttr("new_axis", 1)});
  g.Output("cat").Output("stack0").Output("stack_last");
  auto out = RunModel(MakeModel(g.graph(), 16), {{"a", Ints({2}, {1, 2})}, {"b", Ints({2}, {3, 4})}});
  EXPECT_EQ(out.at("cat").tensor().ints(), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(out.at("stack0").tensor().shape(), (Shape{2, 2}));
  EXPECT_EQ(out.at("stack0").tensor().ints(), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(out.at("stack_last").tensor().ints(), (std::vector<int64_t>{1, 3, 2, 4}));
}

TEST(ConcatFromSequence, MismatchedShapesAreAnError) {
  EXPECT_THROW(OnSequence("ConcatFromSequence", {}, {IntAttr("axis", 0), IntAttr("new_axis", 1)}), Error);
  EXPECT_EQ(OnSequence("ConcatFromSequence", {}, {IntAttr("axis", 0)}).tensor().reals(),
            (std::vector<double>{1, 2, 2, 3, 3, 3}));
}

TEST(Optional, WrapsHasElementAndGetElement) {
  onnx::AttributeProto type;
  type.set_name("type");
  type.set_type(onnx::AttributeProto::TYPE_PROTO);
  type.mutable_tp()->mutable_tensor_type()->set_elem_type(1);
  GraphBuilder g("main");
  g.Input("x", DataType::kFloat, {1});
  g.Node("Optional", {"x"}, {"full"}).Node("Optional", {}, {"empty"}, {type});
  g.Node("OptionalHasElement", {"full"}, {"has_full"}).Node("OptionalHasElement", {"empty"}, {"has_empty"});
  g.Node("OptionalGetElement", {"full"}, {"got"});
  g.Output("has_full").Output("has_empty").Output("got").Output("empty");
  auto out = RunModel(MakeModel(g.graph(), 18), {{"x", Floats({1}, {7})}});
  EXPECT_EQ(out.at("has_full").tensor().ints(), (std::vector<int64_t>{1}));
  EXPECT_EQ(out.at("has_empty").tensor().ints(), (std::vector<int64_t>{0}));
  EXPECT_EQ(out.at("got").tensor().reals(), (std::vector<double>{7}));
  EXPECT_TRUE(out.at("empty").is_none());
}

TEST(Optional, GetElementOfAnEmptyOptionalIsAnError) {
  onnx::AttributeProto type;
  type.set_name("type");
  type.set_type(onnx::AttributeProto::TYPE_PROTO);
  type.mutable_tp()->mutable_tensor_type()->set_elem_type(1);
  GraphBuilder g("main");
  g.Node("Optional", {}, {"empty"}, {type}).Node("OptionalGetElement", {"empty"}, {"got"}).Output("got");
  EXPECT_THROW(RunModel(MakeModel(g.graph(), 18)), Error);
}

TEST(Optional, HasElementWithoutInputIsFalseFromVersion18) {
  auto out = SingleNode("OptionalHasElement", 18).SkipInput().Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0}));
  EXPECT_THROW(SingleNode("OptionalHasElement", 15).SkipInput().Run(), Error);
}

}  // namespace
}  // namespace parity::ref::testing
