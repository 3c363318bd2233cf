// If / Loop / Scan: branches and bodies reading outer values, loop-carried values, scan outputs, directions, axes.
#include <gtest/gtest.h>

#include "model_builder.h"
#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Bool(bool v) {
  return Tensor::ScalarInt(DataType::kBool, v ? 1 : 0);
}
Tensor I64(int64_t v) {
  return Tensor::ScalarInt(DataType::kInt64, v);
}

// If whose branches add 1 or 100 to the outer value x.
onnx::ModelProto IfModel(int opset) {
  GraphBuilder then_g("then"), else_g("else");
  then_g.Constant("one", Floats({1}, {1})).Node("Add", {"x", "one"}, {"t_out"}).Output("t_out");
  else_g.Constant("hundred", Floats({1}, {100})).Node("Add", {"x", "hundred"}, {"e_out"}).Output("e_out");
  GraphBuilder g("main");
  g.Input("cond", DataType::kBool, {}).Input("x", DataType::kFloat, {2});
  g.Node("If", {"cond"}, {"y"}, {GraphAttr("then_branch", then_g.graph()), GraphAttr("else_branch", else_g.graph())});
  g.Output("y");
  return MakeModel(g.graph(), opset);
}

TEST(If, TakesTheBranchNamedByCondAndReadsOuterValues) {
  for (int opset : {7, 11, 13, 16, 19, 21, 23, 24, 25}) {
    auto model = IfModel(opset);
    auto t = RunModel(model, {{"cond", Bool(true)}, {"x", Floats({2}, {1, 2})}});
    EXPECT_EQ(t.at("y").tensor().reals(), (std::vector<double>{2, 3})) << "opset " << opset;
    auto e = RunModel(model, {{"cond", Bool(false)}, {"x", Floats({2}, {1, 2})}});
    EXPECT_EQ(e.at("y").tensor().reals(), (std::vector<double>{101, 102})) << "opset " << opset;
  }
}

TEST(If, CondMustBeASingleBool) {
  EXPECT_THROW(RunModel(IfModel(16),
                        {{"cond", Tensor(DataType::kBool, {2}, Tensor::IntData{1, 0})}, {"x", Floats({2}, {1, 2})}}),
               Error);
}

TEST(If, BranchesMayReturnSequencesAndEmptyOptionals) {
  GraphBuilder then_g("then"), else_g("else");
  then_g.Node("SequenceConstruct", {"x", "x"}, {"seq"}).Output("seq");
  onnx::AttributeProto type;
  type.set_name("type");
  type.set_type(onnx::AttributeProto::TYPE_PROTO);
  type.mutable_tp()->mutable_tensor_type()->set_elem_type(1);
  else_g.Node("Optional", {}, {"none"}, {type}).Output("none");
  GraphBuilder g("main");
  g.Input("cond", DataType::kBool, {}).Input("x", DataType::kFloat, {1});
  g.Node("If", {"cond"}, {"y"}, {GraphAttr("then_branch", then_g.graph()), GraphAttr("else_branch", else_g.graph())});
  g.Output("y");
  auto model = MakeModel(g.graph(), 16);
  auto t = RunModel(model, {{"cond", Bool(true)}, {"x", Floats({1}, {5})}});
  ASSERT_TRUE(t.at("y").is_sequence());
  EXPECT_EQ(t.at("y").sequence().size(), 2u);
  auto e = RunModel(model, {{"cond", Bool(false)}, {"x", Floats({1}, {5})}});
  EXPECT_TRUE(e.at("y").is_none());
}

// Loop body: carried s += i (iteration number); scan output = s after the update; cond_out = (s < limit) is
// replaced by a pass-through of cond for simplicity, so only M or the cond input stop the loop.
onnx::GraphProto SumBody() {
  GraphBuilder body("body");
  body.Input("i", DataType::kInt64, {}).Input("cond_in", DataType::kBool, {}).Input("s_in", DataType::kInt64, {});
  body.Node("Add", {"s_in", "i"}, {"s_out"});
  body.Node("Identity", {"cond_in"}, {"cond_out"});
  body.Node("Identity", {"s_out"}, {"scan"});
  body.Output("cond_out").Output("s_out").Output("scan", DataType::kInt64, {}, true);
  return body.graph();
}

TEST(Loop, TripCountRunsMTimesAndStacksScanOutputs) {
  GraphBuilder g("main");
  g.Input("m", DataType::kInt64, {}).Input("s0", DataType::kInt64, {});
  g.Node("Loop", {"m", "", "s0"}, {"s", "scan"}, {GraphAttr("body", SumBody())});
  g.Output("s").Output("scan");
  auto out = RunModel(MakeModel(g.graph(), 16), {{"m", I64(4)}, {"s0", I64(10)}});
  EXPECT_EQ(out.at("s").tensor().ints(), (std::vector<int64_t>{16}));  // 10 + 0 + 1 + 2 + 3
  EXPECT_EQ(out.at("scan").tensor().shape(), (Shape{4}));
  EXPECT_EQ(out.at("scan").tensor().ints(), (std::vector<int64_t>{10, 11, 13, 16}));
}

TEST(Loop, ZeroIterationsGiveInitialValuesAndEmptyScanOutputs) {
  GraphBuilder g("main");
  g.Input("m", DataType::kInt64, {}).Input("s0", DataType::kInt64, {});
  g.Node("Loop", {"m", "", "s0"}, {"s", "scan"}, {GraphAttr("body", SumBody())});
  g.Output("s").Output("scan");
  auto out = RunModel(MakeModel(g.graph(), 13), {{"m", I64(0)}, {"s0", I64(7)}});
  EXPECT_EQ(out.at("s").tensor().ints(), (std::vector<int64_t>{7}));
  EXPECT_EQ(out.at("scan").tensor().shape(), (Shape{0}));
  EXPECT_EQ(out.at("scan").tensor().dtype(), DataType::kInt64);
}

TEST(Loop, ConditionStopsTheLoopAndFalseInitialCondRunsNothing) {
  // Body: cond_out = (i + 1 < 3), i.e. stop after iteration 2; carried value counts iterations.
  GraphBuilder body("body");
  body.Input("i", DataType::kInt64, {}).Input("c", DataType::kBool, {}).Input("n_in", DataType::kInt64, {});
  body.Constant("one", I64(1)).Constant("three", I64(3));
  body.Node("Add", {"n_in", "one"}, {"n_out"});
  body.Node("Add", {"i", "one"}, {"next"});
  body.Node("Less", {"next", "three"}, {"c_out"});
  body.Output("c_out").Output("n_out");
  GraphBuilder g("main");
  g.Input("c0", DataType::kBool, {}).Input("n0", DataType::kInt64, {});
  g.Node("Loop", {"", "c0", "n0"}, {"n"}, {GraphAttr("body", body.graph())});
  g.Output("n");
  auto model = MakeModel(g.graph(), 16);
  EXPECT_EQ(RunModel(model, {{"c0", Bool(true)}, {"n0", I64(0)}}).at("n").tensor().ints(), (std::vector<int64_t>{3}));
  EXPECT_EQ(RunModel(model, {{"c0", Bool(false)}, {"n0", I64(0)}}).at("n").tensor().ints(), (std::vector<int64_t>{0}));
}

TEST(Loop, WithoutCondInputTheBodyCondIsIgnored) {
  GraphBuilder body("body");
  body.Input("i", DataType::kInt64, {}).Input("c", DataType::kBool, {}).Input("n_in", DataType::kInt64, {});
  body.Constant("one", I64(1)).Constant("never", Bool(false));
  body.Node("Add", {"n_in", "one"}, {"n_out"});
  body.Output("never").Output("n_out");
  GraphBuilder g("main");
  g.Input("m", DataType::kInt64, {}).Input("n0", DataType::kInt64, {});
  g.Node("Loop", {"m", "", "n0"}, {"n"}, {GraphAttr("body", body.graph())});
  g.Output("n");
  EXPECT_EQ(RunModel(MakeModel(g.graph(), 16), {{"m", I64(5)}, {"n0", I64(0)}}).at("n").tensor().ints(),
            (std::vector<int64_t>{5}));
}

TEST(Loop, CarriesSequencesFromOpset13) {
  GraphBuilder body("body");
  body.Input("i", DataType::kInt64, {}).Input("c", DataType::kBool, {}).SequenceInput("seq_in", DataType::kInt64);
  body.Node("SequenceInsert", {"seq_in", "i"}, {"seq_out"});
  body.Node("Identity", {"c"}, {"c_out"});
  body.Output("c_out").Output("seq_out");
  GraphBuilder g("main");
  g.Input("m", DataType::kInt64, {});
  g.Node("SequenceEmpty", {}, {"empty"}, {IntAttr("dtype", 7)});
  g.Node("Loop", {"m", "", "empty"}, {"seq"}, {GraphAttr("body", body.graph())});
  g.Output("seq");
  auto out = RunModel(MakeModel(g.graph(), 13), {{"m", I64(3)}});
  const auto& seq = out.at("seq").sequence();
  ASSERT_EQ(seq.size(), 3u);
  EXPECT_EQ(seq[2].ints(), (std::vector<int64_t>{2}));
}

TEST(Loop, NeitherTripCountNorCondIsAnError) {
  GraphBuilder g("main");
  g.Input("n0", DataType::kInt64, {});
  g.Node("Loop", {"", "", "n0"}, {"n"}, {GraphAttr("body", SumBody())});
  g.Output("n");
  EXPECT_THROW(RunModel(MakeModel(g.graph(), 16), {{"n0", I64(0)}}), Error);
}

// Scan body: state += x (a row); scan output = state after the update.
onnx::GraphProto CumsumBody() {
  GraphBuilder body("body");
  body.Input("acc_in", DataType::kFloat, {2}).Input("x", DataType::kFloat, {2});
  body.Node("Add", {"acc_in", "x"}, {"acc_out"});
  body.Node("Identity", {"acc_out"}, {"y"});
  body.Output("acc_out").Output("y");
  return body.graph();
}

TEST(Scan, ForwardCumulativeSum) {
  GraphBuilder g("main");
  g.Input("init", DataType::kFloat, {2}).Input("xs", DataType::kFloat, {3, 2});
  g.Node("Scan", {"init", "xs"}, {"final", "ys"}, {GraphAttr("body", CumsumBody()), IntAttr("num_scan_inputs", 1)});
  g.Output("final").Output("ys");
  auto out =
      RunModel(MakeModel(g.graph(), 16), {{"init", Floats({2}, {0, 0})}, {"xs", Floats({3, 2}, {1, 2, 3, 4, 5, 6})}});
  EXPECT_EQ(out.at("final").tensor().reals(), (std::vector<double>{9, 12}));
  EXPECT_EQ(out.at("ys").tensor().reals(), (std::vector<double>{1, 2, 4, 6, 9, 12}));
}

TEST(Scan, ReverseInputAxisOneAndOutputAxisOneReversed) {
  GraphBuilder g("main");
  g.Input("init", DataType::kFloat, {2}).Input("xs", DataType::kFloat, {2, 3});
  // xs is [2, 3] scanned along axis 1 (rows are the columns of xs), read back to front; outputs are stacked on
  // axis 1 in reverse, so ys[:, k] is the running sum after reading column k.
  g.Node("Scan", {"init", "xs"}, {"final", "ys"},
         {GraphAttr("body", CumsumBody()), IntAttr("num_scan_inputs", 1), IntsAttr("scan_input_axes", {-1}),
          IntsAttr("scan_input_directions", {1}), IntsAttr("scan_output_axes", {1}),
          IntsAttr("scan_output_directions", {1})});
  g.Output("final").Output("ys");
  auto out = RunModel(MakeModel(g.graph(), 11),
                      {{"init", Floats({2}, {0, 0})}, {"xs", Floats({2, 3}, {1, 2, 3, 10, 20, 30})}});
  EXPECT_EQ(out.at("final").tensor().reals(), (std::vector<double>{6, 60}));
  // Steps read columns 2, 1, 0: sums (3,30), (5,50), (6,60); reversed output order puts step 0 last.
  EXPECT_EQ(out.at("ys").tensor().shape(), (Shape{2, 3}));
  EXPECT_EQ(out.at("ys").tensor().reals(), (std::vector<double>{6, 5, 3, 60, 50, 30}));
}

TEST(Scan, Version8HasABatchAxisAndSequenceLengths) {
  GraphBuilder g("main");
  g.Input("lens", DataType::kInt64, {2})
      .Input("init", DataType::kFloat, {2, 2})
      .Input("xs", DataType::kFloat, {2, 3, 2});
  g.Node("Scan", {"lens", "init", "xs"}, {"final", "ys"},
         {GraphAttr("body", CumsumBody()), IntAttr("num_scan_inputs", 1)});
  g.Output("final").Output("ys");
  auto out = RunModel(MakeModel(g.graph(), 8), {{"lens", Ints({2}, {3, 2})},
                                                {"init", Floats({2, 2}, {0, 0, 100, 100})},
                                                {"xs", Floats({2, 3, 2}, {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3})}});
  EXPECT_EQ(out.at("final").tensor().reals(), (std::vector<double>{6, 6, 103, 103}));
  // Batch row 1 stops after 2 steps; its third output row is zero padding.
  EXPECT_EQ(out.at("ys").tensor().reals(), (std::vector<double>{1, 1, 3, 3, 6, 6, 101, 101, 103, 103, 0, 0}));
}

TEST(Scan, MismatchedScanLengthsAreAnError) {
  GraphBuilder body("body");
  body.Input("x", DataType::kFloat, {}).Input("y", DataType::kFloat, {});
  body.Node("Add", {"x", "y"}, {"z"}).Output("z");
  GraphBuilder g("main");
  g.Input("a", DataType::kFloat, {2}).Input("b", DataType::kFloat, {3});
  g.Node("Scan", {"a", "b"}, {"zs"}, {GraphAttr("body", body.graph()), IntAttr("num_scan_inputs", 2)});
  g.Output("zs");
  EXPECT_THROW(RunModel(MakeModel(g.graph(), 16), {{"a", Floats({2}, {1, 2})}, {"b", Floats({3}, {1, 2, 3})}}), Error);
}

}  // namespace
}  // namespace parity::ref::testing
