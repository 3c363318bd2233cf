// Goto-style blocked GEMM: loops jc (NC) > pc (KC) > ic (MC) > jr (NR) > ir (MR) around the micro-kernel, so a
// KC x NR panel of B stays in L1 while MC x KC of A streams from L2. Threads each own a rectangle of C.
// Products of at most kSgemvMaxM rows on a packed B take the GEMV path instead (RunGemvPacked).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kernels/gemm/gemm_driver.h"
#include "kernels/gemm/pack.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

// Below this many flops per thread, waking another thread costs more than it saves.
constexpr int64_t kMinFlopsPerThread = int64_t{1} << 20;
// Cost of packing one element, in multiply-adds (packing is memory-bound, the micro-kernel is not).
constexpr int64_t kPackCostInMacs = 16;
// Column blocks of at most this many B panels loop over B panels inside A panels (see RunRect).
constexpr int64_t kSmallNPanels = 4;
// Least packed B per thread on the GEMV path. Measured (1 x 1000 outputs, AVX-512): from L2, 256 KB take 2.2 us
// on one thread and 3.6 us on two (the hand-off costs ~2 us), 512 KB 4.0 us and 3.4 us; from L3 / memory (a
// model's weights between two runs) streaming is 3-5x slower, which moves the break-even lower.
constexpr int64_t kMinGemvBytesPerThread = int64_t{128} << 10;
// Shallow products (1x1 convolutions with few input channels) are limited by writing C, not by the FMAs: walking
// each A panel across all columns writes C in long row runs instead of 32-column strips over every row.
constexpr int64_t kShallowK = 128;

int64_t CeilDiv(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}
int64_t RoundUp(int64_t a, int64_t b) {
  return CeilDiv(a, b) * b;
}
int64_t Min(int64_t a, int64_t b) {
  return a < b ? a : b;
}

// Splits `total` into ceil(total / block) near-equal blocks rounded up to `multiple`.
int64_t EvenBlock(int64_t total, int64_t block, int64_t multiple) {
  if (total <= 0) return multiple;
  const int64_t pieces = CeilDiv(total, block);
  return RoundUp(CeilDiv(total, pieces), multiple);
}

// Per-thread packing scratch that grows and is reused across calls.
class Scratch {
 public:
  ~Scratch() { std::free(data_); }
  float* Get(int64_t floats) {
    if (floats > capacity_) {
      std::free(data_);
      const size_t bytes = static_cast<size_t>(RoundUp(floats * static_cast<int64_t>(sizeof(float)), 64));
      data_ = static_cast<float*>(std::aligned_alloc(64, bytes));
      if (data_ == nullptr) {
        std::fprintf(stderr, "parity gemm: out of memory for %zu bytes of packing scratch\n", bytes);
        std::abort();
      }
      capacity_ = floats;
    }
    return data_;
  }

 private:
  float* data_ = nullptr;
  int64_t capacity_ = 0;
};

thread_local Scratch tls_scratch_a;
thread_local Scratch tls_scratch_b;

struct Plan {
  const GemmKernelConfig* cfg;
  GemmShape shape;
  GemmOperandA a;
  GemmOperandB b;
  const Epilogue* epilogue;
  bool has_epilogue;
  int64_t kc;
  int64_t explicit_mc;  // 0: automatic
  int64_t explicit_nc;
  int64_t grid_m;  // tasks along M
  int64_t grid_n;  // tasks along N
};

EpilogueArgs TileEpilogue(const Epilogue& e, int64_t row, int64_t col) {
  EpilogueArgs args;
  args.row_bias = e.bias_kind == BiasKind::kPerRow ? e.bias + row : nullptr;
  args.col_bias = e.bias_kind == BiasKind::kPerColumn ? e.bias + col : nullptr;
  args.residual = e.residual != nullptr ? e.residual + row * e.residual_ld + col : nullptr;
  args.residual_ld = e.residual_ld;
  args.residual_after_activation = e.residual_order == ResidualOrder::kAfterActivation ? 1 : 0;
  args.activation = static_cast<int>(e.activation.kind);
  args.act_alpha = e.activation.alpha;
  args.act_beta = e.activation.beta;
  return args;
}

const float* PrepareB(const Plan& p, int64_t pc, int64_t kcur, int64_t jc, int64_t ncur, float* buf) {
  const int nr = p.cfg->nr;
  if (p.b.packed != nullptr) return p.b.packed->Block(pc, jc);
  if (p.b.pack != nullptr) {
    p.b.pack(p.b.pack_context, pc, kcur, jc, ncur, nr, buf);
  } else {
    PackBPanels(p.b.data, p.b.ld, p.b.trans, pc, kcur, jc, ncur, nr, buf);
  }
  return buf;
}

// One micro-tile of C at (row, col); the epilogue goes with the last K block.
void RunTile(const Plan& p, const float* a_panel, const float* b_panel, int64_t kcur, int64_t row, int64_t mr,
             int64_t col, int64_t nr, float beta, bool last) {
  const GemmKernelConfig& g = *p.cfg;
  const GemmShape& s = p.shape;
  float* ct = s.c + row * s.ldc + col;
  if (!last || !p.has_epilogue) return g.ukernel(kcur, a_panel, b_panel, ct, s.ldc, mr, nr, s.alpha, beta);
  const EpilogueArgs args = TileEpilogue(*p.epilogue, row, col);
  if (g.ukernel_epilogue != nullptr) {
    g.ukernel_epilogue(kcur, a_panel, b_panel, ct, s.ldc, mr, nr, s.alpha, beta, &args);
  } else {
    g.ukernel(kcur, a_panel, b_panel, ct, s.ldc, mr, nr, s.alpha, beta);
    g.epilogue(ct, s.ldc, mr, nr, &args);
  }
}

// Sequential blocked GEMM on C[m0:m1, n0:n1]; m0 and n0 are multiples of MR and NR.
void RunRect(const Plan& p, int64_t m0, int64_t m1, int64_t n0, int64_t n1) {
  const GemmKernelConfig& g = *p.cfg;
  const GemmShape& s = p.shape;
  const int64_t mc = p.explicit_mc > 0 ? RoundUp(p.explicit_mc, g.mr) : EvenBlock(m1 - m0, g.mc, g.mr);
  const int64_t nc = p.explicit_nc > 0 ? RoundUp(p.explicit_nc, g.nr) : EvenBlock(n1 - n0, g.nc, g.nr);
  float* a_buf = p.a.packed == nullptr ? tls_scratch_a.Get(mc * p.kc) : nullptr;
  float* b_buf = p.b.packed == nullptr ? tls_scratch_b.Get(nc * p.kc) : nullptr;
  for (int64_t jc = n0; jc < n1; jc += nc) {
    const int64_t ncur = Min(nc, n1 - jc);
    for (int64_t pc = 0; pc < s.k; pc += p.kc) {
      const int64_t kcur = Min(p.kc, s.k - pc);
      const float* bp = PrepareB(p, pc, kcur, jc, ncur, b_buf);
      const float beta = pc == 0 ? s.beta : 1.0f;
      const bool last = pc + kcur == s.k;
      for (int64_t ic = m0; ic < m1; ic += mc) {
        const int64_t mcur = Min(mc, m1 - ic);
        const float* ap = a_buf;
        if (p.a.packed != nullptr) {
          ap = p.a.packed->Block(pc, ic);
        } else {
          PackAPanels(p.a.data, p.a.ld, p.a.trans, ic, mcur, pc, kcur, g.mr, a_buf, g.pack_a_rows);
        }
        auto tile = [&](int64_t ir, int64_t jr) {
          const float* b_panel = bp + (jr / g.nr) * kcur * g.nr;
          RunTile(p, ap + (ir / g.mr) * kcur * g.mr, b_panel, kcur, ic + ir, Min(g.mr, mcur - ir), jc + jr,
                  Min(g.nr, ncur - jr), beta, last);
        };
        if (ncur <= kSmallNPanels * g.nr || kcur <= kShallowK) {
          // Few columns (7x7 / 14x14 convolutions): each A panel is read once, for all B panels, instead of once
          // per B panel; the B panels are few enough to stay in L1/L2.
          for (int64_t ir = 0; ir < mcur; ir += g.mr) {
            for (int64_t jr = 0; jr < ncur; jr += g.nr) tile(ir, jr);
          }
        } else {
          for (int64_t jr = 0; jr < ncur; jr += g.nr) {
            for (int64_t ir = 0; ir < mcur; ir += g.mr) tile(ir, jr);
          }
        }
      }
    }
  }
}

// Small M on a packed B (classifier layers at batch 1): the product is bound by streaming the weights once. Each
// thread streams a contiguous share of whole panels over all of K (gemv_packed: several panels at once, C written
// once) instead of the blocked loops' 1-row tiles per depth block; no A packing either. Measured (1 x 1280 x 1000
// and 1 x 2048 x 1000, AVX-512): the same speed with the weights in L3 (both at the ~30 GB/s one core gets from
// it), 5-15% faster with them in memory, as between two runs of a whole model.
void RunGemvPacked(const Plan& p, ThreadPool* pool) {
  const GemmShape& s = p.shape;
  const PackedMatrix& b = *p.b.packed;
  SgemvArgs args;
  args.m = s.m;
  args.n = s.n;
  args.k = s.k;
  if (p.a.trans) {
    // Rows of op(A) are strided: gather them once (m x k floats, little next to the k x n weights).
    float* a = tls_scratch_a.Get(s.m * s.k);
    for (int64_t kk = 0; kk < s.k; ++kk) {
      for (int64_t i = 0; i < s.m; ++i) a[i * s.k + kk] = p.a.data[kk * p.a.ld + i];
    }
    args.a = a;
    args.lda = s.k;
  } else {
    args.a = p.a.data;
    args.lda = p.a.ld;
  }
  args.b = b.data();
  args.kc = b.kc();
  args.n_padded = RoundUp(b.outer(), b.panel());
  args.c = s.c;
  args.ldc = s.ldc;
  args.alpha = s.alpha;
  args.beta = s.beta;
  EpilogueArgs epilogue;
  args.epilogue = nullptr;
  if (p.has_epilogue) {
    epilogue = TileEpilogue(*p.epilogue, 0, 0);
    args.epilogue = &epilogue;
  }
  const int64_t panels = args.n_padded / b.panel();
  const int64_t bytes = args.n_padded * s.k * static_cast<int64_t>(sizeof(float));
  int64_t threads = pool != nullptr ? pool->NumThreads() : 1;
  threads = Min(Min(threads, panels), bytes / kMinGemvBytesPerThread);
  if (threads <= 1) return p.cfg->gemv_packed(&args, 0, panels);
  pool->ParallelFor(threads, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) p.cfg->gemv_packed(&args, panels * t / threads, panels * (t + 1) / threads);
  });
}

// K == 0: the product is zero, leaving C = beta * C and the epilogue.
void RunEmptyK(const Plan& p) {
  const GemmShape& s = p.shape;
  for (int64_t i = 0; i < s.m; ++i) {
    float* row = s.c + i * s.ldc;
    for (int64_t j = 0; j < s.n; ++j) row[j] = s.beta == 0.0f ? 0.0f : s.beta * row[j];
  }
  if (p.has_epilogue) {
    const EpilogueArgs args = TileEpilogue(*p.epilogue, 0, 0);
    p.cfg->epilogue(s.c, s.ldc, s.m, s.n, &args);
  }
}

// Picks the grid of per-thread rectangles (grid_m x grid_n == threads used) with the least per-thread cost.
void ChooseGrid(Plan* p, int threads) {
  const GemmShape& s = p->shape;
  const int64_t mt = CeilDiv(s.m, p->cfg->mr);
  const int64_t nt = CeilDiv(s.n, p->cfg->nr);
  const int64_t flops = 2 * s.m * s.n * s.k;
  int64_t useful = flops / kMinFlopsPerThread;
  if (useful < threads) threads = static_cast<int>(useful < 1 ? 1 : useful);
  p->grid_m = 1;
  p->grid_n = 1;
  int64_t best = -1;
  for (int tm = 1; tm <= threads; ++tm) {
    if (threads % tm != 0) continue;
    const int tn = threads / tm;
    if (tm > mt || tn > nt) continue;
    const int64_t rows = CeilDiv(mt, tm) * p->cfg->mr;
    const int64_t cols = CeilDiv(nt, tn) * p->cfg->nr;
    int64_t cost = rows * cols * s.k;
    // A is read once per column block, packed or not: pre-packed weights still stream from memory, and
    // splitting only N makes every thread stream all of them (7x7 convolutions with megabytes of weights).
    cost += kPackCostInMacs * rows * s.k * CeilDiv(cols, p->cfg->nc);
    if (p->b.packed == nullptr) cost += kPackCostInMacs * cols * s.k;
    if (best < 0 || cost < best) {
      best = cost;
      p->grid_m = tm;
      p->grid_n = tn;
    }
  }
}

void CheckPacked(const PackedMatrix* packed, const KernelTable& kernels, PackedMatrix::Side side, int64_t outer,
                 int64_t depth) {
  if (packed == nullptr) return;
  if (packed->empty() || packed->side() != side || packed->kernels() != &kernels || packed->outer() != outer ||
      packed->depth() != depth) {
    std::fprintf(stderr, "parity gemm: packed operand does not match the call (side, ISA or shape)\n");
    std::abort();
  }
}

}  // namespace

void RunGemm(const KernelTable& kernels, const GemmShape& shape, const GemmOperandA& a, const GemmOperandB& b,
             const Epilogue& epilogue, const GemmOptions& options) {
  if (shape.m <= 0 || shape.n <= 0) return;
  CheckPacked(a.packed, kernels, PackedMatrix::Side::kA, shape.m, shape.k);
  CheckPacked(b.packed, kernels, PackedMatrix::Side::kB, shape.n, shape.k);
  if (a.packed != nullptr && b.packed != nullptr && a.packed->kc() != b.packed->kc()) {
    std::fprintf(stderr, "parity gemm: both operands packed with different kc\n");
    std::abort();
  }
  Plan p;
  p.cfg = &kernels.gemm;
  p.shape = shape;
  p.a = a;
  p.b = b;
  p.epilogue = &epilogue;
  p.has_epilogue = !epilogue.IsIdentity();
  const bool manual = !options.blocking.automatic;
  p.explicit_mc = manual ? options.blocking.mc : 0;
  p.explicit_nc = manual ? options.blocking.nc : 0;
  const int64_t explicit_kc = manual ? options.blocking.kc : 0;
  if (shape.k <= 0) return RunEmptyK(p);
  if (a.packed != nullptr) {
    p.kc = a.packed->kc();
  } else if (b.packed != nullptr) {
    p.kc = b.packed->kc();
  } else {
    p.kc = explicit_kc > 0 ? Min(explicit_kc, shape.k) : EvenBlock(shape.k, p.cfg->kc, 1);
  }
  if (shape.m <= kSgemvMaxM && p.cfg->gemv_packed != nullptr && b.packed != nullptr && a.packed == nullptr) {
    return RunGemvPacked(p, options.pool);
  }
  ChooseGrid(&p, options.pool != nullptr ? options.pool->NumThreads() : 1);
  const int64_t tasks = p.grid_m * p.grid_n;
  const int64_t mt = CeilDiv(shape.m, p.cfg->mr);
  const int64_t nt = CeilDiv(shape.n, p.cfg->nr);
  auto run_tasks = [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t tm = t / p.grid_n;
      const int64_t tn = t % p.grid_n;
      const int64_t m0 = mt * tm / p.grid_m * p.cfg->mr;
      const int64_t m1 = Min(shape.m, mt * (tm + 1) / p.grid_m * p.cfg->mr);
      const int64_t n0 = nt * tn / p.grid_n * p.cfg->nr;
      const int64_t n1 = Min(shape.n, nt * (tn + 1) / p.grid_n * p.cfg->nr);
      if (m0 < m1 && n0 < n1) RunRect(p, m0, m1, n0, n1);
    }
  };
  if (tasks == 1) {
    run_tasks(0, 1);
  } else {
    options.pool->ParallelFor(tasks, run_tasks);
  }
}

}  // namespace parity::rt
