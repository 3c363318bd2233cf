#include "harness/backends/runtime_settings.h"

#include <functional>
#include <sstream>

#include "harness/core/errors.h"

namespace parity {

namespace {

int64_t ParseInt(const std::string& key, const std::string& value, int64_t min) {
  try {
    size_t used = 0;
    const int64_t v = std::stoll(value, &used);
    if (used == value.size() && v >= min) return v;
  } catch (const std::exception&) {
  }
  throw InputError("runtime setting " + key + "=" + value + ": expected an integer >= " + std::to_string(min));
}

bool ParseBool(const std::string& key, const std::string& value) {
  if (value == "on" || value == "true" || value == "1" || value == "yes") return true;
  if (value == "off" || value == "false" || value == "0" || value == "no") return false;
  throw InputError("runtime setting " + key + "=" + value + ": expected one of on, off, true, false, 1, 0");
}

template <typename Parse>
auto ParseEnum(const std::string& key, const std::string& value, Parse parse) {
  try {
    return parse(value);
  } catch (const rt::OptionsError& e) {
    throw InputError("runtime setting " + key + ": " + e.what());
  }
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

rt::GemmBlocking ParseGemm(const std::string& key, const std::string& value) {
  rt::GemmBlocking g;
  if (value == "auto") return g;
  const auto parts = SplitComma(value);
  if (parts.size() != 3) throw InputError("runtime setting " + key + "=" + value + ": expected auto or MC,KC,NC");
  g.automatic = false;
  g.mc = static_cast<int>(ParseInt(key, parts[0], 1));
  g.kc = static_cast<int>(ParseInt(key, parts[1], 1));
  g.nc = static_cast<int>(ParseInt(key, parts[2], 1));
  return g;
}

using Setter = std::function<void(const std::string& key, const std::string& value, rt::CompileOptions&)>;

struct SettingEntry {
  const char* key;
  const char* help;
  Setter set;
};

const std::vector<SettingEntry>& Table() {
  static const std::vector<SettingEntry> table = {
      {"threads", "worker threads per executable (>= 1)",
       [](auto& k, auto& v, auto& o) { o.threads = static_cast<int>(ParseInt(k, v, 1)); }},
      {"batch", "value of the batch (first symbolic) dimension",
       [](auto& k, auto& v, auto& o) { o.batch = ParseInt(k, v, 1); }},
      {"precision", "compute precision (fp32; bf16 and int8 reserved)",
       [](auto& k, auto& v, auto& o) { o.precision = ParseEnum(k, v, rt::ParsePrecision); }},
      {"fusion", "graph optimisation level: none, basic, all",
       [](auto& k, auto& v, auto& o) { o.fusion = ParseEnum(k, v, rt::ParseFusionLevel); }},
      {"disable", "comma-separated pass names to skip",
       [](auto&, auto& v, auto& o) {
         for (const auto& p : SplitComma(v)) o.disabled_passes.insert(p);
       }},
      {"layout", "activation layout: nchw, nchwc, auto",
       [](auto& k, auto& v, auto& o) { o.layout = ParseEnum(k, v, rt::ParseLayout); }},
      {"channel_block", "channel block of the blocked layout (8 or 16)",
       [](auto& k, auto& v, auto& o) { o.channel_block = static_cast<int>(ParseInt(k, v, 1)); }},
      {"conv", "convolution algorithm: auto, im2col, gemm1x1, depthwise, direct, winograd",
       [](auto& k, auto& v, auto& o) { o.conv_algo = ParseEnum(k, v, rt::ParseConvAlgo); }},
      {"gemm", "GEMM cache blocking: auto or MC,KC,NC", [](auto& k, auto& v, auto& o) { o.gemm = ParseGemm(k, v); }},
      {"arena", "plan all activations into one arena: on/off",
       [](auto& k, auto& v, auto& o) { o.arena = ParseBool(k, v); }},
      {"fault_injection", "test hook: kernels of this op type scale their outputs by 1.001 (a deliberately wrong kernel)",
       [](auto&, auto& v, auto& o) { o.fault_injection = v; }},
      {"instances", "independent executables for throughput runs",
       [](auto& k, auto& v, auto& o) { o.instances = static_cast<int>(ParseInt(k, v, 1)); }},
  };
  return table;
}

}  // namespace

void ApplyRuntimeSettings(const std::map<std::string, std::string>& settings, rt::CompileOptions& options) {
  for (const auto& [key, value] : settings) {
    if (key.rfind("dim.", 0) == 0 && key.size() > 4) {
      options.dims[key.substr(4)] = ParseInt(key, value, 0);
      continue;
    }
    const SettingEntry* entry = nullptr;
    std::string allowed;
    for (const auto& e : Table()) {
      if (key == e.key) entry = &e;
      allowed += std::string(allowed.empty() ? "" : ", ") + e.key;
    }
    if (entry == nullptr) {
      throw InputError("unknown runtime setting '" + key + "'; allowed: " + allowed + ", dim.<name>");
    }
    entry->set(key, value, options);
  }
}

const std::vector<std::pair<std::string, std::string>>& RuntimeSettingKeys() {
  static const std::vector<std::pair<std::string, std::string>> keys = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : Table()) out.emplace_back(e.key, e.help);
    out.emplace_back("dim.<name>", "value of the symbolic dimension <name>");
    return out;
  }();
  return keys;
}

}  // namespace parity
