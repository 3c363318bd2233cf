// parity.StridedMatMul: Y = alpha * A x B (MatMul batch broadcasting) where A and B are strided views of inputs 0
// and 1 and Y is written through a strided view of output 0. The fold_matmul_views pass creates it from MatMuls
// fed by Transpose / Slice / Reshape / scalar-scaling chains (the per-head Q, K^T, V of attention) and followed by
// Transpose / Reshape (the head merge), so none of those copies run. Attributes (element units):
//   a_dims, a_strides, a_offset: the logical A [..., M, K] inside input 0;
//   b_dims, b_strides, b_offset: the logical B [..., K, N] inside input 1;
//   y_strides: the logical Y [batch..., M, N] inside output 0, whose dims are out_dims;
//   alpha: scale of the product (folded scalar Mul / Div).
// Each operand's inner two dims need a unit stride on one of them (the GEMM reads it plain or transposed); the
// result needs unit column stride and must cover output 0 exactly once. Small products with A read along its rows
// run on the ISA's small GEMM (no packing; attention heads), the rest on the packed GEMM.
#include "kernels/common/op_util.h"
#include "kernels/common/strided_view.h"
#include "kernels/gemm/gemm.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

struct Operand {
  int64_t offset = 0;
  Dims batch_strides;  // per output batch axis (0 = broadcast)
  int64_t ld = 0;
  bool trans = false;
};

class StridedMatMulKernel : public Kernel {
 public:
  int64_t m = 0, n = 0, k = 0, batch = 1;
  Dims out_batch;
  Operand a, b, y;
  float alpha = 1.f;
  GemmBlocking blocking;
  SmallGemmFn small_gemm = nullptr;  // null: the packed GEMM
  int tasks = 1;                     // batch shares run in parallel, each with its own scratch slot
  int64_t slot_floats = 0;           // small-GEMM scratch per task (transposed B)

  double Flops() const override { return 2.0 * batch * m * n * k; }
  size_t ScratchBytes() const override { return static_cast<size_t>(tasks * slot_floats) * sizeof(float); }

  void Run(const RunContext& ctx) override {
    const float* pa = ctx.in[0].as<float>();
    const float* pb = ctx.in[1].as<float>();
    float* py = ctx.out[0].as<float>();
    float* scratch = static_cast<float*>(ctx.scratch);
    auto one = [&](int64_t i, ThreadPool* pool, float* slot) {
      int64_t oa = a.offset, ob = b.offset, oy = y.offset, rem = i;
      for (int d = static_cast<int>(out_batch.size()) - 1; d >= 0; --d) {
        const int64_t idx = rem % out_batch[d];
        rem /= out_batch[d];
        oa += idx * a.batch_strides[d];
        ob += idx * b.batch_strides[d];
        oy += idx * y.batch_strides[d];
      }
      if (small_gemm != nullptr) {
        return small_gemm(m, n, k, alpha, pa + oa, a.ld, pb + ob, b.ld, b.trans, slot, py + oy, y.ld);
      }
      GemmOptions o;
      o.pool = pool;
      o.blocking = blocking;
      Gemm(a.trans, b.trans, m, n, k, alpha, pa + oa, a.ld, pb + ob, b.ld, 0.f, py + oy, y.ld, {}, o);
    };
    if (batch == 1) return one(0, ctx.pool, scratch);
    ParallelForOrInline(ctx.pool, tasks, [&](int64_t s, int64_t e) {
      for (int64_t t = s; t < e; ++t) {
        for (int64_t i = batch * t / tasks; i < batch * (t + 1) / tasks; ++i)
          one(i, nullptr, scratch + t * slot_floats);
      }
    });
  }
};

StridedView ViewAttr(const KernelBuilder& b, const char* prefix) {
  const std::string p = prefix;
  return StridedView{b.node().AttrInt(p + "_offset", 0), b.node().AttrInts(p + "_dims"),
                     b.node().AttrInts(p + "_strides")};
}

// Reads the inner matrix layout and the batch strides (aligned to the output batch axes) of a view.
Operand MakeOperand(const KernelBuilder& kb, const StridedView& v, const Dims& out_batch, const char* what) {
  const size_t r = v.dims.size();
  Operand op;
  op.offset = v.offset;
  kb.Require(GemmLayout(v.dims[r - 2], v.dims[r - 1], v.strides[r - 2], v.strides[r - 1], &op.trans, &op.ld),
             std::string(what) + " view has no unit inner stride");
  op.batch_strides.assign(out_batch.size(), 0);
  const size_t off = out_batch.size() - (r - 2);
  for (size_t i = 0; i + 2 < r; ++i) op.batch_strides[off + i] = v.dims[i] == 1 ? 0 : v.strides[i];
  return op;
}

std::unique_ptr<Kernel> MakeStridedMatMul(KernelBuilder& b) {
  b.ExpectInputs(2, 2);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  const StridedView av = ViewAttr(b, "a"), bv = ViewAttr(b, "b");
  for (const StridedView* v : {&av, &bv}) {
    b.Require(v->dims.size() >= 2 && v->dims.size() == v->strides.size(), "operand views need rank >= 2");
  }
  b.Require(ViewInBounds(av, NumElements(b.dims(0))), "A view exceeds input 0 " + DimsToString(b.dims(0)));
  b.Require(ViewInBounds(bv, NumElements(b.dims(1))), "B view exceeds input 1 " + DimsToString(b.dims(1)));
  auto k = std::make_unique<StridedMatMulKernel>();
  k->m = av.dims[av.dims.size() - 2];
  k->k = av.dims.back();
  k->n = bv.dims.back();
  b.Require(bv.dims[bv.dims.size() - 2] == k->k,
            "inner dims differ: " + DimsToString(av.dims) + " x " + DimsToString(bv.dims));
  const Dims ab(av.dims.begin(), av.dims.end() - 2), bb(bv.dims.begin(), bv.dims.end() - 2);
  k->out_batch = BroadcastDims(b, ab, bb);
  k->batch = NumElements(k->out_batch);
  k->a = MakeOperand(b, av, k->out_batch, "A");
  k->b = MakeOperand(b, bv, k->out_batch, "B");
  StridedView yv{0, k->out_batch, b.node().AttrInts("y_strides")};
  yv.dims.push_back(k->m);
  yv.dims.push_back(k->n);
  const Dims out = b.node().AttrInts("out_dims");
  b.Require(yv.strides.size() == yv.dims.size() && ViewCoversExactly(yv, NumElements(out)),
            "result view does not cover the output " + DimsToString(out) + " exactly once");
  k->y = MakeOperand(b, yv, k->out_batch, "Y");
  b.Require(!k->y.trans, "result view needs unit column stride");
  k->alpha = b.node().AttrFloat("alpha", 1.f);
  k->blocking = b.options().gemm;
  k->tasks = static_cast<int>(std::min<int64_t>(k->batch, std::max(1, b.options().threads)));
  // The small GEMM is serial: a single product with several threads keeps the parallel packed GEMM.
  const bool small = !k->a.trans && k->k <= kSmallGemmMaxK && k->m * k->k <= kSmallGemmMaxAFloats &&
                     (k->batch > 1 || b.options().threads <= 1);
  if (small) k->small_gemm = ActiveKernelTable().matmul.small_gemm;
  if (k->small_gemm != nullptr && k->b.trans) k->slot_floats = k->k * SmallGemmScratchFloats(k->n);
  b.SetOutput(0, DType::kF32, out);
  return k;
}

PARITY_REGISTER_OP({"parity", "StridedMatMul", 1, kMaxOpset, &MakeStridedMatMul});

}  // namespace
}  // namespace parity::rt
