// LayerNormalization (opset 17): normalize over dims [axis, rank), scale and optional bias. The optional outputs
// Mean and InvStdDev have X's dims with the normalized dims set to 1; stash_type only names their (float) type,
// and every float type is stored as f32 here.
#include "kernels/common/normalization.h"
#include "kernels/common/op_util.h"
#include "kernels/isa_dispatch.h"

namespace parity::rt {
namespace {

class LayerNormKernel : public Kernel {
 public:
  LayerNormKernel(int64_t rows, int64_t len, float eps, bool stats, ConstPtr scale, ConstPtr bias)
      : rows_(rows), len_(len), eps_(eps), stats_(stats), scale_(std::move(scale)), bias_(std::move(bias)) {}
  double Flops() const override { return 6.0 * rows_ * len_; }
  void Run(const RunContext& ctx) override {
    const float* x = ctx.in[0].as<float>();
    const float* g = ctx.in[1].as<float>();
    const float* bb = bias_ || ctx.in.size() > 2 ? ctx.in[2].as<float>() : nullptr;
    float* y = ctx.out[0].as<float>();
    // A stats output the model leaves unnamed may have no buffer (null data).
    float* mean_out = stats_ && ctx.out.size() > 1 ? ctx.out[1].as<float>() : nullptr;
    float* inv_out = stats_ && ctx.out.size() > 2 ? ctx.out[2].as<float>() : nullptr;
    const LayerNormRowsFn rows_fn = ActiveKernelTable().norm.layer_norm_rows;
    ParallelForOrInline(ctx.pool, rows_, [&](int64_t s, int64_t e) {
      rows_fn(x + s * len_, g, bb, y + s * len_, e - s, len_, eps_, mean_out ? mean_out + s : nullptr,
              inv_out ? inv_out + s : nullptr);
    });
  }

 private:
  int64_t rows_, len_;
  float eps_;
  bool stats_;
  ConstPtr scale_, bias_;
};

std::unique_ptr<Kernel> MakeLayerNorm(KernelBuilder& b) {
  b.ExpectInputs(2, 3);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  b.ExpectFloat(2);
  b.Require(b.num_outputs() <= 3, "expects at most 3 outputs (Y, Mean, InvStdDev)");
  int64_t stash = b.node().AttrInt("stash_type", 1);
  b.Require(stash == onnx_type::kFloat || stash == onnx_type::kFloat16 || stash == onnx_type::kDouble || stash == 16,
            "stash_type " + std::to_string(stash) + " is not a float type");
  const Dims& x = b.dims(0);
  int64_t rank = static_cast<int64_t>(x.size());
  int64_t axis = NormAxis(b, b.node().AttrInt("axis", -1), rank);
  int64_t rows = 1, len = 1;
  for (int64_t i = 0; i < rank; ++i) (i < axis ? rows : len) *= x[i];
  // The fusion pass already proved the parity op's gamma/beta are per-feature vectors; ONNX models may broadcast
  // Scale/B in ways this kernel does not index (e.g. along the outer axes).
  bool strict = b.node().domain.empty();
  for (int i = 1; i <= 2; ++i) {
    if (!b.has_input(i)) continue;
    const char* what = i == 1 ? "Scale" : "B";
    if (strict) {
      b.Require(CoversNormalizedDims(b.dims(i), x, axis), std::string(what) + " " + DimsToString(b.dims(i)) +
                                                              " must have the normalized dims of X " + DimsToString(x) +
                                                              " (other broadcasts unsupported)");
    } else {
      b.Require(NumElements(b.dims(i)) == len, std::string(what) + " must cover the normalized dims");
    }
  }
  b.SetOutput(0, DType::kF32, x);
  Dims stat_dims = x;
  for (int64_t i = axis; i < rank; ++i) stat_dims[i] = 1;
  b.SetOutput(1, DType::kF32, stat_dims);
  b.SetOutput(2, DType::kF32, stat_dims);
  return std::make_unique<LayerNormKernel>(rows, len, b.node().AttrFloat("epsilon", 1e-5f), b.num_outputs() > 1,
                                           KeepConst(b, 1), KeepConst(b, 2));
}

PARITY_REGISTER_OP({"", "LayerNormalization", 17, kMaxOpset, &MakeLayerNorm});
// Produced by the fusion passes from the ReduceMean/Sub/Pow/Sqrt/Div decomposition (same semantics).
PARITY_REGISTER_OP({"parity", "LayerNormalization", 1, kMaxOpset, &MakeLayerNorm});

}  // namespace
}  // namespace parity::rt
