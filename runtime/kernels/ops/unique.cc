// Unique: the distinct elements of X (flattened), or with `axis` the distinct slices along it (compared
// lexicographically in row-major order), with first-occurrence indices, inverse indices and counts.
// sorted = 1 (default) orders them ascending, sorted = 0 by first occurrence. All four outputs depend on the
// values, so they are computed when the kernel is built (at run time on the interpreter path; the kernel cache
// keys on the values) and Run copies them out. NaN inputs are refused (their ordering is not defined here).
#include <algorithm>
#include <cmath>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

struct UniqueResult {
  std::vector<int64_t> first, inverse, counts;  // per unique slice / per input slice / per unique slice
};

// Groups the `dim` slices of x (viewed as [outer, dim, inner]) into distinct ones.
template <typename T>
UniqueResult FindUnique(const T* x, int64_t outer, int64_t dim, int64_t inner, bool sorted) {
  auto at = [&](int64_t slice, int64_t k) { return x[((k / inner) * dim + slice) * inner + k % inner]; };
  int64_t len = outer * inner;
  auto less = [&](int64_t a, int64_t b) {
    for (int64_t k = 0; k < len; ++k) {
      T va = at(a, k), vb = at(b, k);
      if (va != vb) return va < vb;
    }
    return false;
  };
  std::vector<int64_t> order(dim);
  for (int64_t i = 0; i < dim; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), less);
  UniqueResult r;
  std::vector<int64_t> group(dim);  // input slice -> unique position in sorted order
  for (int64_t i = 0; i < dim; ++i) {
    if (i == 0 || less(order[i - 1], order[i])) {
      r.first.push_back(order[i]);
      r.counts.push_back(0);
    }
    group[order[i]] = static_cast<int64_t>(r.first.size()) - 1;
    ++r.counts.back();
  }
  std::vector<int64_t> pos(r.first.size());  // sorted position -> output position
  for (size_t i = 0; i < pos.size(); ++i) pos[i] = static_cast<int64_t>(i);
  if (!sorted) {
    std::vector<int64_t> by_first(pos);
    std::sort(by_first.begin(), by_first.end(), [&](int64_t a, int64_t b) { return r.first[a] < r.first[b]; });
    UniqueResult u;
    for (size_t i = 0; i < by_first.size(); ++i) {
      pos[by_first[i]] = static_cast<int64_t>(i);
      u.first.push_back(r.first[by_first[i]]);
      u.counts.push_back(r.counts[by_first[i]]);
    }
    r.first = std::move(u.first);
    r.counts = std::move(u.counts);
  }
  for (int64_t i = 0; i < dim; ++i) r.inverse.push_back(pos[group[i]]);
  return r;
}

class UniqueKernel : public Kernel {
 public:
  UniqueKernel(UniqueResult r, int64_t outer, int64_t dim, int64_t inner_bytes)
      : r_(std::move(r)), outer_(outer), dim_(dim), inner_(inner_bytes) {}
  void Run(const RunContext& ctx) override {
    const auto* x = ctx.in[0].as<uint8_t>();
    auto* y = ctx.out[0].as<uint8_t>();
    int64_t u = static_cast<int64_t>(r_.first.size());
    for (int64_t o = 0; o < outer_; ++o) {
      for (int64_t j = 0; j < u; ++j) {
        std::memcpy(y + (o * u + j) * inner_, x + (o * dim_ + r_.first[j]) * inner_, static_cast<size_t>(inner_));
      }
    }
    const std::vector<int64_t>* extra[3] = {&r_.first, &r_.inverse, &r_.counts};
    for (size_t i = 1; i < ctx.out.size() && i < 4; ++i) {
      if (ctx.out[i].data && !extra[i - 1]->empty()) {
        std::memcpy(ctx.out[i].data, extra[i - 1]->data(), extra[i - 1]->size() * sizeof(int64_t));
      }
    }
  }

 private:
  UniqueResult r_;
  int64_t outer_, dim_, inner_;
};

std::unique_ptr<Kernel> MakeUnique(KernelBuilder& b) {
  b.ExpectInputs(1, 1);
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  bool has_axis = b.node().HasAttr("axis");
  int64_t axis = has_axis ? NormAxis(b, b.node().AttrInt("axis", 0), rank) : 0;
  int64_t outer = 1, inner = 1, dim = has_axis ? x[axis] : NumElements(x);
  if (has_axis) {
    for (int64_t i = 0; i < axis; ++i) outer *= x[i];
    for (int64_t i = axis + 1; i < rank; ++i) inner *= x[i];
  }
  bool sorted = b.node().AttrInt("sorted", 1) != 0;
  const ConstTensor& c = b.ConstInput(0, "X");
  UniqueResult r;
  if (c.dtype == DType::kF32) {
    const float* v = c.as<float>();
    for (int64_t i = 0; i < c.size(); ++i) b.Require(!std::isnan(v[i]), "NaN values are not supported");
    r = FindUnique(v, outer, dim, inner, sorted);
  } else if (c.dtype == DType::kI64) {
    r = FindUnique(c.as<int64_t>(), outer, dim, inner, sorted);
  } else {
    r = FindUnique(c.as<uint8_t>(), outer, dim, inner, sorted);
  }
  int64_t u = static_cast<int64_t>(r.first.size());
  Dims y = {u};
  if (has_axis) {
    y = x;
    y[axis] = u;
  }
  b.SetOutput(0, c.dtype, y);
  b.SetOutput(1, DType::kI64, {u});
  b.SetOutput(2, DType::kI64, {dim});
  b.SetOutput(3, DType::kI64, {u});
  return std::make_unique<UniqueKernel>(std::move(r), outer, dim, inner * static_cast<int64_t>(DTypeSize(c.dtype)));
}

PARITY_REGISTER_OP({"", "Unique", 11, kMaxOpset, &MakeUnique});

}  // namespace
}  // namespace parity::rt
