// Layout conversion: runs chains of convolutions (and the layout-agnostic ops between them) on channel-blocked
// tensors (N, C/b, H, W, b), inserting parity.ToBlocked / parity.FromBlocked reorders at the chain borders.
// Blocked ops: 2-D Conv with group 1 or depthwise; unary activations and Clip; Add/Mul/Sub/Max/Min of two
// blocked tensors with equal dims or with a blocked [N, C, 1, 1] gate, and Add/Sub/Mul/Div/Max/Min of a blocked
// tensor and a finite scalar constant (a non-zero divisor); Max/AveragePool; GlobalAverage/MaxPool; Concat on
// channels whose inputs (but the last) have C % b == 0. Padding lanes may hold any finite value (convs weight
// them by zero); ops that could make them non-finite (Div by a tensor, Log...) never see blocked tensors. A conv with
// few input channels (the network stem) reads its plain input directly. layout=auto blocks where the CPU has the
// blocked row kernels (kernels/conv/nchwc_ukernels.h); elsewhere the blocked conv is a portable loop, slower than the
// GEMM-based NCHW convs, so auto keeps NCHW.
#include <cmath>

#include "kernels/isa_dispatch.h"
#include "passes/pass.h"

namespace parity::rt {
namespace {

constexpr int64_t kStemChannels = 4;

bool IsBlockableConv(const Graph& g, const Node& n) {
  if (n.op != "Conv" || !n.domain.empty() || g.values[n.inputs[0]].dims.size() != 4) return false;
  const ConstTensor* w = FloatConst(g, n.inputs[1]);
  if (!w) return false;
  int64_t group = n.AttrInt("group", 1), c = g.values[n.inputs[0]].dims[1];
  return group == 1 || (group == c && w->dims[0] == c);
}

bool IsFollower(const Node& n) {
  if (n.domain == "parity") return n.op == "Activation";
  static const char* ops[] = {"Relu",          "Clip",   "Sigmoid",  "HardSigmoid", "HardSwish",
                              "LeakyRelu",     "Add",    "Mul",      "Sub",         "Max",
                              "Min",           "Div",    "MaxPool",  "AveragePool", "GlobalAveragePool",
                              "GlobalMaxPool", "Concat", "Identity", "Dropout"};
  for (const char* op : ops) {
    if (n.op == op) return n.domain.empty();
  }
  return false;
}

// A one-element finite float constant (non-zero if it is a divisor).
bool IsFiniteScalar(const Graph& g, int v, bool divisor) {
  const ConstTensor* c = FloatConst(g, v);
  if (!c || c->size() != 1) return false;
  float x = c->as<float>()[0];
  return std::isfinite(x) && (!divisor || x != 0.f);
}

// Binary ops run blocked when both operands are blocked with the output's dims, when one is blocked and the
// other a scalar constant (the padding lanes stay finite), or when one is blocked [N, C, 1, 1] and scales or
// shifts the other per channel (squeeze-excitation gates).
bool BinaryBlockable(const Graph& g, const Node& n, const std::vector<char>& blocked) {
  if (n.inputs.size() != 2 || n.outputs.size() != 1) return false;
  const Dims& out = g.values[n.outputs[0]].dims;
  int a = n.inputs[0], c = n.inputs[1];
  if (out.size() != 4) return false;
  bool div = n.op == "Div";
  if (blocked[a] && IsFiniteScalar(g, c, div)) return g.values[a].dims == out;
  if (blocked[c] && !div && IsFiniteScalar(g, a, false)) return g.values[c].dims == out;
  if (!blocked[a] || !blocked[c] || div) return false;
  auto gate = [&](int v) {
    const Dims& d = g.values[v].dims;
    return d.size() == 4 && d[0] == out[0] && d[1] == out[1] && d[2] == 1 && d[3] == 1;
  };
  const Dims &da = g.values[a].dims, &dc = g.values[c].dims;
  return (da == out && dc == out) || (da == out && gate(c)) || (dc == out && gate(a));
}

// Whether follower n can run blocked given which values are blocked.
bool FollowerBlockable(const Graph& g, const Node& n, const std::vector<char>& blocked, int b) {
  if (n.op == "Add" || n.op == "Mul" || n.op == "Sub" || n.op == "Max" || n.op == "Min" || n.op == "Div") {
    return BinaryBlockable(g, n, blocked);
  }
  const Value& x = g.values[n.inputs[0]];
  if (!blocked[n.inputs[0]] || x.dims.size() != 4) return false;
  if (n.op == "Concat") {
    if (n.AttrInt("axis", 1) != 1 && n.AttrInt("axis", 1) != -3) return false;
    for (size_t i = 0; i < n.inputs.size(); ++i) {
      if (!blocked[n.inputs[i]] || (i + 1 < n.inputs.size() && g.values[n.inputs[i]].dims[1] % b != 0)) return false;
    }
    return true;
  }
  if (n.op == "Clip") {
    for (size_t i = 1; i < n.inputs.size(); ++i) {
      if (n.inputs[i] >= 0 && !g.values[n.inputs[i]].is_const()) return false;
    }
  }
  if (n.op == "Dropout" && n.outputs.size() > 1) return false;
  return true;
}

int InsertReorder(Graph& g, int v, bool to_blocked, int b, std::vector<Node>* added) {
  Node r;
  r.name = g.values[v].name + (to_blocked ? "_to_nchwc" : "_to_nchw");
  r.op = to_blocked ? "ToBlocked" : "FromBlocked";
  r.domain = "parity";
  r.inputs = {v};
  r.SetAttrInt("block", b);
  int out = g.AddValue(r.name);
  r.outputs = {out};
  added->push_back(std::move(r));
  return out;
}

}  // namespace

bool BlockedLayoutChosen(const CompileOptions& o) {
  if (o.layout == Layout::kNchwc) return true;
  if (o.layout != Layout::kAuto) return false;
  if (o.conv_algo == ConvAlgo::kDirect) return true;  // the blocked kernel is the direct conv
  const ConvKernelConfig& k = ActiveKernelTable().conv;
  if (o.channel_block != kNchwcBlock || k.nchwc_conv_row == nullptr) return false;
  // winograd: the blocked F(4x4, 3x3) where the CPU has it, else the plain layout's F(2x2, 3x3).
  if (o.conv_algo == ConvAlgo::kWinograd) return k.nchwc_winograd_input != nullptr;
  return o.conv_algo == ConvAlgo::kAuto;
}

namespace {

int ConvertLayout(Graph& g, const CompileOptions& o) {
  if (!BlockedLayoutChosen(o)) return 0;
  int b = o.channel_block;
  std::vector<char> blocked(g.values.size(), 0), node_blocked(g.nodes.size(), 0);
  int converted = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    if (n.removed) continue;
    bool conv = IsBlockableConv(g, n);
    if (!conv && !(IsFollower(n) && FollowerBlockable(g, n, blocked, b))) continue;
    node_blocked[i] = 1;
    blocked.resize(g.values.size(), 0);
    blocked[n.outputs[0]] = 1;
    ++converted;
  }
  if (!converted) return 0;
  std::vector<Node> added;
  std::vector<int> to_plain(g.values.size(), -1), to_blocked(g.values.size(), -1);
  auto plain_of = [&](int v) {
    if (to_plain[v] < 0) to_plain[v] = InsertReorder(g, v, false, b, &added);
    return to_plain[v];
  };
  auto blocked_of = [&](int v) {
    if (to_blocked[v] < 0) to_blocked[v] = InsertReorder(g, v, true, b, &added);
    return to_blocked[v];
  };
  size_t n_nodes = g.nodes.size();
  for (size_t i = 0; i < n_nodes; ++i) {
    Node& n = g.nodes[i];
    if (n.removed) continue;
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      int v = n.inputs[k];
      if (v < 0 || v >= static_cast<int>(blocked.size()) || g.values[v].is_const()) continue;
      bool want = node_blocked[i] && (k == 0 || static_cast<int>(k) == n.residual_input || n.op != "Conv");
      if (node_blocked[i] && n.op == "Conv" && k == 0 && !blocked[v] && g.values[v].dims[1] <= kStemChannels &&
          n.AttrInt("group", 1) == 1) {
        n.SetAttrInt("parity_out_blocked", 1);  // stem conv reads plain NCHW
        continue;
      }
      if (want && !blocked[v]) n.inputs[k] = blocked_of(v);
      if (!want && blocked[v]) n.inputs[k] = plain_of(v);
    }
  }
  for (int& v : g.outputs) {
    if (v < static_cast<int>(blocked.size()) && blocked[v]) {
      int p = plain_of(v);
      g.values[v].graph_output = false;
      g.values[p].graph_output = true;
      v = p;
    }
  }
  for (auto& r : added) g.nodes.push_back(std::move(r));
  return converted;
}

PARITY_REGISTER_PASS({"layout_nchwc", FusionLevel::kNone, 100, &ConvertLayout});

}  // namespace
}  // namespace parity::rt
