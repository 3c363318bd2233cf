#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

TEST(Relu, ClampsNegativesToZeroForFloats) {
  auto out = SingleNode("Relu", 14).Input(Floats({4}, {-2.5, -0.0, 0.5, 3})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0, 0, 0.5, 3}));
  EXPECT_EQ(out[0].dtype(), DataType::kFloat);
}

TEST(Relu, AcceptsIntegersFromVersion14) {
  auto out = SingleNode("Relu", 14).Input(Ints({3}, {-7, 0, 9}, DataType::kInt8)).Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{0, 0, 9}));
}

TEST(Relu, RejectsIntegersBeforeVersion14) {
  EXPECT_THROW(SingleNode("Relu", 13).Input(Ints({1}, {-1}, DataType::kInt32)).Run(), Error);
}

TEST(Relu, EmptyTensorStaysEmpty) {
  auto out = SingleNode("Relu", 14).Input(Floats({0, 3}, {})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{0, 3}));
}

TEST(Relu, UnsupportedOldOpsetNamesVersions) {
  try {
    SingleNode("Relu", 5).Input(Floats({1}, {1})).Run();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("implemented versions: 6, 13, 14"), std::string::npos) << e.what();
  }
}

TEST(Add, BroadcastsAndWrapsInt8) {
  auto out = SingleNode("Add", 14)
                 .Input(Ints({2, 1}, {127, -128}, DataType::kInt8))
                 .Input(Ints({2}, {1, -1}, DataType::kInt8))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{-128, 126, -127, 127}));
}

TEST(Add, LegacyBroadcastAlignsAtAxis) {
  auto out = SingleNode("Add", 6)
                 .Attr("broadcast", int64_t{1})
                 .Attr("axis", int64_t{0})
                 .Input(Floats({2, 3}, {0, 0, 0, 0, 0, 0}))
                 .Input(Floats({2}, {1, 2}))
                 .Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 1, 1, 2, 2, 2}));
}

}  // namespace
}  // namespace parity::ref::testing
