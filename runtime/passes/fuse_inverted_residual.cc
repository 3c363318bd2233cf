// Inverted-residual fusion (MobileNet v2/v3, EfficientNet blocks) in the blocked layout:
//   [Conv 1x1 expand (+act)] -> Conv depthwise KxK (+act) -> Conv 1x1 project (+residual, +act)
// becomes one parity.InvertedResidual node whose kernel streams output rows: the expanded tensor lives in a ring
// of a few rows and the depthwise output in one row, both in cache, instead of round trips through memory (they
// are the largest tensors of these networks, and the depthwise conv between them is bound by memory traffic).
// Inputs of the fused node: x, We, Be, Wd, Bd, Wp, Bp[, residual] (We/Be are -1 without an expand conv); the
// depthwise conv's window attributes are copied over; expand/depthwise activations go to attributes
// expand_act/expand_alpha/expand_beta and dw_act/dw_alpha/dw_beta; the project conv's epilogue and residual
// stay in Node::epilogue / residual_input.
// Only where the blocked layout runs with row kernels (layout decided by BlockedLayoutChosen), and only when the
// expanded tensor is large enough that its memory traffic matters (small maps stay separate convs: their tensors
// fit in cache already, and a fused block has fewer parallel rows).
#include "kernels/isa_dispatch.h"
#include "passes/pass.h"

namespace parity::rt {
namespace {

constexpr int64_t kMinExpandedBytes = 1024 * 1024;

const Node* ProducerConv(const Graph& g, int v) {
  const int p = g.values[v].producer;
  if (p < 0) return nullptr;
  const Node& n = g.nodes[p];
  return !n.removed && n.op == "Conv" && n.domain.empty() ? &n : nullptr;
}

bool IsPointwise(const Graph& g, const Node& n) {
  if (n.AttrInt("group", 1) != 1 || n.inputs.size() < 2 || g.values[n.inputs[0]].dims.size() != 4) return false;
  const ConstTensor* w = FloatConst(g, n.inputs[1]);
  if (!w || w->dims.size() != 4 || w->dims[2] != 1 || w->dims[3] != 1) return false;
  for (int64_t s : n.AttrInts("strides")) {
    if (s != 1) return false;
  }
  for (int64_t p : n.AttrInts("pads")) {
    if (p != 0) return false;
  }
  const std::string pad = n.AttrString("auto_pad", "NOTSET");
  return pad == "NOTSET" || pad == "VALID" || pad == "SAME_UPPER" || pad == "SAME_LOWER";
}

bool IsDepthwise(const Graph& g, const Node& n) {
  if (n.inputs.size() < 2 || g.values[n.inputs[0]].dims.size() != 4) return false;
  const int64_t c = g.values[n.inputs[0]].dims[1];
  const ConstTensor* w = FloatConst(g, n.inputs[1]);
  if (!w || w->dims.size() != 4 || w->dims[0] != c || w->dims[1] != 1) return false;
  for (int64_t d : n.AttrInts("dilations")) {
    if (d != 1) return false;
  }
  return c > 1 && n.AttrInt("group", 1) == c && n.residual_input < 0;
}

void SetEpilogueAttrs(Node& fused, const std::string& prefix, const NodeEpilogue& e) {
  fused.SetAttrInt(prefix + "_act", static_cast<int64_t>(e.act));
  fused.SetAttrFloat(prefix + "_alpha", e.alpha);
  fused.SetAttrFloat(prefix + "_beta", e.beta);
}

int Operand(const Node& n, size_t i) {
  return i < n.inputs.size() ? n.inputs[i] : -1;
}

// Rewrites project conv `p` (whose input comes from depthwise conv `d`, optionally fed by expand conv `e`).
void Fuse(Graph& g, Node& p, Node& d, Node* e) {
  Node fused;
  fused.name = p.name;
  fused.op = "InvertedResidual";
  fused.domain = "parity";
  for (const char* attr : {"kernel_shape", "strides", "pads", "dilations", "auto_pad", "group"}) {
    if (d.HasAttr(attr)) fused.attrs[attr] = d.attrs.at(attr);
  }
  fused.inputs = {e ? e->inputs[0] : d.inputs[0],
                  e ? e->inputs[1] : -1,
                  e ? Operand(*e, 2) : -1,
                  d.inputs[1],
                  Operand(d, 2),
                  p.inputs[1],
                  Operand(p, 2)};
  if (p.residual_input >= 0) {
    fused.inputs.push_back(p.inputs[p.residual_input]);
    fused.residual_input = static_cast<int>(fused.inputs.size()) - 1;
  }
  fused.outputs = p.outputs;
  fused.epilogue = p.epilogue;
  SetEpilogueAttrs(fused, "expand", e ? e->epilogue : NodeEpilogue{});
  SetEpilogueAttrs(fused, "dw", d.epilogue);
  if (e) fused.covers = e->covers;
  fused.covers.insert(fused.covers.end(), d.covers.begin(), d.covers.end());
  fused.covers.insert(fused.covers.end(), p.covers.begin(), p.covers.end());
  if (e) e->removed = true;
  d.removed = true;
  p = std::move(fused);
}

int FuseInvertedResidual(Graph& g, const CompileOptions& o) {
  if (!BlockedLayoutChosen(o)) return 0;
  const ConvKernelConfig& k = ActiveKernelTable().conv;
  if (o.channel_block != kNchwcBlock || !k.nchwc_conv_row || !k.nchwc_depthwise_row) return 0;
  int changes = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    Node& p = g.nodes[i];
    if (p.removed || p.op != "Conv" || !p.domain.empty() || !IsPointwise(g, p)) continue;
    const Node* dp = ProducerConv(g, p.inputs[0]);
    if (!dp || !IsDepthwise(g, *dp) || SoleConsumer(g, p.inputs[0]) < 0) continue;
    Node& d = g.nodes[g.values[p.inputs[0]].producer];
    const Node* ep = ProducerConv(g, d.inputs[0]);
    Node* e = nullptr;
    if (ep && IsPointwise(g, *ep) && ep->residual_input < 0 && !ep->HasAttr("parity_out_blocked") &&
        SoleConsumer(g, d.inputs[0]) >= 0) {
      e = &g.nodes[g.values[d.inputs[0]].producer];
    }
    const Dims& expanded = g.values[d.inputs[0]].dims;
    const int64_t bytes = expanded[0] * expanded[1] * expanded[2] * expanded[3] * 4;
    if (bytes < kMinExpandedBytes) continue;
    Fuse(g, p, d, e);
    ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"fuse_inverted_residual", FusionLevel::kAll, 110, &FuseInvertedResidual});

}  // namespace
}  // namespace parity::rt
