// Transpose kernel against an index-by-index reference: permutations that keep the innermost axis (run copies),
// move it (tiled walk, with dims that are not multiples of the tile), size-1 axes, merged axes, the default
// (reversing) perm, and 1-, 4- and 8-byte elements.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "test_util.h"

namespace parity::rt {
namespace {

using testing::ModelBuilder;

struct Case {
  std::vector<int64_t> dims;
  std::vector<int64_t> perm;  // empty: no attribute (reverse)
};

std::vector<uint8_t> Reference(const std::vector<uint8_t>& x, const std::vector<int64_t>& dims,
                               const std::vector<int64_t>& perm, size_t elem) {
  const size_t r = dims.size();
  std::vector<int64_t> in_strides(r, 1), out_dims(r);
  for (size_t i = r; i-- > 1;) in_strides[i - 1] = in_strides[i] * dims[i];
  for (size_t i = 0; i < r; ++i) out_dims[i] = dims[perm[i]];
  std::vector<uint8_t> y(x.size());
  std::vector<int64_t> idx(r, 0);
  for (size_t o = 0; o < x.size() / elem; ++o) {
    int64_t src = 0;
    for (size_t i = 0; i < r; ++i) src += idx[i] * in_strides[perm[i]];
    std::memcpy(y.data() + o * elem, x.data() + src * elem, elem);
    for (size_t i = r; i-- > 0;) {
      if (++idx[i] < out_dims[i]) break;
      idx[i] = 0;
    }
  }
  return y;
}

TEST(TransposeTest, MatchesIndexReferenceForAllPathsAndElementSizes) {
  const std::vector<Case> cases = {
      {{128, 4, 64}, {1, 2, 0}},     // attention K^T: the innermost axis moves (tiled)
      {{128, 4, 64}, {1, 0, 2}},     // head split: runs of 64
      {{2, 3, 4, 5}, {0, 2, 3, 1}},  // NCHW -> NHWC
      {{2, 5, 4, 3}, {0, 3, 1, 2}},  // NHWC -> NCHW
      {{1, 6, 1, 4}, {3, 1, 0, 2}},  // size-1 axes only reorder around a 2-D transpose
      {{37, 70}, {1, 0}},            // not multiples of the tile
      {{3, 4, 5}, {}},               // default perm
      {{2, 3, 1, 4, 5}, {4, 2, 0, 3, 1}},
      {{6, 7}, {0, 1}},  // identity
      {{5}, {0}},
      {{1, 1, 3}, {2, 0, 1}},
  };
  const std::vector<std::pair<int, size_t>> types = {{1, 4}, {7, 8}, {9, 1}};  // float, int64, bool
  for (const auto& [dtype, elem] : types) {
    for (const Case& c : cases) {
      ModelBuilder b;
      b.Input("x", c.dims, dtype).Output("y", dtype);
      auto& n = b.Node("Transpose", {"x"}, {"y"});
      if (!c.perm.empty()) ModelBuilder::AttrInts(n, "perm", c.perm);
      std::vector<int64_t> perm = c.perm;
      if (perm.empty()) {
        for (int64_t k = static_cast<int64_t>(c.dims.size()) - 1; k >= 0; --k) perm.push_back(k);
      }
      HostTensor x;
      x.dtype = dtype;
      x.dims = c.dims;
      int64_t count = 1;
      for (int64_t d : c.dims) count *= d;
      x.bytes.resize(static_cast<size_t>(count) * elem);
      for (size_t i = 0; i < x.bytes.size(); ++i) {
        x.bytes[i] = dtype == 9 ? static_cast<uint8_t>((i * 7) % 3 == 0) : static_cast<uint8_t>(i * 31 + 7);
      }
      auto out = Compile(b.model(), {})->Run({x});
      ASSERT_EQ(out.size(), 1u);
      EXPECT_EQ(out[0].bytes, Reference(x.bytes, c.dims, perm, elem))
          << "dtype " << dtype << " dims " << c.dims.size() << "-D, first dim " << c.dims[0];
    }
  }
}

}  // namespace
}  // namespace parity::rt
