// AVX2+FMA chains for MeasurePeakGflops (reached only when the CPU has AVX2 and FMA).
#include <immintrin.h>

extern "C" double parity_peak_fma_avx2(long iterations) {
  __m256 acc[10];
  for (auto& a : acc) a = _mm256_set1_ps(1.0f);
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iterations; ++i) {
    for (auto& a : acc) a = _mm256_fmadd_ps(a, m, c);
  }
  __m256 sum = acc[0];
  for (int k = 1; k < 10; ++k) sum = _mm256_add_ps(sum, acc[k]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  volatile float sink = lanes[0];
  (void)sink;
  return 2.0 * 8 * 10 * static_cast<double>(iterations);
}
