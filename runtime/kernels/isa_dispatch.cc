#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

// Blocking: KC keeps a KC x NR B micro-panel in L1 while A panels stream from L2; MC x KC of A fits L2.
constexpr KernelTable kGenericTable = {
    Isa::kGeneric,
    {SgemmUkernelGeneric, EpilogueGeneric, kGenericMr, kGenericNr, 128, 256, 2048, nullptr, SgemvPackedGeneric,
     nullptr},
    {DepthwisePlaneGeneric, nullptr, WinogradInputGeneric, WinogradOutputGeneric, nullptr, nullptr, nullptr, nullptr, nullptr},
    {MaxPoolPlaneGeneric, nullptr, nullptr},
    {SoftmaxRowsGeneric},
    {LayerNormRowsGeneric},
    {nullptr},  // strided MatMuls use the packed GEMM
};

constexpr KernelTable kAvx2Table = {
    Isa::kAvx2,
    {SgemmUkernelAvx2, EpilogueAvx2, kAvx2Mr, kAvx2Nr, 144, 256, 1024, nullptr, SgemvPackedAvx2, nullptr},
    {DepthwisePlaneAvx2, nullptr, WinogradInputAvx2, WinogradOutputAvx2, nullptr, nullptr, nullptr, nullptr, nullptr},
    {MaxPoolPlaneAvx2, nullptr, nullptr},
    {SoftmaxRowsGeneric},  // AVX2 has no vector exp here yet: the portable rows
    {LayerNormRowsGeneric},
    {nullptr},  // strided MatMuls use the packed GEMM
};

constexpr KernelTable kAvx512Table = {
    Isa::kAvx512,
    {SgemmUkernelAvx512, EpilogueAvx512, kAvx512Mr, kAvx512Nr, 336, 256, 1024, SgemmUkernelEpilogueAvx512,
     SgemvPackedAvx512, PackAPanelRowMajorAvx512},
    {DepthwisePlaneAvx512, Im2colPackAvx512, WinogradInputAvx512, WinogradOutputAvx512, NchwcConvRowAvx512,
     NchwcDepthwiseRowAvx512, NchwcWinogradInputAvx512, NchwcWinogradOutputAvx512,
     NchwcWinogradProductAvx512},
    {MaxPoolPlaneAvx512, MaxPoolNchwcRowAvx512, AvgPoolNchwcRowAvx512},
    {SoftmaxRowsAvx512},
    {LayerNormRowsAvx512},
    {SmallGemmAvx512},
};

}  // namespace

const KernelTable* KernelTableFor(Isa isa) {
  if (!IsaSupported(isa)) return nullptr;
  switch (isa) {
    case Isa::kAvx512:
      return &kAvx512Table;
    case Isa::kAvx2:
      return &kAvx2Table;
    case Isa::kGeneric:
      break;
  }
  return &kGenericTable;
}

const KernelTable& ActiveKernelTable() {
  static const KernelTable* table = KernelTableFor(ActiveIsa());
  return *table;
}

}  // namespace parity::rt
