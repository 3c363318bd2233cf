// ISA boundary of the blocked direct convolution: one output row segment of one 16-channel output block, for
// output columns whose every kernel tap is inside the input horizontally. Plain-old-data arguments only.
#pragma once

#include <cstdint>

namespace parity::rt {

struct NchwcRowArgs {
  const float* x;     // input of the image: blocked (C/16, H, W, 16) or plain (C, H, W)
  const float* w;     // packed weights of the output block: [C][kh][kw][16]
  const float* bias;  // 16 values
  const float* res;   // residual of the output row (16 floats per column), or null
  float* y;           // output row (16 floats per column)
  int64_t ox0, ox1;   // output column range
  int64_t oy, c, ih, iw, kh, kw, sh, sw, dh, dw, pt, pl;
  int in_blocked;
};

// y[ox] = bias + residual + sum over taps (activation is applied by the caller).
void ConvNchwcRowAvx512(const NchwcRowArgs& a);

}  // namespace parity::rt
