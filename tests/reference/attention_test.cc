// Attention and RotaryEmbedding on one- and two-element heads whose results follow from the formulas by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << "element " << i;
}

// softmax([a, b]) . [10, 20]
double Mix(double a, double b) {
  const double pa = std::exp(a) / (std::exp(a) + std::exp(b));
  return 10 * pa + 20 * (1 - pa);
}

// One head, head size 1: K = [1, 2], V = [10, 20]; Q given.
SingleNode OneHead(int opset, std::vector<double> q) {
  const int64_t sq = static_cast<int64_t>(q.size());
  SingleNode n("Attention", opset);
  n.Input(Floats({1, 1, sq, 1}, std::move(q)))
      .Input(Floats({1, 1, 2, 1}, {1, 2}))
      .Input(Floats({1, 1, 2, 1}, {10, 20}));
  return n;
}

TEST(Attention, SoftmaxOfScaledScoresWeightsTheValues) {
  ExpectNear(OneHead(23, {1}).Run()[0].reals(), {Mix(1, 2)});  // default scale 1/sqrt(1)
  ExpectNear(OneHead(23, {1}).Attr("scale", 2.0f).Run()[0].reals(), {Mix(2, 4)});
}

TEST(Attention, CausalHidesLaterKeys) {
  auto out = OneHead(23, {1, 1}).Attr("is_causal", int64_t{1}).Run();
  ExpectNear(out[0].reals(), {10, Mix(1, 2)});
}

TEST(Attention, FullyMaskedRowGivesZeroNotNaN) {
  auto out = OneHead(23, {1, 1}).Input(Ints({2, 2}, {0, 0, 1, 1}, DataType::kBool)).Run();
  ExpectNear(out[0].reals(), {0, Mix(1, 2)});
}

TEST(Attention, ShortMaskIsPaddedWithMinusInfinity) {
  auto out = OneHead(23, {1}).Input(Floats({1, 1}, {0.5})).Run();
  ExpectNear(out[0].reals(), {10});
}

TEST(Attention, FloatMaskIsAdded) {
  auto out = OneHead(23, {1}).Input(Floats({1, 2}, {1, 0})).Run();
  ExpectNear(out[0].reals(), {Mix(2, 2)});
}

TEST(Attention, QkOutputModes) {
  auto with_mode = [](int64_t mode) {
    return OneHead(23, {1})
        .Input(Floats({1, 2}, {0.5, 0}))
        .Attr("softcap", 1.0f)
        .Attr("qk_matmul_output_mode", mode)
        .Outputs(4)
        .Run()[3]
        .reals();
  };
  ExpectNear(with_mode(0), {1, 2});                                  // raw scaled scores
  ExpectNear(with_mode(1), {std::tanh(1.0), std::tanh(2.0)});        // after softcap
  ExpectNear(with_mode(2), {std::tanh(1.0) + 0.5, std::tanh(2.0)});  // after the mask
  const double a = std::tanh(1.0) + 0.5, b = std::tanh(2.0);
  ExpectNear(with_mode(3), {std::exp(a) / (std::exp(a) + std::exp(b)), std::exp(b) / (std::exp(a) + std::exp(b))});
}

TEST(Attention, PastKeyValueAreConcatenatedAndShiftTheCausalDiagonal) {
  // past K = [1], V = [10]; new K = [2], V = [20]; one query at position 1 sees both keys.
  auto out = SingleNode("Attention", 23)
                 .Input(Floats({1, 1, 1, 1}, {1}))
                 .Input(Floats({1, 1, 1, 1}, {2}))
                 .Input(Floats({1, 1, 1, 1}, {20}))
                 .SkipInput()
                 .Input(Floats({1, 1, 1, 1}, {1}))
                 .Input(Floats({1, 1, 1, 1}, {10}))
                 .Attr("is_causal", int64_t{1})
                 .Outputs(3)
                 .Run();
  ExpectNear(out[0].reals(), {Mix(1, 2)});
  EXPECT_EQ(out[1].shape(), (Shape{1, 1, 2, 1}));
  ExpectNear(out[1].reals(), {1, 2});
  ExpectNear(out[2].reals(), {10, 20});
}

TEST(Attention, GroupedQueryHeadsShareKvHeads) {
  // Two query heads, one KV head: both read K = [1, 2], V = [10, 20].
  auto out = SingleNode("Attention", 23)
                 .Input(Floats({1, 2, 1, 1}, {1, 0}))
                 .Input(Floats({1, 1, 2, 1}, {1, 2}))
                 .Input(Floats({1, 1, 2, 1}, {10, 20}))
                 .Run();
  ExpectNear(out[0].reals(), {Mix(1, 2), 15});
}

TEST(Attention, ThreeDInputsSplitHeadsFromTheHiddenAxis) {
  // Q [1, 1, 2] with 2 heads of size 1; K/V [1, 2, 2] with 2 KV heads: head h uses feature h.
  auto out = SingleNode("Attention", 23)
                 .Input(Floats({1, 1, 2}, {1, 0}))
                 .Input(Floats({1, 2, 2}, {1, 5, 2, 5}))
                 .Input(Floats({1, 2, 2}, {10, 30, 20, 40}))
                 .Attr("q_num_heads", int64_t{2})
                 .Attr("kv_num_heads", int64_t{2})
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{1, 1, 2}));
  ExpectNear(out[0].reals(), {Mix(1, 2), 35});
}

TEST(Attention, NonpadKvSeqlenHidesPaddingFromVersion24) {
  auto out = OneHead(24, {1}).SkipInput().SkipInput().SkipInput().Input(Ints({1}, {1})).Run();
  ExpectNear(out[0].reals(), {10});
  EXPECT_THROW(OneHead(23, {1}).SkipInput().SkipInput().SkipInput().Input(Ints({1}, {1})).Run(), Error);
}

TEST(Attention, HeadCountsMustDivide) {
  EXPECT_THROW(SingleNode("Attention", 23)
                   .Input(Floats({1, 3, 1, 1}, {1, 1, 1}))
                   .Input(Floats({1, 2, 1, 1}, {1, 1}))
                   .Input(Floats({1, 2, 1, 1}, {1, 1}))
                   .Run(),
               Error);
}

// RotaryEmbedding with cos = 0, sin = 1 rotates every pair by 90 degrees: (x1, x2) -> (-x2, x1).
SingleNode Rotate90(const Tensor& x, int64_t half) {
  std::vector<double> zeros(half, 0), ones(half, 1);
  SingleNode n("RotaryEmbedding", 23);
  n.Input(x).Input(Floats({1, 1, half}, zeros)).Input(Floats({1, 1, half}, ones));
  return n;
}

TEST(RotaryEmbedding, HalvesOrInterleavedPairs) {
  const Tensor x = Floats({1, 1, 1, 4}, {1, 2, 3, 4});
  ExpectNear(Rotate90(x, 2).Run()[0].reals(), {-3, -4, 1, 2});
  ExpectNear(Rotate90(x, 2).Attr("interleaved", int64_t{1}).Run()[0].reals(), {-2, 1, -4, 3});
}

TEST(RotaryEmbedding, PartialRotaryDimLeavesTheRest) {
  ExpectNear(Rotate90(Floats({1, 1, 1, 4}, {1, 2, 3, 4}), 1).Attr("rotary_embedding_dim", int64_t{2}).Run()[0].reals(),
             {-2, 1, 3, 4});
}

TEST(RotaryEmbedding, ThreeDInputUsesNumHeads) {
  ExpectNear(Rotate90(Floats({1, 1, 4}, {1, 2, 3, 4}), 1).Attr("num_heads", int64_t{2}).Run()[0].reals(),
             {-2, 1, -4, 3});
}

TEST(RotaryEmbedding, PositionIdsSelectCacheRows) {
  // Row 0: identity (cos 1, sin 0); row 1: 90 degrees.
  auto run = [](int64_t pos) {
    return SingleNode("RotaryEmbedding", 23)
        .Input(Floats({1, 1, 1, 2}, {1, 2}))
        .Input(Floats({2, 1}, {1, 0}))
        .Input(Floats({2, 1}, {0, 1}))
        .Input(Ints({1, 1}, {pos}))
        .Run()[0]
        .reals();
  };
  ExpectNear(run(0), {1, 2});
  ExpectNear(run(1), {-2, 1});
  EXPECT_THROW(run(2), Error);
}

}  // namespace
}  // namespace parity::ref::testing
