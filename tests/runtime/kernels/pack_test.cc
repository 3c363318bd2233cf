// The ISA packers of row-major A panels against the portable gather: bit-identical panels, zero rows past the
// panel's last row, nothing written past the panel.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/gemm/pack.h"
#include "tests/runtime/kernels/kernel_test_util.h"

namespace parity::rt::test {
namespace {

TEST(PackATest, IsaPanelsMatchThePortableGather) {
  bool tested = false;
  for (Isa isa : SupportedIsas()) {
    const KernelTable* t = KernelTableFor(isa);
    if (t->gemm.pack_a_rows == nullptr) continue;
    tested = true;
    const int mr = t->gemm.mr;
    for (int64_t mc : {1, 5, mr - 1, mr, mr + 3, 3 * mr}) {
      for (int64_t kc : {1, 7, 15, 16, 17, 33, 256}) {
        const int64_t lda = kc + 5;  // rows not contiguous with each other
        const std::vector<float> a = RandomVector(mc * lda + 8, 41);
        const int64_t panels = (mc + mr - 1) / mr, size = panels * kc * mr;
        std::vector<float> want(size + 16, NAN), got(size + 16, NAN);
        PackAPanels(a.data(), lda, false, 0, mc, 0, kc, mr, want.data(), nullptr);
        PackAPanels(a.data(), lda, false, 0, mc, 0, kc, mr, got.data(), t->gemm.pack_a_rows);
        for (int64_t i = 0; i < size; ++i) {
          ASSERT_EQ(got[i], want[i]) << "isa " << static_cast<int>(isa) << " mc " << mc << " kc " << kc << " at " << i;
        }
        for (int64_t i = size; i < size + 16; ++i) ASSERT_TRUE(std::isnan(got[i])) << "wrote past the panels";
      }
    }
  }
  if (!tested) GTEST_SKIP() << "no ISA packer on this CPU";
}

}  // namespace
}  // namespace parity::rt::test
