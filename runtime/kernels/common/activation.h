// Scalar/array activation functions shared by elementwise kernels and fused epilogues.
#pragma once

#include <cmath>
#include <cstdint>

#include "ir/graph.h"

namespace parity::rt {

inline float ApplyAct(Act a, float x, float alpha, float beta) {
  switch (a) {
    case Act::kNone:
      return x;
    case Act::kRelu:
      return x > 0.f ? x : 0.f;
    case Act::kClip:
      return x < alpha ? alpha : (x > beta ? beta : x);
    case Act::kSigmoid:
      return 1.f / (1.f + std::exp(-x));
    case Act::kHardSigmoid: {
      float v = alpha * x + beta;
      return v < 0.f ? 0.f : (v > 1.f ? 1.f : v);
    }
    case Act::kHardSwish: {
      float v = x / 6.f + 0.5f;
      return x * (v < 0.f ? 0.f : (v > 1.f ? 1.f : v));
    }
    case Act::kSilu:
      return x / (1.f + std::exp(-x));
    case Act::kGelu:
      return 0.5f * x * (1.f + std::erf(x * 0.70710678118654752f));
  }
  return x;
}

// In place over n floats; the common cases get their own loops so the compiler vectorizes them.
void ApplyActArray(Act a, float alpha, float beta, float* x, int64_t n);

// Fused output stage on rows x cols tile with row stride ld:
//   v = v + bias (per row when bias_per_row, else per column) + residual; v = act(v)
struct EpilogueParams {
  const float* bias = nullptr;
  bool bias_per_row = false;
  const float* residual = nullptr;  // same layout as the output, row stride ld_residual
  int64_t ld_residual = 0;
  Act act = Act::kNone;
  float alpha = 0.f;
  float beta = 0.f;
  bool identity() const { return bias == nullptr && residual == nullptr && act == Act::kNone; }
};
void ApplyEpilogue(const EpilogueParams& e, float* c, int64_t ldc, int64_t row0, int64_t rows, int64_t col0,
                   int64_t cols);

}  // namespace parity::rt
