// Conv on plain NCHW (1-D as H = 1, and 2-D) through the packed convolution library (kernels/conv): weights are
// packed once in Prepare; bias, residual and activation are fused into its epilogue. The algorithm follows
// CompileOptions::conv_algo where it applies to the shape, else the library's automatic choice. Channel-blocked
// tensors go to conv_nchwc.cc.
#include "kernels/conv/conv.h"
#include "kernels/common/sgemm.h"
#include "kernels/ops/conv_common.h"
#include "kernels/ops/conv_nd.h"
#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

class ConvKernel : public Kernel {
 public:
  ConvKernel(ConvSetup s, ConvShape shape, ConvAlgo algo, GemmBlocking blocking, std::string name)
      : s_(std::move(s)), shape_(shape), algo_(algo), blocking_(blocking), name_(std::move(name)) {}

  double Flops() const override { return s_.flops; }
  std::string Algorithm() const override {
    const ConvAlgo a = prepared_.algo();
    return a == ConvAlgo::kWinograd ? "winograd-f2x2" : ToString(a);
  }
  void Prepare() override {
    ConvPrepareOptions o;
    o.gemm_blocking = blocking_;
    std::string err;
    if (!PrepareConv(shape_, s_.weight->as<float>(), algo_, o, &prepared_, &err)) {
      throw CompileError("node '" + name_ + "' (Conv): " + err);
    }
  }
  void Run(const RunContext& ctx) override {
    ConvRunArgs a;
    a.input = ctx.in[0].as<float>();
    a.output = ctx.out[0].as<float>();
    a.bias = s_.bias ? s_.bias->as<float>() : nullptr;
    a.activation = ToActivationParams(s_.act, s_.alpha, s_.beta);
    a.residual = s_.residual_index >= 0 ? ctx.in[s_.residual_index].as<float>() : nullptr;
    a.pool = ctx.pool;
    RunConv(prepared_, a);
  }

 private:
  ConvSetup s_;
  ConvShape shape_;
  ConvAlgo algo_;
  GemmBlocking blocking_;
  std::string name_;
  PreparedConv prepared_;
};

ConvShape ShapeOf(const ConvSetup& s) {
  ConvShape c;
  c.batch = s.n;
  c.in_channels = s.c;
  c.in_h = s.w.ih;
  c.in_w = s.w.iw;
  c.out_channels = s.oc;
  c.kernel_h = s.w.kh;
  c.kernel_w = s.w.kw;
  c.stride_h = s.w.sh;
  c.stride_w = s.w.sw;
  c.dilation_h = s.w.dh;
  c.dilation_w = s.w.dw;
  c.pad_top = s.w.pt;
  c.pad_left = s.w.pl;
  c.pad_bottom = s.w.pb;
  c.pad_right = s.w.pr;
  c.groups = s.group;
  return c;
}

std::unique_ptr<Kernel> MakeConv(KernelBuilder& b) {
  if (b.dims(0).size() >= 5) return MakeConvNd(b);  // 3-D+ spatial: portable im2col + SGEMM (conv_nd.cc)
  if (b.in(0).layout == MemLayout::kBlocked || b.node().AttrInt("parity_out_blocked", 0)) return MakeConvNchwc(b);
  ConvSetup s = ParseConv(b);
  ConvShape shape = ShapeOf(s);
  ConvAlgo want = b.options().conv_algo;
  // An explicit algorithm applies where it can compute the shape; elsewhere the automatic choice is used.
  ConvAlgo algo = (want != ConvAlgo::kAuto && ConvAlgoRejection(shape, want).empty()) ? want : ChooseConvAlgo(shape);
  std::string why = ConvAlgoRejection(shape, algo);
  if (!why.empty()) b.Fail("no convolution algorithm for this shape: " + why);
  b.SetOutput(0, DType::kF32, WindowOutDims(s.w, s.n, s.oc));
  return std::make_unique<ConvKernel>(std::move(s), shape, algo, b.options().gemm, b.node().name);
}

PARITY_REGISTER_OP({"", "Conv", 1, kMaxOpset, &MakeConv});

}  // namespace
}  // namespace parity::rt
