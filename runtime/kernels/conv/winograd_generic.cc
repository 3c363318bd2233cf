// Winograd F(2x2, 3x3) transforms, Generic variant (vectorized by the compiler from winograd_transform.inc).
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/conv/conv_ukernels.h"

namespace parity::rt {
namespace {

#include "kernels/conv/winograd_transform.inc"

}  // namespace

void WinogradInputGeneric(const WinogradInputArgs* args) { WinogradInputImpl(*args); }
void WinogradOutputGeneric(const WinogradOutputArgs* args) { WinogradOutputImpl(*args); }

}  // namespace parity::rt
