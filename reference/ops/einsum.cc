// Einsum: Einstein summation, e.g. "ij,jk->ik". Each operand's term names its axes with letters; "..." stands for
// the remaining (leading/middle) axes, which broadcast across operands numpy-style. Letters repeated within one term
// take the diagonal; letters missing from the output are summed over. Without "->" (implicit form) the output is
// the ellipsis axes followed by the letters that occur exactly once, in alphabetical order. Any number of
// operands; spaces are ignored; upper- and lower-case letters are distinct.
//   Einsum-12. Integers are summed exactly and wrap to the dtype; floats in double.
#include <algorithm>
#include <cctype>
#include <map>
#include <type_traits>
#include <string>

#include "core/movement_take.h"
#include "core/op_context.h"

namespace parity::ref {
namespace {

constexpr int kEllipsisBase = 1000;  // label ids >= this are ellipsis axes (counted from the first of them)

struct Term {
  std::vector<int> labels;  // per axis of the operand: a letter, or kEllipsisBase + k for the k-th ellipsis axis
};

// Parses one term against an operand of `rank` axes: "..." stands for the axes the letters leave over, which are
// right-aligned into the broadcast ellipsis of max_ellipsis axes.
Term ParseTerm(const OpContext& ctx, const std::string& s, int64_t rank, int64_t max_ellipsis) {
  Term t;
  size_t letters = 0;
  bool has_ellipsis = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "...") == 0) {
      ctx.Check(!has_ellipsis, "term '" + s + "' has two ellipses");
      has_ellipsis = true;
      i += 2;
    } else {
      ctx.Check(std::isalpha(static_cast<unsigned char>(s[i])) != 0, "invalid character in term '" + s + "'");
      ++letters;
    }
  }
  const int64_t ell = rank - static_cast<int64_t>(letters);
  ctx.Check(has_ellipsis ? ell >= 0 : ell == 0, "term '" + s + "' does not match an operand of rank " +
                                                    std::to_string(rank));
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "...") == 0) {
      for (int64_t k = 0; k < ell; ++k) t.labels.push_back(kEllipsisBase + static_cast<int>(max_ellipsis - ell + k));
      i += 2;
    } else {
      t.labels.push_back(static_cast<unsigned char>(s[i]));
    }
  }
  return t;
}

std::vector<std::string> SplitTerms(const std::string& lhs) {
  std::vector<std::string> terms(1);
  for (char ch : lhs) {
    if (ch == ',') {
      terms.emplace_back();
    } else {
      terms.back() += ch;
    }
  }
  return terms;
}

// Counts the letters of a term string (so the ellipsis width can be known before parsing).
int64_t LetterCount(const std::string& s) {
  int64_t n = 0;
  for (char ch : s) n += std::isalpha(static_cast<unsigned char>(ch)) ? 1 : 0;
  return n;
}

// Arithmetic in the storage type; integers go through uint64 so overflow wraps instead of being undefined.
template <typename T>
T WrapMul(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  return a * b;
}
template <typename T>
T WrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  return a + b;
}

template <typename T>
void Contract(const std::vector<const Tensor*>& ops, const std::vector<Term>& terms, const std::vector<int>& out,
              const std::vector<int>& summed, const std::map<int, int64_t>& sizes, Tensor& result) {
  // Loop labels: output labels first (row-major output order), then summed labels.
  std::vector<int> loop = out;
  loop.insert(loop.end(), summed.begin(), summed.end());
  Shape loop_shape;
  for (int l : loop) loop_shape.push_back(sizes.at(l));
  // Per operand: stride of each loop label (diagonals add strides; broadcast size-1 axes get 0).
  std::vector<std::vector<int64_t>> strides(ops.size(), std::vector<int64_t>(loop.size(), 0));
  for (size_t k = 0; k < ops.size(); ++k) {
    const Shape& shape = ops[k]->shape();
    int64_t stride = 1;
    for (size_t a = shape.size(); a-- > 0;) {
      const int label = terms[k].labels[a];
      const size_t pos = std::find(loop.begin(), loop.end(), label) - loop.begin();
      if (shape[a] != 1 || sizes.at(label) == 1) strides[k][pos] += stride;
      stride *= shape[a];
    }
  }
  std::vector<const std::vector<T>*> data;
  for (const Tensor* t : ops) data.push_back(&std::get<std::vector<T>>(t->storage()));
  auto& rv = std::get<std::vector<T>>(result.storage());
  int64_t inner = 1;
  for (size_t i = out.size(); i < loop.size(); ++i) inner *= loop_shape[i];
  ForEachCoord(loop_shape, [&](int64_t i, const std::vector<int64_t>& c) {
    T prod = T{1};
    for (size_t k = 0; k < ops.size(); ++k) {
      int64_t off = 0;
      for (size_t l = 0; l < loop.size(); ++l) off += c[l] * strides[k][l];
      prod = WrapMul(prod, (*data[k])[off]);
    }
    T& dst = rv[inner == 0 ? 0 : i / inner];
    dst = WrapAdd(dst, prod);
  });
}

void RunEinsum(OpContext& ctx) {
  std::string eq;
  for (char ch : ctx.GetString("equation")) {
    if (ch != ' ') eq += ch;
  }
  const std::vector<const Tensor*> ops = ctx.InputsFrom(0);
  const size_t arrow = eq.find("->");
  const std::vector<std::string> term_strs = SplitTerms(eq.substr(0, arrow));
  ctx.Check(term_strs.size() == ops.size(), "equation has " + std::to_string(term_strs.size()) +
                                                " terms for " + std::to_string(ops.size()) + " inputs");
  int64_t max_ellipsis = 0;
  for (size_t k = 0; k < ops.size(); ++k) {
    ctx.Check(ops[k]->dtype() == ops[0]->dtype(), "inputs have different types");
    if (term_strs[k].find("...") != std::string::npos) {
      max_ellipsis = std::max(max_ellipsis, ops[k]->rank() - LetterCount(term_strs[k]));
    }
  }
  std::vector<Term> terms;
  std::map<int, int64_t> sizes;
  std::map<int, int> occurrences;
  for (size_t k = 0; k < ops.size(); ++k) {
    terms.push_back(ParseTerm(ctx, term_strs[k], ops[k]->rank(), max_ellipsis));
    for (size_t a = 0; a < terms[k].labels.size(); ++a) {
      const int l = terms[k].labels[a];
      const int64_t d = ops[k]->shape()[a];
      ++occurrences[l];
      auto it = sizes.find(l);
      if (it == sizes.end() || it->second == 1) {
        sizes[l] = d;
      } else {
        ctx.Check(d == it->second || (d == 1 && l >= kEllipsisBase),
                  "dimension sizes disagree for a label of '" + eq + "'");
      }
    }
  }
  std::vector<int> out;
  if (arrow != std::string::npos) {
    const std::string rhs = eq.substr(arrow + 2);
    const bool rhs_ellipsis = rhs.find("...") != std::string::npos;
    const Term t = ParseTerm(ctx, rhs, LetterCount(rhs) + (rhs_ellipsis ? max_ellipsis : 0), max_ellipsis);
    out = t.labels;
    for (int l : out) ctx.Check(sizes.count(l) == 1, "output label does not occur in the inputs");
  } else {
    for (int64_t k = 0; k < max_ellipsis; ++k) out.push_back(kEllipsisBase + static_cast<int>(k));
    for (const auto& [l, n] : occurrences) {
      if (l < kEllipsisBase && n == 1) out.push_back(l);
    }
  }
  std::vector<int> summed;
  for (const auto& [l, n] : sizes) {
    if (std::find(out.begin(), out.end(), l) == out.end()) summed.push_back(l);
  }
  Shape out_shape;
  for (int l : out) out_shape.push_back(sizes.at(l));
  Tensor result(ops[0]->dtype(), out_shape);
  switch (StorageOf(result.dtype())) {
    case StorageKind::kReal: Contract<double>(ops, terms, out, summed, sizes, result); break;
    case StorageKind::kInt: Contract<int64_t>(ops, terms, out, summed, sizes, result); break;
    case StorageKind::kUint: Contract<uint64_t>(ops, terms, out, summed, sizes, result); break;
    default: ctx.Fail("does not accept " + DataTypeName(result.dtype()));
  }
  result.WrapToDtype();
  ctx.SetOutput(0, std::move(result));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("Einsum").Versions({12}).Attr("equation", AttrType::kString, /*required=*/true)
                        .Run(RunEinsum));

}  // namespace parity::ref
