// Gemm: Y = alpha * op(A) * op(B) + beta * C, then the fused epilogue (residual input 3, activation).
// Constant B is transposed/scaled once in Prepare so the GEMM reads it as K x N row-major.
#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {
namespace {

class GemmKernel : public Kernel {
 public:
  int64_t m = 0, n = 0, k = 0;
  bool trans_a = false, trans_b = false;
  float alpha = 1.f, beta = 1.f;
  ConstPtr b_const, bias;  // bias: beta * C as per-row/per-column vector
  PackedMatrix b_packed;
  GemmBlocking blocking;
  bool bias_per_row = false;
  int c_full_index = -1;  // C with full [M, N] dims, added as residual (beta == 1)
  int residual_index = -1;
  Act act = Act::kNone;
  float act_alpha = 0, act_beta = 0;

  void Prepare() override {
    if (!b_const || !b_packed.empty()) return;
    GemmOptions o;
    o.blocking = blocking;
    b_packed = PackB(trans_b, k, n, b_const->as<float>(), trans_b ? k : n, o);
  }
  double Flops() const override { return 2.0 * m * n * k; }

  void Run(const RunContext& ctx) override {
    EpilogueParams e;
    e.bias = bias ? bias->as<float>() : nullptr;
    e.bias_per_row = bias_per_row;
    int ri = residual_index >= 0 ? residual_index : c_full_index;
    e.residual = ri >= 0 ? ctx.in[ri].as<float>() : nullptr;
    e.ld_residual = n;
    e.act = act;
    e.alpha = act_alpha;
    e.beta = act_beta;
    GemmOptions o;
    o.pool = ctx.pool;
    o.blocking = blocking;
    const float* a = ctx.in[0].as<float>();
    float* c = ctx.out[0].as<float>();
    if (!b_packed.empty()) {
      GemmPacked(trans_a, m, n, k, alpha, a, trans_a ? m : k, b_packed, 0.f, c, n, ToGemmEpilogue(e), o);
    } else {
      Gemm(trans_a, trans_b, m, n, k, alpha, a, trans_a ? m : k, ctx.in[1].as<float>(), trans_b ? k : n, 0.f, c, n,
           ToGemmEpilogue(e), o);
    }
  }
};

void SetupC(KernelBuilder& b, GemmKernel& g) {
  if (!b.has_input(2)) return;
  const Dims& cd = b.dims(2);
  int64_t cn = NumElements(cd);
  bool per_col = cn == 1 || (cn == g.n && (cd.size() == 1 || cd[0] == 1));
  bool per_row = !per_col && cn == g.m && cd.size() == 2 && cd[1] == 1;
  if (per_col || per_row) {
    const ConstTensor& c = b.ConstInput(2, "C");
    ConstPtr bias = MakeConst(DType::kF32, {per_row ? g.m : g.n});
    for (int64_t i = 0; i < bias->size(); ++i) bias->mut<float>()[i] = g.beta * c.as<float>()[cn == 1 ? 0 : i];
    g.bias = bias;
    g.bias_per_row = per_row;
    return;
  }
  b.Require(cd == Dims({g.m, g.n}), "C dims " + DimsToString(cd) + " are not broadcastable to [M, N]");
  b.Require(g.beta == 1.f, "beta != 1 with a full C is not supported");
  b.Require(g.residual_index < 0, "full C together with a fused residual is not supported");
  g.c_full_index = 2;
}

std::unique_ptr<Kernel> MakeGemm(KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  auto g = std::make_unique<GemmKernel>();
  const Node& n = b.node();
  g->trans_a = n.AttrInt("transA", 0) != 0;
  g->trans_b = n.AttrInt("transB", 0) != 0;
  g->alpha = n.AttrFloat("alpha", 1.f);
  g->beta = n.AttrFloat("beta", 1.f);
  const Dims& a = b.dims(0);
  const Dims& bd = b.dims(1);
  b.Require(a.size() == 2 && bd.size() == 2, "A and B must be 2-D");
  g->m = g->trans_a ? a[1] : a[0];
  g->k = g->trans_a ? a[0] : a[1];
  int64_t kb = g->trans_b ? bd[1] : bd[0];
  g->n = g->trans_b ? bd[0] : bd[1];
  b.Require(kb == g->k, "inner dims differ: A " + DimsToString(a) + ", B " + DimsToString(bd));
  g->b_const = b.in(1).data;
  g->blocking = b.options().gemm;
  g->residual_index = n.residual_input;
  if (g->residual_index >= 0) {
    b.Require(b.dims(g->residual_index) == Dims({g->m, g->n}), "fused residual must be [M, N]");
  }
  SetupC(b, *g);
  g->act = n.epilogue.act;
  g->act_alpha = n.epilogue.alpha;
  g->act_beta = n.epilogue.beta;
  b.SetOutput(0, DType::kF32, {g->m, g->n});
  return g;
}

PARITY_REGISTER_OP({"", "Gemm", 1, kMaxOpset, &MakeGemm});

}  // namespace
}  // namespace parity::rt
