// Clip, CumSum, Trilu, Range, Constant, ConstantOfShape, Dropout, Identity.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(Clip, Version6AttributesAndVersion13Inputs) {
  auto v6 = SingleNode("Clip", 6).Attr("min", -1.0f).Input(Floats({3}, {-5, 0, 1e39})).Run();
  EXPECT_EQ(v6[0].reals(), (std::vector<double>{-1, 0, double{std::numeric_limits<float>::max()}}));
  auto v13 = SingleNode("Clip", 13).Input(Floats({3}, {-5, 0.5, 5})).SkipInput().Input(Floats({}, {1})).Run();
  EXPECT_EQ(v13[0].reals(), (std::vector<double>{-5, 0.5, 1}));
}

TEST(Clip, MinAboveMaxGivesMaxAndIntegersWork) {
  auto out = SingleNode("Clip", 13)
                 .Input(Ints({3}, {-5, 0, 5}, DataType::kInt8))
                 .Input(Ints({}, {2}, DataType::kInt8))
                 .Input(Ints({}, {1}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{1, 1, 1}));
  EXPECT_THROW(SingleNode("Clip", 11).Input(Ints({1}, {1})).Run(), Error);  // integers need Clip-12
}

TEST(Clip, NaNStaysNaN) {
  auto out = SingleNode("Clip", 13).Input(Floats({1}, {NAN})).Input(Floats({}, {0})).Run();
  EXPECT_TRUE(std::isnan(out[0].reals()[0]));
}

TEST(CumSum, ExclusiveReverseAndNegativeAxis) {
  auto x = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  auto plain = SingleNode("CumSum", 14).Input(x).Input(Ints({}, {-1})).Run();
  EXPECT_EQ(plain[0].reals(), (std::vector<double>{1, 3, 6, 4, 9, 15}));
  auto excl = SingleNode("CumSum", 14).Attr("exclusive", int64_t{1}).Input(x).Input(Ints({}, {1})).Run();
  EXPECT_EQ(excl[0].reals(), (std::vector<double>{0, 1, 3, 0, 4, 9}));
  auto rev =
      SingleNode("CumSum", 14).Attr("reverse", int64_t{1}).Input(x).Input(Ints({1}, {0}, DataType::kInt32)).Run();
  EXPECT_EQ(rev[0].reals(), (std::vector<double>{5, 7, 9, 4, 5, 6}));
  auto both = SingleNode("CumSum", 14)
                  .Attr("reverse", int64_t{1})
                  .Attr("exclusive", int64_t{1})
                  .Input(x)
                  .Input(Ints({}, {1}))
                  .Run();
  EXPECT_EQ(both[0].reals(), (std::vector<double>{5, 3, 0, 11, 6, 0}));
}

TEST(CumSum, Int32Wraps) {
  auto out = SingleNode("CumSum", 14).Input(Ints({2}, {2147483647, 1}, DataType::kInt32)).Input(Ints({}, {0})).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{2147483647, -2147483648LL}));
}

TEST(Trilu, UpperLowerWithK) {
  auto x = Floats({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto upper = SingleNode("Trilu", 14).Input(x).Run();
  EXPECT_EQ(upper[0].reals(), (std::vector<double>{1, 2, 3, 0, 5, 6, 0, 0, 9}));
  auto upper_k1 = SingleNode("Trilu", 14).Input(x).Input(Ints({}, {1})).Run();
  EXPECT_EQ(upper_k1[0].reals(), (std::vector<double>{0, 2, 3, 0, 0, 6, 0, 0, 0}));
  auto lower_neg = SingleNode("Trilu", 14).Attr("upper", int64_t{0}).Input(x).Input(Ints({}, {-1})).Run();
  EXPECT_EQ(lower_neg[0].reals(), (std::vector<double>{0, 0, 0, 4, 0, 0, 7, 8, 0}));
  auto batched = SingleNode("Trilu", 14).Attr("upper", int64_t{0}).Input(Floats({2, 1, 2}, {1, 2, 3, 4})).Run();
  EXPECT_EQ(batched[0].reals(), (std::vector<double>{1, 0, 3, 0}));
}

TEST(Range, FloatsIntsAndEmpty) {
  auto f = SingleNode("Range", 11).Input(Floats({}, {1})).Input(Floats({}, {2})).Input(Floats({}, {0.3})).Run();
  ASSERT_EQ(f[0].shape(), (Shape{4}));  // ceil(1 / 0.3) = 4
  EXPECT_DOUBLE_EQ(f[0].reals()[3], 1.9);
  auto i = SingleNode("Range", 11)
               .Input(Ints({}, {10}, DataType::kInt32))
               .Input(Ints({}, {4}, DataType::kInt32))
               .Input(Ints({}, {-3}, DataType::kInt32))
               .Run();
  EXPECT_EQ(i[0].ints(), (std::vector<int64_t>{10, 7}));
  auto empty = SingleNode("Range", 11).Input(Ints({}, {5})).Input(Ints({}, {1})).Input(Ints({}, {1})).Run();
  EXPECT_EQ(empty[0].shape(), (Shape{0}));
  EXPECT_THROW(SingleNode("Range", 11).Input(Ints({}, {0})).Input(Ints({}, {1})).Input(Ints({}, {0})).Run(), Error);
}

TEST(Constant, ScalarAndListAttributes) {
  auto f = SingleNode("Constant", 13).Attr("value_float", 2.5f).Run();
  EXPECT_EQ(f[0].dtype(), DataType::kFloat);
  EXPECT_EQ(f[0].shape(), Shape{});
  EXPECT_EQ(f[0].reals(), (std::vector<double>{2.5}));
  auto ints = SingleNode("Constant", 13).Attr("value_ints", std::vector<int64_t>{3, 4}).Run();
  EXPECT_EQ(ints[0].shape(), (Shape{2}));
  EXPECT_EQ(ints[0].ints(), (std::vector<int64_t>{3, 4}));
  EXPECT_THROW(SingleNode("Constant", 11).Attr("value_int", int64_t{1}).Run(), Error);  // value_* from 12
  EXPECT_THROW(SingleNode("Constant", 13).Run(), Error);
}

TEST(ConstantOfShape, DefaultsToFloatZero) {
  auto out = SingleNode("ConstantOfShape", 25).Input(Ints({2}, {2, 3})).Run();
  EXPECT_EQ(out[0].dtype(), DataType::kFloat);
  EXPECT_EQ(out[0].reals(), std::vector<double>(6, 0.0));
  auto scalar = SingleNode("ConstantOfShape", 25).Input(Ints({0}, {})).Run();
  EXPECT_EQ(scalar[0].shape(), Shape{});
  EXPECT_THROW(SingleNode("ConstantOfShape", 25).Input(Ints({1}, {-1})).Run(), Error);
}

TEST(Dropout, InferenceIsIdentityWithTrueMask) {
  auto x = Floats({3}, {1, -2, 3});
  auto v22 = SingleNode("Dropout", 22).Outputs(2).Input(x).Run();
  EXPECT_EQ(v22[0].reals(), x.reals());
  EXPECT_EQ(v22[1].dtype(), DataType::kBool);
  EXPECT_EQ(v22[1].ints(), (std::vector<int64_t>{1, 1, 1}));
  auto v7 = SingleNode("Dropout", 7).Attr("ratio", 0.3f).Outputs(2).Input(x).Run();
  EXPECT_EQ(v7[1].dtype(), DataType::kFloat);  // Dropout-7's mask has X's type
  auto zero = SingleNode("Dropout", 22).Input(x).Input(Floats({}, {0})).Input(Ints({}, {1}, DataType::kBool)).Run();
  EXPECT_EQ(zero[0].reals(), x.reals());
}

TEST(Dropout, TrainingMaskFollowsNumpySeed0) {
  // numpy: np.random.seed(0); np.random.uniform(0, 1, 4) = [0.5488, 0.7152, 0.6028, 0.5449]; ratio 0.6 keeps
  // the draws >= 0.6 and scales them by 1 / 0.4.
  auto out = SingleNode("Dropout", 22)
                 .Attr("seed", int64_t{0})
                 .Outputs(2)
                 .Input(Floats({4}, {1, 1, 1, 1}))
                 .Input(Floats({}, {0.6}))
                 .Input(Ints({}, {1}, DataType::kBool))
                 .Run();
  EXPECT_EQ(out[1].ints(), (std::vector<int64_t>{0, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(out[0].reals()[1], 2.5);
  EXPECT_EQ(out[0].reals()[0], 0);
}

TEST(Identity, PassesTensorsThrough) {
  Tensor s(DataType::kString, {1}, Tensor::StringData{"x"});
  EXPECT_EQ(SingleNode("Identity", 25).Input(s).Run()[0].strings(), s.strings());
}

}  // namespace
}  // namespace parity::ref::testing
