#include "parity/runtime/options.h"

#include <sstream>

namespace parity::rt {
namespace {

template <typename E>
std::string AllowedNames(const std::vector<EnumEntry<E>>& table) {
  std::string s;
  for (const auto& e : table) s += (s.empty() ? "" : ", ") + std::string(e.name);
  return s;
}

template <typename E>
E ParseEnum(const std::string& name, const std::vector<EnumEntry<E>>& table, const char* what) {
  for (const auto& e : table) {
    if (name == e.name) return e.value;
  }
  throw OptionsError("unknown " + std::string(what) + " '" + name + "'; allowed: " + AllowedNames(table));
}

template <typename E>
const char* EnumName(E v, const std::vector<EnumEntry<E>>& table) {
  for (const auto& e : table) {
    if (e.value == v) return e.name;
  }
  return "?";
}

}  // namespace

const std::vector<EnumEntry<Precision>>& PrecisionTable() {
  static const std::vector<EnumEntry<Precision>> t = {
      {Precision::kFp32, "fp32"}, {Precision::kBf16, "bf16"}, {Precision::kInt8, "int8"}};
  return t;
}
const std::vector<EnumEntry<FusionLevel>>& FusionLevelTable() {
  static const std::vector<EnumEntry<FusionLevel>> t = {
      {FusionLevel::kNone, "none"}, {FusionLevel::kBasic, "basic"}, {FusionLevel::kAll, "all"}};
  return t;
}
const std::vector<EnumEntry<Layout>>& LayoutTable() {
  static const std::vector<EnumEntry<Layout>> t = {
      {Layout::kNchw, "nchw"}, {Layout::kNchwc, "nchwc"}, {Layout::kAuto, "auto"}};
  return t;
}
const std::vector<EnumEntry<ConvAlgo>>& ConvAlgoTable() {
  static const std::vector<EnumEntry<ConvAlgo>> t = {
      {ConvAlgo::kAuto, "auto"},           {ConvAlgo::kIm2col, "im2col"}, {ConvAlgo::kGemm1x1, "gemm1x1"},
      {ConvAlgo::kDepthwise, "depthwise"}, {ConvAlgo::kDirect, "direct"}, {ConvAlgo::kWinograd, "winograd"}};
  return t;
}

Precision ParsePrecision(const std::string& n) {
  return ParseEnum(n, PrecisionTable(), "precision");
}
FusionLevel ParseFusionLevel(const std::string& n) {
  return ParseEnum(n, FusionLevelTable(), "fusion level");
}
Layout ParseLayout(const std::string& n) {
  return ParseEnum(n, LayoutTable(), "layout");
}
ConvAlgo ParseConvAlgo(const std::string& n) {
  return ParseEnum(n, ConvAlgoTable(), "conv algorithm");
}
const char* ToString(Precision v) {
  return EnumName(v, PrecisionTable());
}
const char* ToString(FusionLevel v) {
  return EnumName(v, FusionLevelTable());
}
const char* ToString(Layout v) {
  return EnumName(v, LayoutTable());
}
const char* ToString(ConvAlgo v) {
  return EnumName(v, ConvAlgoTable());
}

const std::vector<std::string>& KnownPassNames() {
  static const std::vector<std::string> names = {"eliminate_identity",
                                                 "constant_folding",
                                                 "transpose_reshape_cleanup",
                                                 "fold_matmul_views",
                                                 "fold_batchnorm",
                                                 "fold_scale",
                                                 "fuse_bias",
                                                 "fuse_gelu",
                                                 "fuse_layernorm",
                                                 "fuse_activation",
                                                 "fuse_residual",
                                                 "layout_nchwc",
                                                 "fuse_inverted_residual",
                                                 "dead_nodes"};
  return names;
}

std::string CompileOptions::CanonicalName() const {
  std::ostringstream s;
  s << ToString(precision) << '/';
  if (layout == Layout::kNchwc) {
    s << "nchw" << channel_block << 'c';
  } else {
    s << ToString(layout);
  }
  s << "/fuse-" << ToString(fusion);
  for (const auto& p : disabled_passes) s << "-no-" << p;
  s << "/conv-" << ToString(conv_algo) << "/t" << threads << "/b" << batch;
  if (!gemm.automatic) s << "/gemm-" << gemm.mc << '-' << gemm.kc << '-' << gemm.nc;
  if (!arena) s << "/noarena";
  if (instances != 1) s << "/i" << instances;
  if (keep_intermediates) s << "/keep";
  if (!fault_injection.empty()) s << "/FAULT-" << fault_injection;
  return s.str();
}

void CompileOptions::Validate() const {
  std::vector<std::string> errors;
  auto fail = [&](const std::string& m) { errors.push_back(m); };
  if (precision != Precision::kFp32) {
    fail(std::string("precision=") + ToString(precision) + " has no kernels yet (only fp32)");
  }
  if (threads < 1 || threads > 256) fail("threads=" + std::to_string(threads) + " must be in 1..256");
  if (batch < 1) fail("batch=" + std::to_string(batch) + " must be >= 1");
  for (const auto& [name, v] : dims) {
    if (v < 1) fail("dims[" + name + "]=" + std::to_string(v) + " must be >= 1");
  }
  if (instances < 1 || instances > 64) fail("instances=" + std::to_string(instances) + " must be in 1..64");
  if (channel_block != 8 && channel_block != 16) {
    fail("channel_block=" + std::to_string(channel_block) + " must be 8 or 16");
  }
  const auto& known = KnownPassNames();
  for (const auto& p : disabled_passes) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == p;
    if (!ok) {
      std::string all;
      for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
      fail("disabled pass '" + p + "' is unknown; known passes: " + all);
    }
  }
  if (layout == Layout::kNchwc && disabled_passes.count("layout_nchwc")) {
    fail("layout=nchwc needs pass layout_nchwc, which is disabled");
  }
  if (layout == Layout::kNchwc && (conv_algo == ConvAlgo::kIm2col || conv_algo == ConvAlgo::kGemm1x1)) {
    fail(std::string("conv=") + ToString(conv_algo) + " works on plain NCHW only; use layout=nchw or conv=auto");
  }
  if (layout == Layout::kNchw && conv_algo == ConvAlgo::kDirect) {
    fail("conv=direct is the blocked-layout kernel; use layout=nchwc or auto");
  }
  if (!gemm.automatic) {
    if (gemm.mc <= 0 || gemm.kc <= 0 || gemm.nc <= 0) fail("gemm blocking mc/kc/nc must all be > 0");
    if (gemm.mc % 8 != 0 || gemm.nc % 16 != 0) fail("gemm blocking needs mc % 8 == 0 and nc % 16 == 0");
  }
  if (errors.empty()) return;
  std::string msg = "invalid compile options " + CanonicalName() + ":";
  for (const auto& e : errors) msg += "\n  - " + e;
  throw OptionsError(msg);
}

}  // namespace parity::rt
