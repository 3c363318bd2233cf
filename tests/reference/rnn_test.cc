// RNN / GRU / LSTM: hand-computed one-unit cells (directions, layouts, sequence_lens, activations with
// alpha/beta, clip, peepholes, input_forget, linear_before_reset).
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

double Sigmoid(double x) {
  return 1 / (1 + std::exp(-x));
}

// Runs `n` with an extra STRINGS attribute (SingleNode has no setter for one). Inputs are fed as in0, in1, ...
std::vector<Tensor> RunWithStrings(const SingleNode& n, const std::string& name, const std::vector<std::string>& v,
                                   const std::vector<Tensor>& feeds) {
  onnx::ModelProto model = n.Model();
  auto* a = model.mutable_graph()->mutable_node(0)->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRINGS);
  for (const auto& s : v) a->add_strings(s);
  Evaluator evaluator(model);
  std::map<std::string, Value> inputs;
  for (size_t i = 0; i < feeds.size(); ++i) inputs["in" + std::to_string(i)] = feeds[i];
  auto results = evaluator.Run(inputs);
  return {results.at("out0").tensor()};
}

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << "element " << i;
}

// One-unit RNN: W = 1, R = 0.5, Wb + Rb = 0.3; X = [1, 2] over time, batch 1.
SingleNode SimpleRnn(int opset, const std::string& direction) {
  const int64_t dirs = direction == "bidirectional" ? 2 : 1;
  std::vector<double> w(dirs, 1.0), r(dirs, 0.5), b;
  for (int64_t d = 0; d < dirs; ++d) b.insert(b.end(), {0.1, 0.2});
  SingleNode n("RNN", opset);
  n.Input(Floats({2, 1, 1}, {1, 2}))
      .Input(Floats({dirs, 1, 1}, w))
      .Input(Floats({dirs, 1, 1}, r))
      .Input(Floats({dirs, 2}, b))
      .Attr("hidden_size", int64_t{1})
      .Attr("direction", direction)
      .Outputs(2);
  return n;
}

TEST(Rnn, ForwardFollowsTheRecurrence) {
  auto out = SimpleRnn(22, "forward").Run();
  const double h1 = std::tanh(1 + 0.3), h2 = std::tanh(2 + 0.5 * h1 + 0.3);
  EXPECT_EQ(out[0].shape(), (Shape{2, 1, 1, 1}));
  ExpectNear(out[0].reals(), {h1, h2});
  ExpectNear(out[1].reals(), {h2});
}

TEST(Rnn, ReverseStartsFromTheLastStep) {
  auto out = SimpleRnn(7, "reverse").Run();
  const double h_t1 = std::tanh(2 + 0.3), h_t0 = std::tanh(1 + 0.5 * h_t1 + 0.3);
  ExpectNear(out[0].reals(), {h_t0, h_t1});
  ExpectNear(out[1].reals(), {h_t0});
}

TEST(Rnn, BidirectionalStacksForwardThenReverse) {
  auto out = SimpleRnn(14, "bidirectional").Run();
  const double f1 = std::tanh(1.3), f2 = std::tanh(2 + 0.5 * f1 + 0.3);
  const double r1 = std::tanh(2.3), r0 = std::tanh(1 + 0.5 * r1 + 0.3);
  EXPECT_EQ(out[0].shape(), (Shape{2, 2, 1, 1}));  // [seq, dir, batch, hidden]
  ExpectNear(out[0].reals(), {f1, r0, f2, r1});
  ExpectNear(out[1].reals(), {f2, r0});
}

TEST(Rnn, LayoutOneIsBatchMajorAndSequenceLensStopRowsEarly) {
  // Batch 2 (rows 0 and 1 carry the same X), row 1 has length 1; layout 1: X [batch, seq, input].
  auto out = SingleNode("RNN", 14)
                 .Input(Floats({2, 2, 1}, {1, 2, 1, 2}))
                 .Input(Floats({1, 1, 1}, {1}))
                 .Input(Floats({1, 1, 1}, {0.5}))
                 .Input(Floats({1, 2}, {0.1, 0.2}))
                 .Input(Ints({2}, {2, 1}, DataType::kInt32))
                 .Attr("layout", int64_t{1})
                 .Outputs(2)
                 .Run();
  const double h1 = std::tanh(1.3), h2 = std::tanh(2 + 0.5 * h1 + 0.3);
  EXPECT_EQ(out[0].shape(), (Shape{2, 2, 1, 1}));  // [batch, seq, dir, hidden]
  ExpectNear(out[0].reals(), {h1, h2, h1, 0});
  EXPECT_EQ(out[1].shape(), (Shape{2, 1, 1}));  // [batch, dir, hidden]
  ExpectNear(out[1].reals(), {h2, h1});
}

TEST(Rnn, LayoutIsRefusedBeforeVersion14) {
  EXPECT_THROW(SimpleRnn(13, "forward").Attr("layout", int64_t{0}).Run(), Error);
}

TEST(Rnn, AffineActivationTakesAlphaBetaAndClipBoundsThePreactivation) {
  const std::vector<Tensor> x = {Floats({1, 1, 1}, {1}), Floats({1, 1, 1}, {1}), Floats({1, 1, 1}, {0})};
  SingleNode affine("RNN", 22);
  for (const Tensor& t : x) affine.Input(t);
  affine.Attr("activation_alpha", std::vector<float>{2}).Attr("activation_beta", std::vector<float>{1});
  ExpectNear(RunWithStrings(affine, "activations", {"Affine"}, x)[0].reals(), {3});  // 2 * 1 + 1
  const std::vector<Tensor> y = {Floats({1, 1, 1}, {1}), Floats({1, 1, 1}, {10}), Floats({1, 1, 1}, {0})};
  SingleNode clipped("RNN", 22);
  for (const Tensor& t : y) clipped.Input(t);
  clipped.Attr("clip", 0.5f);
  // Affine defaults to alpha 1, beta 0; the pre-activation 10 is clipped to 0.5.
  ExpectNear(RunWithStrings(clipped, "activations", {"Affine"}, y)[0].reals(), {0.5});
}

// GRU with W = R = 0, so every gate is a bias: z = σ(bz + rz), r = σ(br + rr).
std::vector<Tensor> BiasOnlyGru(int64_t linear_before_reset) {
  return SingleNode("GRU", 22)
      .Input(Floats({1, 1, 1}, {5}))
      .Input(Floats({1, 3, 1}, {0, 0, 0}))
      .Input(Floats({1, 3, 1}, {0, 0, 0}))
      .Input(Floats({1, 6}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}))  // Wb z r h, Rb z r h
      .SkipInput()
      .Input(Floats({1, 1, 1}, {0.7}))
      .Attr("linear_before_reset", linear_before_reset)
      .Outputs(2)
      .Run();
}

TEST(Gru, LinearBeforeResetScalesTheRecurrentBiasByTheResetGate) {
  const double z = Sigmoid(0.1 + 0.4), r = Sigmoid(0.2 + 0.5);
  const double h_default = std::tanh(0.3 + 0.6);     // (r .* H) * Rh^T = 0, then + Rbh + Wbh
  const double h_linear = std::tanh(0.3 + r * 0.6);  // r .* (H * Rh^T + Rbh) + Wbh
  ExpectNear(BiasOnlyGru(0)[1].reals(), {(1 - z) * h_default + z * 0.7});
  ExpectNear(BiasOnlyGru(1)[1].reals(), {(1 - z) * h_linear + z * 0.7});
}

// LSTM with W = R = 0: gates are biases (Wb order i, o, f, c), C0 = 2, peepholes P = (pi, po, pf).
std::vector<Tensor> BiasOnlyLstm(int64_t input_forget, bool peepholes) {
  SingleNode n("LSTM", 22);
  n.Input(Floats({1, 1, 1}, {3}))
      .Input(Floats({1, 4, 1}, {0, 0, 0, 0}))
      .Input(Floats({1, 4, 1}, {0, 0, 0, 0}))
      .Input(Floats({1, 8}, {0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0}))
      .SkipInput()
      .Input(Floats({1, 1, 1}, {0.5}))
      .Input(Floats({1, 1, 1}, {2}));
  if (peepholes) n.Input(Floats({1, 3}, {0.01, 0.02, 0.03}));
  return n.Attr("input_forget", input_forget).Outputs(3).Run();
}

TEST(Lstm, GatesCellAndPeepholes) {
  {
    const double i = Sigmoid(0.1), o = Sigmoid(0.2), f = Sigmoid(0.3), c = std::tanh(0.4);
    const double c1 = f * 2 + i * c;
    auto out = BiasOnlyLstm(0, false);
    ExpectNear(out[2].reals(), {c1});
    ExpectNear(out[1].reals(), {o * std::tanh(c1)});
    ExpectNear(out[0].reals(), {o * std::tanh(c1)});
  }
  {
    const double i = Sigmoid(0.1 + 0.01 * 2), f = Sigmoid(0.3 + 0.03 * 2), c = std::tanh(0.4);
    const double c1 = f * 2 + i * c;
    const double o = Sigmoid(0.2 + 0.02 * c1);  // the output gate peeks at the new cell
    auto out = BiasOnlyLstm(0, true);
    ExpectNear(out[2].reals(), {c1});
    ExpectNear(out[1].reals(), {o * std::tanh(c1)});
  }
}

TEST(Lstm, InputForgetCouplesTheForgetGate) {
  const double i = Sigmoid(0.1), o = Sigmoid(0.2), c = std::tanh(0.4);
  const double c1 = (1 - i) * 2 + i * c;
  auto out = BiasOnlyLstm(1, false);
  ExpectNear(out[2].reals(), {c1});
  ExpectNear(out[1].reals(), {o * std::tanh(c1)});
}

TEST(Lstm, RejectsWrongWeightShapes) {
  EXPECT_THROW(SingleNode("LSTM", 22)
                   .Input(Floats({1, 1, 2}, {1, 2}))
                   .Input(Floats({1, 4, 1}, {0, 0, 0, 0}))
                   .Input(Floats({1, 4, 1}, {0, 0, 0, 0}))
                   .Run(),
               Error);
}

TEST(Rnn, UnknownActivationIsAnError) {
  const std::vector<Tensor> x = {Floats({1, 1, 1}, {1}), Floats({1, 1, 1}, {1}), Floats({1, 1, 1}, {0})};
  SingleNode n("RNN", 22);
  for (const Tensor& t : x) n.Input(t);
  EXPECT_THROW(RunWithStrings(n, "activations", {"Swishy"}, x), Error);
}

}  // namespace
}  // namespace parity::ref::testing
