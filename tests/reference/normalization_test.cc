// BatchNormalization (inference / training), InstanceNormalization, LayerNormalization (Mean / InvStdDev),
// GroupNormalization 18 vs 21, RMSNormalization, LpNormalization, MeanVarianceNormalization.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

void ExpectNear(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-12) << "at " << i;
}

TEST(BatchNormalization, InferenceUsesGivenStatistics) {
  auto out = SingleNode("BatchNormalization", 15)
                 .Attr("epsilon", 1.0f)
                 .Input(Floats({1, 2, 1}, {1, 2}))
                 .Input(Floats({2}, {2, 3}))
                 .Input(Floats({2}, {1, 1}))
                 .Input(Floats({2}, {0, 1}))
                 .Input(Floats({2}, {3, 0}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{2, 4}));
}

TEST(BatchNormalization, TrainingUsesBatchStatisticsAndUpdatesRunningOnes) {
  auto out = SingleNode("BatchNormalization", 15)
                 .Attr("epsilon", 0.0f)
                 .Attr("momentum", 0.5f)
                 .Attr("training_mode", int64_t{1})
                 .Outputs(3)
                 .Input(Floats({2, 1, 1}, {1, 3}))
                 .Input(Floats({1}, {1}))
                 .Input(Floats({1}, {0}))
                 .Input(Floats({1}, {0}))
                 .Input(Floats({1}, {3}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-1, 1}));
  EXPECT_EQ(out[1].reals(), (std::vector<double>{1}));  // 0 * 0.5 + 2 * 0.5
  EXPECT_EQ(out[2].reals(), (std::vector<double>{2}));  // 3 * 0.5 + 1 * 0.5
}

TEST(InstanceNormalization, PerImageAndChannel) {
  auto out = SingleNode("InstanceNormalization", 6)
                 .Attr("epsilon", 0.0f)
                 .Input(Floats({1, 2, 2}, {1, 3, 5, 9}))
                 .Input(Floats({2}, {1, 3}))
                 .Input(Floats({2}, {0, 7}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-1, 1, 4, 10}));
}

TEST(LayerNormalization, OutputsMeanAndInvStdDev) {
  auto out = SingleNode("LayerNormalization", 17)
                 .Attr("epsilon", 1.0f)
                 .Outputs(3)
                 .Input(Floats({2, 2}, {1, 3, 2, 2}))
                 .Input(Floats({2}, {1, 2}))
                 .Input(Floats({2}, {0, 1}))
                 .Run();
  const double r = 1 / std::sqrt(2.0);
  ExpectNear(out[0].reals(), {-r, 2 * r + 1, 0, 1});
  EXPECT_EQ(out[1].shape(), (Shape{2, 1}));
  EXPECT_EQ(out[1].reals(), (std::vector<double>{2, 2}));
  ExpectNear(out[2].reals(), {r, 1});
}

TEST(LayerNormalization, NegativeAxisCoversTrailingDims) {
  auto out = SingleNode("LayerNormalization", 17)
                 .Attr("axis", int64_t{-2})
                 .Attr("epsilon", 0.0f)
                 .Input(Floats({1, 2, 1}, {1, 3}))
                 .Input(Floats({2, 1}, {1, 1}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{-1, 1}));
}

TEST(GroupNormalization, ScalePerGroupIn18PerChannelIn21) {
  const double k = 1 / std::sqrt(5.0);  // x = [0, 2, 4, 6]: mean 3, variance 5
  auto v18 = SingleNode("GroupNormalization", 18)
                 .Attr("num_groups", int64_t{1})
                 .Attr("epsilon", 0.0f)
                 .Input(Floats({1, 2, 2}, {0, 2, 4, 6}))
                 .Input(Floats({1}, {2}))
                 .Input(Floats({1}, {1}))
                 .Run();
  ExpectNear(v18[0].reals(), {-6 * k + 1, -2 * k + 1, 2 * k + 1, 6 * k + 1});
  auto v21 = SingleNode("GroupNormalization", 21)
                 .Attr("num_groups", int64_t{1})
                 .Attr("epsilon", 0.0f)
                 .Input(Floats({1, 2, 2}, {0, 2, 4, 6}))
                 .Input(Floats({2}, {1, 2}))
                 .Input(Floats({2}, {0, 0}))
                 .Run();
  ExpectNear(v21[0].reals(), {-3 * k, -k, 2 * k, 6 * k});
  EXPECT_THROW(SingleNode("GroupNormalization", 21)
                   .Attr("num_groups", int64_t{1})
                   .Input(Floats({1, 2, 2}, {0, 2, 4, 6}))
                   .Input(Floats({1}, {1}))
                   .Input(Floats({1}, {0}))
                   .Run(),
               Error);
}

TEST(RmsNormalization, DividesByRootMeanSquare) {
  auto out = SingleNode("RMSNormalization", 23)
                 .Attr("epsilon", 0.0f)
                 .Input(Floats({1, 2}, {3, 4}))
                 .Input(Floats({2}, {1, 2}))
                 .Run();
  const double rms = std::sqrt(12.5);
  ExpectNear(out[0].reals(), {3 / rms, 8 / rms});
}

TEST(LpNormalization, L1AndL2) {
  auto l2 = SingleNode("LpNormalization", 1).Input(Floats({2}, {3, 4})).Run();
  ExpectNear(l2[0].reals(), {0.6, 0.8});
  auto l1 = SingleNode("LpNormalization", 1).Attr("p", int64_t{1}).Input(Floats({2}, {3, -4})).Run();
  ExpectNear(l1[0].reals(), {3.0 / 7, -4.0 / 7});
}

TEST(MeanVarianceNormalization, DefaultAxesKeepChannels) {
  auto out = SingleNode("MeanVarianceNormalization", 13).Input(Floats({1, 2, 1, 2}, {1, 3, 5, 5})).Run();
  ExpectNear(out[0].reals(), {-1 / (1 + 1e-9), 1 / (1 + 1e-9), 0, 0});
}

}  // namespace
}  // namespace parity::ref::testing
