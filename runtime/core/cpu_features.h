// CPU feature detection for choosing kernel variants at run time.
//
// Detection runs once (thread-safe, on first use) with CPUID and XGETBV, so a feature counts only when the
// operating system also saves the matching register state. The environment variable PARITY_ISA
// (avx512 | avx2 | generic) caps the ISA used by dispatch, so tests and users can force a lower path on a
// capable CPU; it can never raise the ISA above what the CPU supports.
#ifndef PARITY_RUNTIME_CORE_CPU_FEATURES_H_
#define PARITY_RUNTIME_CORE_CPU_FEATURES_H_

#include <optional>
#include <string>

namespace parity::rt {

// Instruction-set levels that have kernel variants, ordered from lowest to highest.
enum class Isa : int {
  kGeneric = 0,  // baseline x86-64 (SSE2), portable C++
  kAvx2 = 1,     // AVX2 + FMA + F16C
  kAvx512 = 2,   // AVX-512 F/BW/DQ/VL + the AVX2 set
};

struct CpuFeatures {
  bool avx = false;
  bool avx2 = false;
  bool fma = false;
  bool f16c = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512dq = false;
  bool avx512vl = false;
};

// Features of the running CPU (OS support included). Never affected by PARITY_ISA.
const CpuFeatures& DetectedCpuFeatures();

// Highest ISA level the CPU supports.
Isa DetectedIsa();

// ISA that dispatch uses by default: DetectedIsa() lowered to PARITY_ISA when that is set. An unknown
// PARITY_ISA value is reported once on stderr and ignored.
Isa ActiveIsa();

// True when the CPU can execute code compiled for `isa`.
bool IsaSupported(Isa isa);

// "generic", "avx2" or "avx512".
const char* IsaName(Isa isa);

// Parses "generic" / "avx2" / "avx512" (case-sensitive); nullopt for anything else.
std::optional<Isa> ParseIsa(const std::string& name);

}  // namespace parity::rt

#endif  // PARITY_RUNTIME_CORE_CPU_FEATURES_H_
