#include "core/cpu_features.h"

#include <cpuid.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace parity::rt {
namespace {

// XGETBV without -mxsave, so this file stays baseline.
uint64_t ReadXcr0() {
  uint32_t eax = 0;
  uint32_t edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<uint64_t>(edx) << 32) | eax;
}

CpuFeatures Detect() {
  CpuFeatures f;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return f;
  const bool osxsave = (ecx & bit_OSXSAVE) != 0;
  if (!osxsave) return f;
  const uint64_t xcr0 = ReadXcr0();
  // XMM and YMM state (bits 1, 2); opmask, ZMM_Hi256 and Hi16_ZMM state (bits 5, 6, 7).
  const bool os_ymm = (xcr0 & 0x6) == 0x6;
  const bool os_zmm = os_ymm && (xcr0 & 0xE0) == 0xE0;
  f.avx = os_ymm && (ecx & bit_AVX) != 0;
  f.fma = f.avx && (ecx & bit_FMA) != 0;
  f.f16c = f.avx && (ecx & bit_F16C) != 0;
  unsigned max_leaf = __get_cpuid_max(0, nullptr);
  if (max_leaf < 7) return f;
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  f.avx2 = f.avx && (ebx & bit_AVX2) != 0;
  f.avx512f = os_zmm && (ebx & bit_AVX512F) != 0;
  f.avx512bw = f.avx512f && (ebx & bit_AVX512BW) != 0;
  f.avx512dq = f.avx512f && (ebx & bit_AVX512DQ) != 0;
  f.avx512vl = f.avx512f && (ebx & bit_AVX512VL) != 0;
  return f;
}

Isa ComputeActiveIsa() {
  Isa best = DetectedIsa();
  const char* env = std::getenv("PARITY_ISA");
  if (env == nullptr || *env == '\0') return best;
  std::optional<Isa> wanted = ParseIsa(env);
  if (!wanted) {
    std::fprintf(stderr, "parity: ignoring unknown PARITY_ISA=%s (expected avx512, avx2 or generic)\n", env);
    return best;
  }
  return static_cast<int>(*wanted) < static_cast<int>(best) ? *wanted : best;
}

}  // namespace

const CpuFeatures& DetectedCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

Isa DetectedIsa() {
  const CpuFeatures& f = DetectedCpuFeatures();
  const bool avx2_set = f.avx2 && f.fma && f.f16c;
  if (avx2_set && f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl) return Isa::kAvx512;
  if (avx2_set) return Isa::kAvx2;
  return Isa::kGeneric;
}

Isa ActiveIsa() {
  static const Isa isa = ComputeActiveIsa();
  return isa;
}

bool IsaSupported(Isa isa) {
  return static_cast<int>(isa) <= static_cast<int>(DetectedIsa());
}

const char* IsaName(Isa isa) {
  switch (isa) {
    case Isa::kAvx512:
      return "avx512";
    case Isa::kAvx2:
      return "avx2";
    case Isa::kGeneric:
      break;
  }
  return "generic";
}

std::optional<Isa> ParseIsa(const std::string& name) {
  if (name == "avx512") return Isa::kAvx512;
  if (name == "avx2") return Isa::kAvx2;
  if (name == "generic") return Isa::kGeneric;
  return std::nullopt;
}

}  // namespace parity::rt
