// Elementwise math and activation ops: hand-computed values, defaults, integer cases and type checks.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

std::vector<double> RunUnary(const std::string& op, int opset, std::vector<double> x) {
  const int64_t n = static_cast<int64_t>(x.size());
  return SingleNode(op, opset).Input(Floats({n}, std::move(x))).Run()[0].reals();
}

TEST(Unary, SimpleFunctions) {
  EXPECT_EQ(RunUnary("Reciprocal", 13, {2, -4}), (std::vector<double>{0.5, -0.25}));
  EXPECT_EQ(RunUnary("Sqrt", 13, {9, 0.25}), (std::vector<double>{3, 0.5}));
  EXPECT_EQ(RunUnary("Ceil", 13, {-1.5, 1.2}), (std::vector<double>{-1, 2}));
  EXPECT_EQ(RunUnary("Floor", 13, {-1.5, 1.2}), (std::vector<double>{-2, 1}));
  EXPECT_EQ(RunUnary("Softsign", 22, {1, -3}), (std::vector<double>{0.5, -0.75}));
  EXPECT_EQ(RunUnary("Sigmoid", 13, {0}), (std::vector<double>{0.5}));
  EXPECT_DOUBLE_EQ(RunUnary("Acosh", 22, {1})[0], 0.0);
  EXPECT_DOUBLE_EQ(RunUnary("Atan", 7, {1})[0], M_PI / 4);
  EXPECT_TRUE(std::isnan(RunUnary("Log", 13, {-1})[0]));
}

TEST(Round, HalvesGoToEven) {
  EXPECT_EQ(RunUnary("Round", 22, {0.5, 1.5, 2.5, -0.5, -2.5, 2.6}), (std::vector<double>{0, 2, 2, -0.0, -2, 3}));
}

TEST(Softplus, StableForLargeMagnitudes) {
  auto y = RunUnary("Softplus", 22, {0, 1000, -1000});
  EXPECT_DOUBLE_EQ(y[0], std::log(2.0));
  EXPECT_EQ(y[1], 1000);
  EXPECT_EQ(y[2], 0);
}

TEST(Unary, RejectsIntegers) {
  EXPECT_THROW(SingleNode("Exp", 13).Input(Ints({1}, {1})).Run(), Error);
}

TEST(Abs, IntegersAndWrap) {
  auto out = SingleNode("Abs", 13).Input(Ints({3}, {-5, 7, -128}, DataType::kInt8)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{5, 7, -128}));
}

TEST(Neg, SignedIntegersOnly) {
  auto out = SingleNode("Neg", 13).Input(Ints({2}, {3, -128}, DataType::kInt8)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-3, -128}));
  EXPECT_THROW(SingleNode("Neg", 13).Input(Ints({1}, {1}).WithDtype(DataType::kUint8)).Run(), Error);
}

TEST(Sign, FloatsAndInts) {
  EXPECT_EQ(RunUnary("Sign", 13, {-2, 0, 3}), (std::vector<double>{-1, 0, 1}));
  auto out = SingleNode("Sign", 13).Input(Ints({3}, {-9, 0, 4})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-1, 0, 1}));
}

TEST(HardSigmoid, DefaultsAreFloat32Values) {
  // alpha = float32(0.2), beta = 0.5: x = 1 gives 0.7000000029802322.
  auto y = RunUnary("HardSigmoid", 22, {1, -10, 10});
  EXPECT_DOUBLE_EQ(y[0], double{0.2f} + 0.5);
  EXPECT_EQ(y[1], 0);
  EXPECT_EQ(y[2], 1);
}

TEST(HardSwish, Formula) {
  EXPECT_EQ(RunUnary("HardSwish", 22, {-4, 0, 3, 4}), (std::vector<double>{0, 0, 3, 4}));
}

TEST(LeakyRelu, AlphaAttribute) {
  auto out = SingleNode("LeakyRelu", 16).Attr("alpha", 0.5f).Input(Floats({2}, {-2, 3})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-1, 3}));
}

TEST(Elu, NegativeSide) {
  auto out = SingleNode("Elu", 22).Attr("alpha", 2.0f).Input(Floats({2}, {-1, 1})).Run();
  EXPECT_DOUBLE_EQ(out[0].reals()[0], 2 * (std::exp(-1.0) - 1));
  EXPECT_EQ(out[0].reals()[1], 1);
}

TEST(Selu, Defaults) {
  auto y = RunUnary("Selu", 22, {1, 0});
  EXPECT_DOUBLE_EQ(y[0], double{1.05070102214813232421875f});
  EXPECT_EQ(y[1], 0);
}

TEST(ThresholdedRelu, StrictlyAboveAlpha) {
  EXPECT_EQ(RunUnary("ThresholdedRelu", 22, {1, 1.5, -3}), (std::vector<double>{0, 1.5, 0}));
}

TEST(Celu, Formula) {
  auto out = SingleNode("Celu", 12).Attr("alpha", 2.0f).Input(Floats({2}, {-2, 3})).Run();
  EXPECT_DOUBLE_EQ(out[0].reals()[0], 2 * (std::exp(-1.0) - 1));
  EXPECT_EQ(out[0].reals()[1], 3);
}

TEST(Shrink, FloatsAndIntegers) {
  auto f = SingleNode("Shrink", 9).Attr("lambd", 1.5f).Attr("bias", 0.5f).Input(Floats({4}, {-2, -1, 1, 2})).Run();
  EXPECT_EQ(f[0].reals(), (std::vector<double>{-1.5, 0, 0, 1.5}));
  auto i = SingleNode("Shrink", 9)
               .Attr("lambd", 1.5f)
               .Attr("bias", 1.0f)
               .Input(Ints({3}, {-3, 1, 4}, DataType::kInt8))
               .Run();
  EXPECT_EQ(i[0].ints(), (std::vector<int64_t>{-2, 0, 3}));
}

TEST(Gelu, ExactAndTanh) {
  auto exact = RunUnary("Gelu", 20, {1});
  EXPECT_DOUBLE_EQ(exact[0], 0.5 * (1 + std::erf(1 / std::sqrt(2.0))));
  auto tanh = SingleNode("Gelu", 20).Attr("approximate", std::string("tanh")).Input(Floats({1}, {1})).Run();
  EXPECT_DOUBLE_EQ(tanh[0].reals()[0], 0.5 * (1 + std::tanh(std::sqrt(2 / M_PI) * 1.044715)));
  EXPECT_THROW(SingleNode("Gelu", 20).Attr("approximate", std::string("fast")).Input(Floats({1}, {1})).Run(), Error);
}

TEST(Swish, Alpha) {
  auto out = SingleNode("Swish", 24).Attr("alpha", 2.0f).Input(Floats({2}, {0, 1})).Run();
  EXPECT_EQ(out[0].reals()[0], 0);
  EXPECT_DOUBLE_EQ(out[0].reals()[1], 1 / (1 + std::exp(-2.0)));
}

TEST(Mish, Formula) {
  EXPECT_DOUBLE_EQ(RunUnary("Mish", 22, {1})[0], std::tanh(std::log1p(std::exp(1.0))));
}

TEST(PRelu, SlopeBroadcastsOntoX) {
  auto out = SingleNode("PRelu", 16).Input(Floats({2, 2}, {-1, -1, 2, -4})).Input(Floats({2}, {0.5, 2})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-0.5, -2, 2, -8}));
}

TEST(PRelu, SlopeMayNotGrowTheOutput) {
  EXPECT_THROW(SingleNode("PRelu", 16).Input(Floats({2}, {1, 2})).Input(Floats({2, 2}, {1, 1, 1, 1})).Run(), Error);
}

TEST(IsNaNIsInf, Flags) {
  const double inf = INFINITY;
  auto nan = SingleNode("IsNaN", 20).Input(Floats({3}, {NAN, inf, 1})).Run();
  EXPECT_EQ(nan[0].dtype(), DataType::kBool);
  EXPECT_EQ(nan[0].ints(), (std::vector<int64_t>{1, 0, 0}));
  auto pos = SingleNode("IsInf", 20).Attr("detect_negative", int64_t{0}).Input(Floats({3}, {inf, -inf, NAN})).Run();
  EXPECT_EQ(pos[0].ints(), (std::vector<int64_t>{1, 0, 0}));
}

TEST(Erf, IntegersTruncate) {
  auto out = SingleNode("Erf", 13).Input(Ints({3}, {-3, 0, 2}, DataType::kInt32)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 0, 0}));  // erf(2) = 0.995 -> 0
}

}  // namespace
}  // namespace parity::ref::testing
