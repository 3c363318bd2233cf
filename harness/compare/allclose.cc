#include "harness/compare/allclose.h"

#include <cmath>
#include <sstream>

namespace parity {

namespace {

std::string IndexString(const Dims& dims, int64_t flat) {
  std::vector<int64_t> idx(dims.size());
  for (size_t d = dims.size(); d-- > 0;) {
    idx[d] = dims[d] ? flat % dims[d] : 0;
    flat = dims[d] ? flat / dims[d] : 0;
  }
  return DimsToString(idx);
}

CloseResult TensorsClose(const Tensor& got, const Tensor& expected, double rtol, double atol) {
  CloseResult r;
  if (got.dims != expected.dims) {
    r.ok = false;
    r.message = "shape " + DimsToString(got.dims) + " != expected " + DimsToString(expected.dims);
    return r;
  }
  if (got.declared != expected.declared) {
    r.ok = false;
    r.message = "type " + ElementTypeName(got.declared) + " != expected " + ElementTypeName(expected.declared);
    return r;
  }
  if (expected.dtype == ElementType::kString) {
    for (int64_t i = 0; i < expected.size(); ++i) {
      if (got.strings[i] != expected.strings[i]) {
        ++r.mismatches;
        if (r.ok) r.message = "at " + IndexString(expected.dims, i) + ": '" + got.strings[i] + "' != '" +
                              expected.strings[i] + "'";
        r.ok = false;
      }
    }
    return r;
  }
  for (int64_t i = 0; i < expected.size(); ++i) {
    const double g = got.At(i);
    const double e = expected.At(i);
    bool close;
    if (std::isnan(e) || std::isnan(g)) {
      close = std::isnan(e) && std::isnan(g);
    } else if (std::isinf(e) || std::isinf(g)) {
      close = g == e;
    } else {
      const double err = std::fabs(g - e);
      r.max_abs_error = std::max(r.max_abs_error, err);
      close = err <= atol + rtol * std::fabs(e);
    }
    if (!close) {
      if (r.ok) {
        std::ostringstream os;
        os.precision(9);
        os << "at " << IndexString(expected.dims, i) << ": got " << g << ", expected " << e;
        r.message = os.str();
      }
      r.ok = false;
      ++r.mismatches;
    }
  }
  if (!r.ok) r.message += " (" + std::to_string(r.mismatches) + " of " + std::to_string(expected.size()) +
                          " elements differ)";
  return r;
}

const char* KindName(Value::Kind k) {
  switch (k) {
    case Value::Kind::kNone: return "empty optional";
    case Value::Kind::kTensor: return "tensor";
    case Value::Kind::kSequence: return "sequence";
  }
  return "?";
}

}  // namespace

CloseResult AllClose(const Value& got, const Value& expected, double rtol, double atol) {
  if (got.kind != expected.kind) {
    CloseResult r;
    r.ok = false;
    r.message = std::string("got a ") + KindName(got.kind) + ", expected a " + KindName(expected.kind);
    return r;
  }
  if (expected.kind == Value::Kind::kTensor) return TensorsClose(got.tensor, expected.tensor, rtol, atol);
  CloseResult total;
  if (expected.kind == Value::Kind::kSequence) {
    if (got.sequence.size() != expected.sequence.size()) {
      total.ok = false;
      total.message = "sequence of " + std::to_string(got.sequence.size()) + " tensors, expected " +
                      std::to_string(expected.sequence.size());
      return total;
    }
    for (size_t i = 0; i < expected.sequence.size(); ++i) {
      CloseResult r = TensorsClose(got.sequence[i], expected.sequence[i], rtol, atol);
      total.max_abs_error = std::max(total.max_abs_error, r.max_abs_error);
      total.mismatches += r.mismatches;
      if (!r.ok && total.ok) total.message = "element " + std::to_string(i) + ": " + r.message;
      total.ok = total.ok && r.ok;
    }
  }
  return total;
}

}  // namespace parity
