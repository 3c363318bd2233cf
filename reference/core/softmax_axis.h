// Shared by Softmax, LogSoftmax and Hardmax: which elements form one normalisation "lane".
//   version < 13: the input is viewed as 2-D [prod(dims[:axis]), prod(dims[axis:])] and each row is a lane.
//   version >= 13: each 1-D slice along `axis` is a lane.
// Element k of lane (o, i) sits at flat index (o * length + k) * inner + i.
#pragma once

#include <cstdint>

#include "core/op_context.h"

namespace parity::ref {

struct SoftmaxLanes {
  int64_t outer = 1;
  int64_t length = 1;
  int64_t inner = 1;
};

// Lanes of ctx.Input(0) under the node's `axis` attribute and version; fails on an out-of-range axis.
SoftmaxLanes SoftmaxLanesOf(const OpContext& ctx);

// Calls fn(base, stride, length) for every lane: element k of the lane is at base + k * stride.
template <typename Fn>
void ForEachLane(const SoftmaxLanes& lanes, Fn&& fn) {
  for (int64_t o = 0; o < lanes.outer; ++o) {
    for (int64_t i = 0; i < lanes.inner; ++i) fn(o * lanes.length * lanes.inner + i, lanes.inner, lanes.length);
  }
}

}  // namespace parity::ref
