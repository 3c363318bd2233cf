// Einsum: sum over every label not in the output of the product of the inputs, each indexed by its labels.
// Supports implicit output (ellipsis dims, then labels used exactly once, in ASCII order), explicit output,
// repeated labels within a term (diagonals), "..." with numpy broadcasting (size-1 dims broadcast, for letters
// too) and any number of inputs. Two float inputs whose labels split cleanly into batch / M / N / K groups (no
// diagonals, no broadcasting, no label summed within one input) run as batched SGEMM, after packing operands
// that are not already laid out as [batch, M, K] / [batch, K, N]; everything else runs one general strided loop
// over output x reduced labels, accumulating in the storage type (fp32 for floats, exact for integers).
#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {
namespace {

constexpr int kLetters = 52;  // 'A'..'Z' -> 0..25, 'a'..'z' -> 26..51 (ASCII order); ellipsis dims follow
constexpr int kEllipsis = -1;

// One term's labels in order; kEllipsis marks where "..." stands.
std::vector<int> ParseTerm(const KernelBuilder& b, const std::string& s) {
  std::vector<int> out;
  bool ell = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      b.Require(!ell && s.compare(i, 3, "...") == 0, "malformed ellipsis in term '" + s + "'");
      ell = true;
      out.push_back(kEllipsis);
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(c - 'A');
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(26 + c - 'a');
    } else {
      b.Fail(std::string("invalid character '") + c + "' in equation");
    }
  }
  return out;
}

// Replaces the ellipsis by label ids kLetters + e, right-aligned against `ell_rank` broadcast dims.
std::vector<int> ExpandTerm(const KernelBuilder& b, const std::vector<int>& term, int64_t rank, int64_t ell_rank) {
  int64_t letters = 0;
  bool has_ell = false;
  for (int l : term) {
    if (l == kEllipsis) {
      has_ell = true;
    } else {
      ++letters;
    }
  }
  int64_t own_ell = rank - letters;
  b.Require(has_ell ? own_ell >= 0 : own_ell == 0,
            "equation term does not match an input of rank " + std::to_string(rank));
  std::vector<int> out;
  for (int l : term) {
    if (l != kEllipsis) {
      out.push_back(l);
      continue;
    }
    for (int64_t e = 0; e < own_ell; ++e) out.push_back(kLetters + static_cast<int>(ell_rank - own_ell + e));
  }
  return out;
}

template <typename T>
class EinsumKernel : public Kernel {
 public:
  // strides[t][d]: input t's element stride along loop dim d (output dims first, then reduced dims).
  EinsumKernel(Dims out_sizes, Dims red_sizes, std::vector<Dims> strides)
      : out_(std::move(out_sizes)), red_(std::move(red_sizes)), strides_(std::move(strides)) {}
  double Flops() const override {
    return static_cast<double>(NumElements(out_)) * NumElements(red_) * static_cast<double>(strides_.size());
  }
  void Run(const RunContext& ctx) override {
    size_t nin = strides_.size();
    std::vector<const T*> in(nin);
    for (size_t t = 0; t < nin; ++t) in[t] = ctx.in[t].as<T>();
    T* y = ctx.out[0].as<T>();
    ParallelForOrInline(ctx.pool, NumElements(out_), [&](int64_t s, int64_t e) {
      std::vector<int64_t> off(nin), pos(red_.size());
      for (int64_t o = s; o < e; ++o) {
        BaseOffsets(o, &off);
        y[o] = Reduce(in, &off, &pos);
      }
    });
  }

 private:
  void BaseOffsets(int64_t o, std::vector<int64_t>* off) const {
    std::fill(off->begin(), off->end(), 0);
    for (int d = static_cast<int>(out_.size()) - 1; d >= 0; --d) {
      int64_t c = o % out_[d];
      o /= out_[d];
      for (size_t t = 0; t < off->size(); ++t) (*off)[t] += c * strides_[t][d];
    }
  }

  T Reduce(const std::vector<const T*>& in, std::vector<int64_t>* off, std::vector<int64_t>* pos) const {
    size_t nin = in.size(), nr = red_.size(), base = out_.size();
    std::fill(pos->begin(), pos->end(), 0);
    int64_t n = NumElements(red_);
    T acc = T(0);
    for (int64_t i = 0; i < n; ++i) {
      T p = in[0][(*off)[0]];
      for (size_t t = 1; t < nin; ++t) p *= in[t][(*off)[t]];
      acc += p;
      for (int d = static_cast<int>(nr) - 1; d >= 0; --d) {
        for (size_t t = 0; t < nin; ++t) (*off)[t] += strides_[t][base + d];
        if (++(*pos)[d] < red_[d]) break;
        for (size_t t = 0; t < nin; ++t) (*off)[t] -= strides_[t][base + d] * red_[d];
        (*pos)[d] = 0;
      }
    }
    return acc;
  }

  Dims out_, red_;
  std::vector<Dims> strides_;
};

// dst[i] = src[i] over the index space `sizes`, each side with its own element strides.
void CopyStrided(const float* src, const Dims& sstr, float* dst, const Dims& dstr, const Dims& sizes) {
  size_t r = sizes.size();
  std::vector<int64_t> pos(r, 0);
  int64_t n = NumElements(sizes), so = 0, d = 0;
  for (int64_t i = 0; i < n; ++i) {
    dst[d] = src[so];
    for (int k = static_cast<int>(r) - 1; k >= 0; --k) {
      so += sstr[k];
      d += dstr[k];
      if (++pos[k] < sizes[k]) break;
      so -= sstr[k] * sizes[k];
      d -= dstr[k] * sizes[k];
      pos[k] = 0;
    }
  }
}

bool IsDense(const Dims& sizes, const Dims& strides) {
  Dims dense = Strides(sizes);
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] != 1 && strides[i] != dense[i]) return false;
  }
  return true;
}

// An operand of the GEMM path: its sizes and strides in GEMM order ([batch, M, K], [batch, K, N] or
// [batch, M, N]); `pack` when it must go through scratch first.
struct GemmOperand {
  Dims sizes, strides;
  bool pack = false;
};

class EinsumGemmKernel : public Kernel {
 public:
  EinsumGemmKernel(GemmOperand a, GemmOperand b, GemmOperand c, int64_t batch, int64_t m, int64_t n, int64_t k)
      : a_(std::move(a)), b_(std::move(b)), c_(std::move(c)), batch_(batch), m_(m), n_(n), k_(k) {}
  double Flops() const override { return 2.0 * batch_ * m_ * n_ * k_; }
  size_t ScratchBytes() const override { return Bytes(a_) + Bytes(b_) + Bytes(c_); }
  void Run(const RunContext& ctx) override {
    auto* scratch = static_cast<uint8_t*>(ctx.scratch);
    const float* a = Packed(a_, ctx.in[0].as<float>(), reinterpret_cast<float*>(scratch));
    const float* b = Packed(b_, ctx.in[1].as<float>(), reinterpret_cast<float*>(scratch + Bytes(a_)));
    float* c = c_.pack ? reinterpret_cast<float*>(scratch + Bytes(a_) + Bytes(b_)) : ctx.out[0].as<float>();
    for (int64_t bt = 0; bt < batch_; ++bt) {
      Sgemm(m_, n_, k_, a + bt * m_ * k_, k_, b + bt * k_ * n_, n_, c + bt * m_ * n_, n_, EpilogueParams(), ctx.pool);
    }
    if (c_.pack) CopyStrided(c, Strides(c_.sizes), ctx.out[0].as<float>(), c_.strides, c_.sizes);
  }

 private:
  static size_t Bytes(const GemmOperand& o) {
    return o.pack ? AlignUp(static_cast<size_t>(NumElements(o.sizes)) * sizeof(float)) : 0;
  }
  static const float* Packed(const GemmOperand& o, const float* src, float* scratch) {
    if (!o.pack) return src;
    CopyStrided(src, o.strides, scratch, Strides(o.sizes), o.sizes);
    return scratch;
  }

  GemmOperand a_, b_, c_;
  int64_t batch_, m_, n_, k_;
};

struct EinsumPlan {
  std::vector<std::vector<int>> terms;  // per input, one label per dim
  std::vector<int> out;                 // output labels
  int64_t ell_rank = 0;
};

EinsumPlan ParseEquation(const KernelBuilder& b) {
  std::string eq;
  for (char c : b.node().AttrString("equation", "")) {
    if (c != ' ') eq += c;
  }
  size_t arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  std::vector<std::vector<int>> raw;
  for (size_t start = 0;;) {
    size_t comma = lhs.find(',', start);
    raw.push_back(ParseTerm(b, lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  b.Require(
      static_cast<int>(raw.size()) == b.num_inputs(),
      "equation has " + std::to_string(raw.size()) + " input terms for " + std::to_string(b.num_inputs()) + " inputs");
  EinsumPlan p;
  for (size_t t = 0; t < raw.size(); ++t) {
    int64_t letters = 0;
    for (int l : raw[t]) letters += l != kEllipsis;
    p.ell_rank = std::max(p.ell_rank, static_cast<int64_t>(b.dims(static_cast<int>(t)).size()) - letters);
  }
  for (size_t t = 0; t < raw.size(); ++t) {
    p.terms.push_back(ExpandTerm(b, raw[t], static_cast<int64_t>(b.dims(static_cast<int>(t)).size()), p.ell_rank));
  }
  std::vector<int> count(kLetters, 0);
  for (const auto& term : raw) {
    for (int l : term) {
      if (l != kEllipsis) ++count[l];
    }
  }
  if (arrow == std::string::npos) {
    for (int64_t e = 0; e < p.ell_rank; ++e) p.out.push_back(kLetters + static_cast<int>(e));
    for (int l = 0; l < kLetters; ++l) {
      if (count[l] == 1) p.out.push_back(l);
    }
    return p;
  }
  std::vector<int> rhs = ParseTerm(b, eq.substr(arrow + 2));
  bool out_ell = false;
  for (int l : rhs) {
    if (l == kEllipsis) {
      out_ell = true;
      for (int64_t e = 0; e < p.ell_rank; ++e) p.out.push_back(kLetters + static_cast<int>(e));
      continue;
    }
    b.Require(count[l] > 0, "output label does not appear in any input");
    b.Require(std::find(p.out.begin(), p.out.end(), l) == p.out.end(), "output label repeated");
    p.out.push_back(l);
  }
  b.Require(out_ell || p.ell_rank == 0, "summing over ellipsis dims (no '...' in the output) is not supported");
  return p;
}

// The GEMM form of a two-input equation, or nullptr when the labels do not split into batch / M / N / K groups.
std::unique_ptr<Kernel> TryGemm(const KernelBuilder& b, const EinsumPlan& p, const Dims& size, const Dims& out_dims) {
  int nlabels = static_cast<int>(size.size());
  // Per label: element stride in A, B and the output, or -1 when absent.
  std::vector<Dims> where(3, Dims(nlabels, -1));
  const std::vector<int>* terms[3] = {&p.terms[0], &p.terms[1], &p.out};
  for (int t = 0; t < 3; ++t) {
    const Dims& d = t < 2 ? b.dims(t) : out_dims;
    Dims st = Strides(d);
    for (size_t k = 0; k < d.size(); ++k) {
      int l = (*terms[t])[k];
      if (where[t][l] >= 0 || d[k] != size[l] || d[k] == 0) return nullptr;  // diagonal, broadcast or empty
      where[t][l] = st[k];
    }
  }
  GemmOperand a, bb, c;
  int64_t batch = 1, m = 1, n = 1, k = 1;
  // Group order decides the GEMM layout: batch labels, then M (A and out), K (A and B), N (B and out).
  for (int group = 0; group < 4; ++group) {
    for (int l = 0; l < nlabels; ++l) {
      if (size[l] < 0) continue;
      bool in_a = where[0][l] >= 0, in_b = where[1][l] >= 0, in_o = where[2][l] >= 0;
      if (in_a + in_b + in_o < 2) return nullptr;  // summed within one input
      int g = in_a && in_b && in_o ? 0 : in_a && in_o ? 1 : in_a && in_b ? 2 : 3;
      if (g != group) continue;
      auto add = [&](GemmOperand* o, int t) {
        o->sizes.push_back(size[l]);
        o->strides.push_back(where[t][l]);
      };
      if (g != 3) add(&a, 0);
      if (g != 1) add(&bb, 1);
      if (g != 2) add(&c, 2);
      (g == 0 ? batch : g == 1 ? m : g == 2 ? k : n) *= size[l];
    }
  }
  // B's groups were collected as batch, K, N already; A's as batch, M, K; C's as batch, M, N.
  a.pack = !IsDense(a.sizes, a.strides);
  bb.pack = !IsDense(bb.sizes, bb.strides);
  c.pack = !IsDense(c.sizes, c.strides);
  return std::make_unique<EinsumGemmKernel>(std::move(a), std::move(bb), std::move(c), batch, m, n, k);
}

std::unique_ptr<Kernel> MakeEinsum(KernelBuilder& b) {
  b.Require(b.num_inputs() >= 1, "needs at least one input");
  DType t = b.in(0).dtype;
  for (int i = 0; i < b.num_inputs(); ++i) {
    b.Require(b.has_input(i) && b.in(i).dtype == t, "all inputs must be present and share one dtype");
  }
  b.Require(t != DType::kBool, "bool inputs are not supported");
  EinsumPlan p = ParseEquation(b);
  int nlabels = kLetters + static_cast<int>(p.ell_rank);
  Dims size(nlabels, -1);
  for (size_t i = 0; i < p.terms.size(); ++i) {
    const Dims& d = b.dims(static_cast<int>(i));
    for (size_t k = 0; k < d.size(); ++k) {
      int64_t& s = size[p.terms[i][k]];
      b.Require(s < 0 || s == d[k] || s == 1 || d[k] == 1,
                "label sizes " + std::to_string(s) + " and " + std::to_string(d[k]) + " do not broadcast");
      s = std::max(s, d[k]);
    }
  }
  std::vector<bool> in_out(nlabels, false);
  Dims out_dims, red_dims;
  std::vector<int> loop;  // labels in loop order: output first, then reduced
  for (int l : p.out) {
    in_out[l] = true;
    out_dims.push_back(size[l]);
    loop.push_back(l);
  }
  for (int l = 0; l < nlabels; ++l) {
    if (!in_out[l] && size[l] >= 0) {
      red_dims.push_back(size[l]);
      loop.push_back(l);
    }
  }
  std::vector<Dims> strides;
  for (size_t i = 0; i < p.terms.size(); ++i) {
    const Dims& d = b.dims(static_cast<int>(i));
    Dims own = Strides(d);
    Dims by_label(nlabels, 0);
    for (size_t k = 0; k < d.size(); ++k) {
      if (d[k] != 1) by_label[p.terms[i][k]] += own[k];  // repeated labels add up: a diagonal walk
    }
    Dims s;
    for (int l : loop) s.push_back(by_label[l]);
    strides.push_back(s);
  }
  b.SetOutput(0, t, out_dims);
  if (t == DType::kF32 && b.num_inputs() == 2) {
    std::unique_ptr<Kernel> g = TryGemm(b, p, size, out_dims);
    if (g) return g;
  }
  if (t == DType::kF32) return std::make_unique<EinsumKernel<float>>(out_dims, red_dims, strides);
  return std::make_unique<EinsumKernel<int64_t>>(out_dims, red_dims, strides);
}

PARITY_REGISTER_OP({"", "Einsum", 12, kMaxOpset, &MakeEinsum});

}  // namespace
}  // namespace parity::rt
