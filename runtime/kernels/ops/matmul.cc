// MatMul with numpy batch broadcasting, through the SGEMM. Fusion passes may add a constant per-column bias
// (input 2), a residual (Node::residual_input) and an activation.
#include "kernels/common/op_util.h"
#include "kernels/common/sgemm.h"

namespace parity::rt {
namespace {

class MatMulKernel : public Kernel {
 public:
  int64_t m = 0, n = 0, k = 0, batch = 1;
  Dims out_batch, a_strides, b_strides;  // per batch axis, in matrices (0 = broadcast)
  bool collapse = false;                 // B is one matrix and A's batch is contiguous: one big GEMM
  ConstPtr bias, b_const;                // b_const: a single constant B matrix, packed once
  PackedMatrix b_packed;
  GemmBlocking blocking;
  int residual_index = -1;
  Act act = Act::kNone;
  float alpha = 0, beta = 0;

  double Flops() const override { return 2.0 * batch * m * n * k; }
  void Prepare() override {
    if (!b_const || !collapse || !b_packed.empty()) return;
    GemmOptions o;
    o.blocking = blocking;
    b_packed = PackB(false, k, n, b_const->as<float>(), n, o);
  }

  void Run(const RunContext& ctx) override {
    const float* a = ctx.in[0].as<float>();
    const float* bm = ctx.in[1].as<float>();
    float* y = ctx.out[0].as<float>();
    const float* res = residual_index >= 0 ? ctx.in[residual_index].as<float>() : nullptr;
    EpilogueParams e;
    e.bias = bias ? bias->as<float>() : nullptr;
    e.act = act;
    e.alpha = alpha;
    e.beta = beta;
    e.ld_residual = n;
    if (collapse) {
      e.residual = res;
      if (!b_packed.empty()) {
        GemmOptions o;
        o.pool = ctx.pool;
        o.blocking = blocking;
        GemmPacked(false, batch * m, n, k, 1.f, a, k, b_packed, 0.f, y, n, ToGemmEpilogue(e), o);
      } else {
        Sgemm(batch * m, n, k, a, k, bm, n, y, n, e, ctx.pool);
      }
      return;
    }
    auto one = [&](int64_t i) {
      int64_t oa = 0, ob = 0, rem = i;
      for (int d = static_cast<int>(out_batch.size()) - 1; d >= 0; --d) {
        int64_t idx = rem % out_batch[d];
        rem /= out_batch[d];
        oa += idx * a_strides[d];
        ob += idx * b_strides[d];
      }
      EpilogueParams ei = e;
      ei.residual = res ? res + i * m * n : nullptr;
      SgemmCols(m, 0, n, k, a + oa * m * k, k, bm + ob * k * n, n, y + i * m * n, n, ei);
    };
    if (batch == 1) {
      EpilogueParams ei = e;
      ei.residual = res;
      Sgemm(m, n, k, a, k, bm, n, y, n, ei, ctx.pool);
      return;
    }
    ParallelForOrInline(ctx.pool, batch, [&](int64_t s, int64_t t) {
      for (int64_t i = s; i < t; ++i) one(i);
    });
  }
};

std::unique_ptr<Kernel> MakeMatMul(KernelBuilder& b) {
  b.ExpectInputs(2, 4);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  Dims a = b.dims(0), bd = b.dims(1);
  b.Require(!a.empty() && !bd.empty(), "scalars are not valid MatMul inputs");
  bool a_vec = a.size() == 1, b_vec = bd.size() == 1;
  if (a_vec) a.insert(a.begin(), 1);
  if (b_vec) bd.push_back(1);
  auto k = std::make_unique<MatMulKernel>();
  k->m = a[a.size() - 2];
  k->k = a.back();
  k->n = bd.back();
  b.Require(bd[bd.size() - 2] == k->k,
            "inner dims differ: " + DimsToString(b.dims(0)) + " x " + DimsToString(b.dims(1)));
  Dims ab(a.begin(), a.end() - 2), bb(bd.begin(), bd.end() - 2);
  Dims ob = BroadcastDims(b, ab, bb);
  k->out_batch = ob;
  k->a_strides = BroadcastStrides(ab.empty() ? Dims{1} : ab, ob.empty() ? Dims{1} : ob);
  k->b_strides = BroadcastStrides(bb.empty() ? Dims{1} : bb, ob.empty() ? Dims{1} : ob);
  if (ob.empty()) k->out_batch = {1};
  k->batch = NumElements(ob);
  k->collapse = NumElements(bb) == 1 && NumElements(ab) == k->batch;
  k->b_const = b.in(1).data;
  k->blocking = b.options().gemm;
  Dims out = ob;
  if (!a_vec) out.push_back(k->m);
  if (!b_vec) out.push_back(k->n);
  if (b.has_input(2)) {
    k->bias = b.in(2).data;
    if (!k->bias) b.ConstInput(2, "bias");
    b.Require(k->bias->size() == k->n, "fused bias must have N elements");
  }
  k->residual_index = b.node().residual_input;
  if (k->residual_index >= 0) b.Require(b.dims(k->residual_index) == out, "fused residual must match the output");
  k->act = b.node().epilogue.act;
  k->alpha = b.node().epilogue.alpha;
  k->beta = b.node().epilogue.beta;
  b.SetOutput(0, DType::kF32, out);
  return k;
}

PARITY_REGISTER_OP({"", "MatMul", 1, kMaxOpset, &MakeMatMul});

}  // namespace
}  // namespace parity::rt
