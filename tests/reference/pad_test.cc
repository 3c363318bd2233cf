// Pad: every mode, negative pads, Pad-2 attributes, Pad-18 axes.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

Tensor Row() { return Floats({1, 3}, {1, 2, 3}); }

std::vector<double> PadRow(const std::string& mode, int64_t before, int64_t after, int opset = 19) {
  return SingleNode("Pad", opset).Attr("mode", mode).Input(Row()).Input(Ints({4}, {0, before, 0, after})).Run()[0]
      .reals();
}

TEST(Pad, ModesOnOneRow) {
  EXPECT_EQ(PadRow("constant", 2, 1), (std::vector<double>{0, 0, 1, 2, 3, 0}));
  EXPECT_EQ(PadRow("edge", 2, 1), (std::vector<double>{1, 1, 1, 2, 3, 3}));
  EXPECT_EQ(PadRow("reflect", 2, 2), (std::vector<double>{3, 2, 1, 2, 3, 2, 1}));
  EXPECT_EQ(PadRow("wrap", 2, 4), (std::vector<double>{2, 3, 1, 2, 3, 1, 2, 3, 1}));
  // Reflect beyond one period keeps bouncing: period 2 * (3 - 1) = 4.
  EXPECT_EQ(PadRow("reflect", 4, 0), (std::vector<double>{1, 2, 3, 2, 1, 2, 3}));
}

TEST(Pad, WrapNeedsVersion19) { EXPECT_THROW(PadRow("wrap", 1, 0, 18), Error); }

TEST(Pad, NegativePadsCropThenModeUsesCroppedData) {
  EXPECT_EQ(PadRow("constant", -1, 0), (std::vector<double>{2, 3}));
  EXPECT_EQ(PadRow("edge", -1, 1), (std::vector<double>{2, 3, 3}));
  EXPECT_EQ(PadRow("edge", 1, -1), (std::vector<double>{1, 1, 2}));
}

TEST(Pad, ConstantValueInputAndVersion2Attributes) {
  auto v11 = SingleNode("Pad", 11).Input(Ints({2}, {1, 2}, DataType::kInt32)).Input(Ints({2}, {1, 0}))
                 .Input(Ints({}, {7}, DataType::kInt32)).Run();
  EXPECT_EQ(v11[0].ints(), (std::vector<int64_t>{7, 1, 2}));
  auto v2 = SingleNode("Pad", 2).Attr("pads", std::vector<int64_t>{0, 1}).Attr("value", 1.5f)
                .Input(Floats({1}, {4})).Run();
  EXPECT_EQ(v2[0].reals(), (std::vector<double>{4, 1.5}));
}

TEST(Pad, AxesInputSelectsPaddedAxes) {
  auto out = SingleNode("Pad", 18).Input(Floats({2, 1}, {1, 2})).Input(Ints({2}, {1, 1})).SkipInput()
                 .Input(Ints({1}, {-1})).Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{0, 1, 0, 0, 2, 0}));
}

TEST(Pad, NonConstantModeOnEmptyAxisFails) {
  EXPECT_THROW(SingleNode("Pad", 13).Attr("mode", std::string("edge")).Input(Floats({0}, {}))
                   .Input(Ints({2}, {1, 0})).Run(),
               Error);
}

}  // namespace
}  // namespace parity::ref::testing
