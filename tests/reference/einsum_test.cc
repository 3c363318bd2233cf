// Einsum: explicit and implicit output, ellipsis broadcasting, diagonals, several operands, integers.
#include <gtest/gtest.h>

#include "parity/reference/error.h"
#include "single_node.h"

namespace parity::ref::testing {
namespace {

const Tensor kA = Floats({2, 2}, {1, 2, 3, 4});
const Tensor kB = Floats({2, 2}, {5, 6, 7, 8});

TEST(Einsum, MatMulExplicitAndImplicit) {
  auto e = SingleNode("Einsum", 12).Attr("equation", std::string("ij,jk->ik")).Input(kA).Input(kB).Run();
  EXPECT_EQ(e[0].reals(), (std::vector<double>{19, 22, 43, 50}));
  // Implicit: output letters are those appearing once, sorted: "ik".
  auto i = SingleNode("Einsum", 12).Attr("equation", std::string("ij, jk")).Input(kA).Input(kB).Run();
  EXPECT_EQ(i[0].reals(), (std::vector<double>{19, 22, 43, 50}));
  // Implicit transpose: "ji" -> output "ij" = A^T.
  auto t = SingleNode("Einsum", 12).Attr("equation", std::string("ji")).Input(kA).Run();
  EXPECT_EQ(t[0].reals(), (std::vector<double>{1, 3, 2, 4}));
}

TEST(Einsum, DiagonalTraceAndFullSum) {
  auto diag = SingleNode("Einsum", 12).Attr("equation", std::string("ii->i")).Input(kA).Run();
  EXPECT_EQ(diag[0].reals(), (std::vector<double>{1, 4}));
  auto trace = SingleNode("Einsum", 12).Attr("equation", std::string("ii")).Input(kA).Run();
  EXPECT_EQ(trace[0].shape(), Shape{});
  EXPECT_EQ(trace[0].reals(), (std::vector<double>{5}));
  auto sum = SingleNode("Einsum", 12).Attr("equation", std::string("ij->")).Input(kA).Run();
  EXPECT_EQ(sum[0].reals(), (std::vector<double>{10}));
}

TEST(Einsum, EllipsisBroadcastsBatchDims) {
  // x [2, 1, 2] (batch 2x1), y [3, 2]: "...i,...i->..." broadcasts batch (2, 1) with (3) to (2, 3).
  auto out = SingleNode("Einsum", 12).Attr("equation", std::string("...i,...i->..."))
                 .Input(Floats({2, 1, 2}, {1, 0, 0, 1}))
                 .Input(Floats({3, 2}, {1, 2, 3, 4, 5, 6}))
                 .Run();
  EXPECT_EQ(out[0].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[0].reals(), (std::vector<double>{1, 3, 5, 2, 4, 6}));
}

TEST(Einsum, ThreeOperandsAndIntegers) {
  auto out = SingleNode("Einsum", 12).Attr("equation", std::string("i,i,i->"))
                 .Input(Ints({2}, {1, 2}, DataType::kInt32))
                 .Input(Ints({2}, {3, 4}, DataType::kInt32))
                 .Input(Ints({2}, {5, 6}, DataType::kInt32))
                 .Run();
  EXPECT_EQ(out[0].ints(), (std::vector<int64_t>{1 * 3 * 5 + 2 * 4 * 6}));
}

TEST(Einsum, MismatchedSizesFail) {
  EXPECT_THROW(SingleNode("Einsum", 12).Attr("equation", std::string("i,i->i")).Input(Floats({2}, {1, 2}))
                   .Input(Floats({3}, {1, 2, 3})).Run(),
               Error);
}

}  // namespace
}  // namespace parity::ref::testing
