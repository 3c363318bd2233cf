// Compile options of the parity runtime: a typed struct with a canonical name and validation.
//
// The harness maps YAML/CLI strings onto these fields through the enum tables and Parse*/ToString functions
// below; the runtime itself never parses configuration files.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace parity::rt {

// Thrown by Validate() and by the Parse* functions. The message names the option and the allowed values.
class OptionsError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Numeric precision the kernels compute in. Only kFp32 is implemented; the others exist so kernel keys and
// option strings keep their shape when bf16/int8 kernels arrive (Validate rejects them for now).
enum class Precision { kFp32, kBf16, kInt8 };
// How aggressively the pass manager rewrites the graph. kBasic = clean-ups that never change numerics
// (identity/dropout removal, shape folding, dead nodes); kAll adds folding of weights and kernel fusion.
enum class FusionLevel { kNone, kBasic, kAll };
// Activation layout between convolutions. kNchwc = channel-blocked (N, C/b, H, W, b) with reorders inserted
// around conv chains; kAuto lets the compiler pick: blocked (b = 16) where the CPU has the blocked AVX-512 conv
// kernels and conv is auto or direct, plain NCHW otherwise.
enum class Layout { kNchw, kNchwc, kAuto };
// Convolution algorithm. An explicit choice applies to every conv it can compute; the others use kAuto's choice
// (the compile stats list which algorithm each conv got).
enum class ConvAlgo { kAuto, kIm2col, kGemm1x1, kDepthwise, kDirect, kWinograd };

template <typename E>
struct EnumEntry {
  E value;
  const char* name;
};

const std::vector<EnumEntry<Precision>>& PrecisionTable();
const std::vector<EnumEntry<FusionLevel>>& FusionLevelTable();
const std::vector<EnumEntry<Layout>>& LayoutTable();
const std::vector<EnumEntry<ConvAlgo>>& ConvAlgoTable();

// Parse* throw OptionsError("unknown <what> 'x'; allowed: a, b, c") for names not in the table.
Precision ParsePrecision(const std::string& name);
FusionLevel ParseFusionLevel(const std::string& name);
Layout ParseLayout(const std::string& name);
ConvAlgo ParseConvAlgo(const std::string& name);
const char* ToString(Precision v);
const char* ToString(FusionLevel v);
const char* ToString(Layout v);
const char* ToString(ConvAlgo v);

// Names of all graph passes, in the order the pass manager runs them (valid entries of disabled_passes).
const std::vector<std::string>& KnownPassNames();

// GEMM cache blocking. automatic = the kernel picks; otherwise mc/kc/nc are used as given.
struct GemmBlocking {
  bool automatic = true;
  int mc = 0;
  int kc = 0;
  int nc = 0;
};

struct CompileOptions {
  Precision precision = Precision::kFp32;
  int threads = 1;    // worker threads per executable (the calling thread counts as one)
  int64_t batch = 1;  // value for symbolic dim 0 of graph inputs, and for a static first dim of 1 (rebatching)
  // Values of other symbolic dims: by dim_param name ("seq_len"), or "<input>:<axis>" for unnamed dims.
  std::map<std::string, int64_t> dims;
  FusionLevel fusion = FusionLevel::kAll;
  std::set<std::string> disabled_passes;  // names from KnownPassNames()
  Layout layout = Layout::kAuto;
  int channel_block = 16;  // b of the blocked layout (8 or 16)
  ConvAlgo conv_algo = ConvAlgo::kAuto;
  GemmBlocking gemm;
  bool arena = true;                // false: every value gets its own buffer (debugging aid)
  int instances = 1;                // independent executables the harness creates for throughput runs
  bool keep_intermediates = false;  // keep every value that survives fusion, readable after Run
  // Test hook, never for production: kernels of this op type (e.g. "Conv") scale their float outputs by
  // (1 + 1e-3) after computing them — a deliberately wrong kernel, so tests can check that precision gates fail
  // and that layer-wise comparison names the node. Empty: off.
  std::string fault_injection;
  // Initializers that are also graph inputs are constants (folded, packed) unless named here: these become
  // run-time inputs (listed by Executable::inputs()) and their initializer is ignored.
  std::set<std::string> fed_initializers;

  // e.g. "fp32/nchw16c/fuse-all/conv-auto/t2/b1"; non-default extras are appended ("/noarena", "/i2",
  // "/gemm-96-256-4096", "/fuse-all-no-fold_batchnorm").
  std::string CanonicalName() const;
  // Throws OptionsError with a message naming the offending option(s).
  void Validate() const;
};

}  // namespace parity::rt
