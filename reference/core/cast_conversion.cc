#include "core/cast_conversion.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "parity/reference/error.h"

namespace parity::ref {

namespace {

// Float to int64 by truncation; non-finite and out-of-range values give INT64_MIN (undefined in ONNX).
int64_t TruncateToInt64(double v) {
  if (!std::isfinite(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(std::trunc(v));
}

// Float to uint64 by truncation: [0, 2^64) converts directly, negatives through int64 (so -1 wraps to all ones).
uint64_t TruncateToUint64(double v) {
  if (std::isfinite(v) && v >= 0 && v < 18446744073709551616.0) return static_cast<uint64_t>(std::trunc(v));
  return static_cast<uint64_t>(TruncateToInt64(v));
}

// True when `v` (a value of the floating type `from`) is recovered from `text`.
bool RoundTrips(const char* text, double v, DataType from) {
  const double parsed = std::strtod(text, nullptr);
  switch (from) {
    case DataType::kDouble: return parsed == v;
    case DataType::kFloat: return static_cast<float>(parsed) == static_cast<float>(v);
    default: return RoundToFloatType(from, parsed) == v;
  }
}

std::string StripTrailingZeros(std::string digits) {
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  return digits;
}

double ParseDouble(const std::string& text) {
  const char* begin = text.c_str();
  while (*begin == ' ' || *begin == '\t') ++begin;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(begin, &end);
  while (end != nullptr && (*end == ' ' || *end == '\t')) ++end;
  if (end == begin || *end != '\0') throw Error("cannot parse \"" + text + "\" as a number");
  return v;  // ERANGE overflow gives +/-inf, underflow a denormal or 0: both are what a float cast would give
}

// Exact integer parse when the text is a plain integer; otherwise the number truncated toward zero.
int64_t ParseInt64(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(begin, &end, 10);
  if (end != begin && *end == '\0' && errno == 0) return v;
  return TruncateToInt64(ParseDouble(text));
}

uint64_t ParseUint64(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(begin, &end, 10);
  if (end != begin && *end == '\0' && errno == 0 && text.find('-') == std::string::npos) return v;
  return TruncateToUint64(ParseDouble(text));
}

bool ParseBool(const std::string& text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return ParseDouble(text) != 0.0;
}

// One element of a numeric storage type converted to the storage of `to` (before wrapping).
double ToReal(double v, DataType to, const CastOptions& o) {
  if (to == DataType::kFloat || to == DataType::kDouble) return v;
  return RoundToFloatType(to, v, o.saturation, o.e8m0_rounding);
}

template <typename In>
std::string NumberToString(In v, DataType from) {
  if constexpr (std::is_same_v<In, double>) {
    return FloatToCastString(v, from);
  } else if constexpr (std::is_same_v<In, int64_t>) {
    if (from == DataType::kBool) return v ? "True" : "False";
    return std::to_string(v);
  } else {
    return std::to_string(v);
  }
}

}  // namespace

std::string FloatToCastString(double v, DataType from) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-tripping significand: the fewest digits whose correctly rounded decimal reads back as v.
  char buffer[64];
  int precision = 1;
  for (; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*e", precision - 1, v);
    if (RoundTrips(buffer, v, from)) break;
  }
  const std::string text = buffer;  // d.ddddde[+-]XX
  const size_t e_pos = text.find('e');
  const bool negative = text[0] == '-';
  std::string digits = text.substr(negative ? 1 : 0, e_pos - (negative ? 1 : 0));
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  digits = StripTrailingZeros(digits);
  const int exponent = std::atoi(text.c_str() + e_pos + 1);
  const double magnitude = std::fabs(v);
  std::string out = negative ? "-" : "";
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    if (exponent >= 0) {
      std::string integer = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
      integer.append(exponent + 1 - integer.size(), '0');
      const std::string fraction = digits.size() > static_cast<size_t>(exponent + 1) ? digits.substr(exponent + 1)
                                                                                       : "0";
      out += integer + "." + fraction;
    } else {
      out += "0." + std::string(-exponent - 1, '0') + digits;
    }
  } else {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_text[16];
    std::snprintf(exp_text, sizeof(exp_text), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_text;
  }
  return out;
}

E8M0Rounding ParseE8M0Rounding(const std::string& round_mode) {
  if (round_mode == "up") return E8M0Rounding::kUp;
  if (round_mode == "down") return E8M0Rounding::kDown;
  if (round_mode == "nearest") return E8M0Rounding::kNearest;
  throw Error("round_mode must be \"up\", \"down\" or \"nearest\", got \"" + round_mode + "\"");
}

Tensor CastTensor(const Tensor& x, DataType to, const CastOptions& options) {
  Tensor out(to, x.shape());
  const DataType from = x.dtype();
  VisitStorage(out, [&](auto& ov) {
    using Out = typename std::decay_t<decltype(ov)>::value_type;
    VisitStorage(x, [&](const auto& iv) {
      using In = typename std::decay_t<decltype(iv)>::value_type;
      for (size_t i = 0; i < iv.size(); ++i) {
        const In& v = iv[i];
        if constexpr (std::is_same_v<Out, std::string>) {
          if constexpr (std::is_same_v<In, std::string>) {
            ov[i] = v;
          } else {
            ov[i] = NumberToString(v, from);
          }
        } else if constexpr (std::is_same_v<In, std::string>) {
          if (to == DataType::kBool) {
            ov[i] = ParseBool(v);
          } else if constexpr (std::is_same_v<Out, double>) {
            ov[i] = ToReal(ParseDouble(v), to, options);
          } else if constexpr (std::is_same_v<Out, int64_t>) {
            ov[i] = ParseInt64(v);
          } else {
            ov[i] = ParseUint64(v);
          }
        } else if (to == DataType::kBool) {
          ov[i] = v != 0;
        } else if constexpr (std::is_same_v<Out, double>) {
          ov[i] = ToReal(static_cast<double>(v), to, options);
        } else if constexpr (std::is_same_v<In, double>) {
          if constexpr (std::is_same_v<Out, int64_t>) {
            ov[i] = TruncateToInt64(v);
          } else {
            ov[i] = TruncateToUint64(v);
          }
        } else {
          ov[i] = static_cast<Out>(v);  // int <-> uint of any width: two's complement, then wrapped below
        }
      }
    });
  });
  out.WrapToDtype();
  return out;
}

}  // namespace parity::ref
