// RotaryEmbedding (opset 23): rotates pairs of features of each head by position-dependent angles (RoPE).
//   X: 4-D [B, num_heads, S, head_size], or 3-D [B, S, num_heads * head_size] with the num_heads attribute.
//   cos_cache / sin_cache: [max_pos, R/2] indexed by position_ids [B, S] when given, else [B, S, R/2].
//   R = rotary_embedding_dim (0 = head_size); features from R on pass through unchanged.
//   Pairs (x1, x2) = interleaved ? (x[2k], x[2k+1]) : (x[k], x[k + R/2]), k < R/2:
//     x1' = cos * x1 - sin * x2,   x2' = sin * x1 + cos * x2
#include "kernels/common/op_util.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

struct RopeShape {
  int64_t batch = 0, heads = 0, seq = 0, head_size = 0;
  bool three_d = false;
  int64_t half = 0;  // R / 2
  bool interleaved = false;
  bool positions = false;  // caches indexed by position_ids
  int64_t max_pos = 0;     // cache rows when positions
};

class RotaryKernel : public Kernel {
 public:
  RotaryKernel(RopeShape s, ConstPtr cos, ConstPtr sin, ConstPtr pos)
      : s_(s), cos_(std::move(cos)), sin_(std::move(sin)), pos_(std::move(pos)) {}
  double Flops() const override { return 6.0 * s_.batch * s_.heads * s_.seq * s_.half; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* cs = ctx.in[1].as<float>();
    const float* sn = ctx.in[2].as<float>();
    const int64_t* pos = s_.positions ? ctx.in[3].as<int64_t>() : nullptr;
    float* y = ctx.out[0].as<float>();
    // ONNX leaves out-of-range positions undefined: an error (the compiler checks constant ones), raised before
    // the parallel loop (loop bodies must not throw).
    for (int64_t bs = 0; pos != nullptr && bs < s_.batch * s_.seq; ++bs) {
      if (pos[bs] < 0 || pos[bs] >= s_.max_pos) {
        throw RunError("RotaryEmbedding: position id " + std::to_string(pos[bs]) + " is outside the cache [0, " +
                       std::to_string(s_.max_pos) + ")");
      }
    }
    CopyIfDistinct(y, x, sizeof(float) * s_.batch * s_.heads * s_.seq * s_.head_size);
    ParallelForOrInline(ctx.pool, s_.batch * s_.seq, [&](int64_t begin, int64_t end) {
      for (int64_t bs = begin; bs < end; ++bs) {
        const int64_t row = pos != nullptr ? pos[bs] : bs;
        RotateTokens(x, y, bs / s_.seq, bs % s_.seq, cs + row * s_.half, sn + row * s_.half);
      }
    });
  }

 private:
  void RotateTokens(const float* x, float* y, int64_t b, int64_t s, const float* c, const float* sn) const {
    const int64_t half = s_.half;
    for (int64_t h = 0; h < s_.heads; ++h) {
      const int64_t base = s_.three_d ? ((b * s_.seq + s) * s_.heads + h) * s_.head_size
                                      : ((b * s_.heads + h) * s_.seq + s) * s_.head_size;
      const float* xi = x + base;
      float* yi = y + base;
      for (int64_t k = 0; k < half; ++k) {
        const int64_t i1 = s_.interleaved ? 2 * k : k;
        const int64_t i2 = s_.interleaved ? 2 * k + 1 : k + half;
        const float x1 = xi[i1], x2 = xi[i2];
        yi[i1] = c[k] * x1 - sn[k] * x2;
        yi[i2] = sn[k] * x1 + c[k] * x2;
      }
    }
  }

  RopeShape s_;
  ConstPtr cos_, sin_, pos_;
};

std::unique_ptr<Kernel> MakeRotary(KernelBuilder& b) {
  b.ExpectInputs(3, 4);
  for (int i = 0; i < 3; ++i) b.ExpectFloat(i);
  b.Require(b.num_outputs() == 1, "expects one output");
  const Dims& x = b.dims(0);
  b.Require(x.size() == 3 || x.size() == 4, "X must be 3-D or 4-D, got " + DimsToString(x));
  RopeShape s;
  s.three_d = x.size() == 3;
  s.batch = x[0];
  const bool has_heads_attr = b.node().HasAttr("num_heads");
  const int64_t heads_attr = b.node().AttrInt("num_heads", 0);
  if (s.three_d) {
    b.Require(has_heads_attr && heads_attr > 0 && x[2] % heads_attr == 0,
              "3-D X needs a num_heads attribute dividing the hidden size " + std::to_string(x[2]));
    s.heads = heads_attr, s.seq = x[1], s.head_size = x[2] / heads_attr;
  } else {
    s.heads = x[1], s.seq = x[2], s.head_size = x[3];
    b.Require(!has_heads_attr || heads_attr == s.heads,
              "num_heads " + std::to_string(heads_attr) + " disagrees with X " + DimsToString(x));
  }
  int64_t rot = b.node().AttrInt("rotary_embedding_dim", 0);
  if (rot == 0) rot = s.head_size;
  b.Require(rot > 0 && rot <= s.head_size && rot % 2 == 0, "rotary_embedding_dim " + std::to_string(rot) +
                                                               " must be even and at most head_size " +
                                                               std::to_string(s.head_size));
  s.half = rot / 2;
  s.interleaved = b.node().AttrInt("interleaved", 0) != 0;
  const Dims& cache = b.dims(1);
  b.Require(b.dims(2) == cache,
            "cos_cache " + DimsToString(cache) + " and sin_cache " + DimsToString(b.dims(2)) + " must have one shape");
  s.positions = b.has_input(3);
  if (s.positions) {
    b.Require(b.in(3).dtype == DType::kI64, "position_ids must be an integer tensor");
    b.Require(b.dims(3) == Dims{s.batch, s.seq}, "position_ids must be [batch, seq], got " + DimsToString(b.dims(3)));
    b.Require(cache.size() == 2 && cache[1] == s.half, "with position_ids the caches must be [max_pos, " +
                                                           std::to_string(s.half) + "], got " + DimsToString(cache));
    s.max_pos = cache[0];
    if (b.in(3).data) {
      for (int64_t p : b.ConstInts(3, "position_ids")) {
        b.Require(p >= 0 && p < s.max_pos, "position id " + std::to_string(p) + " is outside the cache");
      }
    }
  } else {
    b.Require(cache == Dims{s.batch, s.seq, s.half}, "without position_ids the caches must be [batch, seq, " +
                                                         std::to_string(s.half) + "], got " + DimsToString(cache));
  }
  b.SetOutput(0, DType::kF32, x);
  return std::make_unique<RotaryKernel>(s, KeepConst(b, 1), KeepConst(b, 2), KeepConst(b, 3));
}

PARITY_REGISTER_OP({"", "RotaryEmbedding", 23, kMaxOpset, &MakeRotary});

}  // namespace
}  // namespace parity::rt
