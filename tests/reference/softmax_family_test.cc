// Softmax, LogSoftmax, Hardmax: flatten-to-2D (versions 1/11) versus single-axis (13) semantics.
#include <gtest/gtest.h>

#include <cmath>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

// x of shape [2, 2]: rows {0, ln 3} and {ln 3, 0}.
Tensor Square() {
  return Floats({2, 2}, {0, std::log(3.0), std::log(3.0), 0});
}

TEST(Softmax, Version13NormalisesAlongOneAxis) {
  auto rows = SingleNode("Softmax", 13).Input(Square()).Run();  // default axis -1
  EXPECT_DOUBLE_EQ(rows[0].reals()[0], 0.25);
  EXPECT_DOUBLE_EQ(rows[0].reals()[1], 0.75);
  auto cols = SingleNode("Softmax", 13).Attr("axis", int64_t{0}).Input(Square()).Run();
  EXPECT_DOUBLE_EQ(cols[0].reals()[0], 0.25);
  EXPECT_DOUBLE_EQ(cols[0].reals()[2], 0.75);
}

TEST(Softmax, Version11FlattensFromAxis) {
  // axis 0 flattens everything into one row of 4: e^x = {1, 3, 3, 1} / 8.
  auto out = SingleNode("Softmax", 11).Attr("axis", int64_t{0}).Input(Square()).Run();
  EXPECT_DOUBLE_EQ(out[0].reals()[0], 0.125);
  EXPECT_DOUBLE_EQ(out[0].reals()[1], 0.375);
  EXPECT_DOUBLE_EQ(out[0].reals()[3], 0.125);
}

TEST(Softmax, LargeValuesStayFinite) {
  auto out = SingleNode("Softmax", 13).Input(Floats({2}, {1000, 1000})).Run();
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0.5, 0.5}));
}

TEST(Softmax, AxisOutOfRange) {
  EXPECT_THROW(SingleNode("Softmax", 13).Attr("axis", int64_t{2}).Input(Square()).Run(), Error);
}

TEST(LogSoftmax, Values) {
  auto out = SingleNode("LogSoftmax", 13).Input(Square()).Run();
  EXPECT_DOUBLE_EQ(out[0].reals()[0], std::log(0.25));
  EXPECT_DOUBLE_EQ(out[0].reals()[1], std::log(0.75));
}

TEST(Hardmax, FirstMaximumWinsPerVersion) {
  auto x = Floats({2, 3}, {1, 3, 3, 5, 0, 0});
  auto v13 = SingleNode("Hardmax", 13).Input(x).Run();
  EXPECT_EQ(v13[0].reals(), (std::vector<double>{0, 1, 0, 1, 0, 0}));
  auto v11 = SingleNode("Hardmax", 11).Attr("axis", int64_t{0}).Input(x).Run();
  EXPECT_EQ(v11[0].reals(), (std::vector<double>{0, 0, 0, 1, 0, 0}));
}

}  // namespace
}  // namespace parity::ref::testing
