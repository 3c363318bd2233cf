// Folds the data movement around a MatMul of two computed tensors into one parity.StridedMatMul that reads its
// operands and writes its result through strided views (see kernels/ops/strided_matmul.cc):
//   operands: chains of Transpose, Reshape / Flatten / Squeeze / Unsqueeze, Slice (positive steps) and
//             Mul / Div by a constant scalar (folded into alpha) back to a base tensor;
//   result:   chains of Transpose and reshape-like ops forward to the final tensor.
// This is multi-head attention as exported from PyTorch: Q, K^T and V are Slices of the fused QKV projection
// reshaped and transposed per head (Q also scaled by 1/sqrt(d)), and the context is transposed back and
// reshaped; with the views no Slice, Transpose or Div copy runs. Every intermediate value of a chain must be
// used only by the chain (it disappears); a chain stops where a reshape cannot be expressed as a view. MatMuls
// with a constant B (weights) keep the packed-weight MatMul, and a rewrite needs at least one absorbed op that
// moves or scales data (reshapes alone are already free).
#include "kernels/common/strided_view.h"
#include "passes/pass.h"

namespace parity::rt {
namespace {

bool IsReshapeLike(const Node& n) {
  return n.op == "Reshape" || n.op == "Flatten" || n.op == "Squeeze" || n.op == "Unsqueeze";
}

bool Known(const Graph& g, int v) {
  return v >= 0 && g.values[v].shape_known && g.values[v].dtype == DType::kF32 &&
         g.values[v].layout == MemLayout::kPlain;
}

// Scale factor when n multiplies or divides its data input by a constant scalar without broadcasting it to larger
// dims; *data is that input's index. False otherwise.
bool ScalarScale(const Graph& g, const Node& n, int* data, double* scale) {
  if ((n.op != "Mul" && n.op != "Div") || n.inputs.size() != 2) return false;
  for (int side = 0; side < 2; ++side) {
    if (side == 0 && n.op == "Div") continue;  // c / x is not a scaling of x
    const ConstTensor* c = FloatConst(g, n.inputs[side]);
    const int x = n.inputs[1 - side];
    if (!c || c->size() != 1 || !Known(g, x) || g.values[x].dims != g.values[n.outputs[0]].dims) continue;
    const double k = c->as<float>()[0];
    if (n.op == "Div" && k == 0.0) return false;
    *data = 1 - side;
    *scale = n.op == "Mul" ? k : 1.0 / k;
    return true;
  }
  return false;
}

// Integer vector from constant input i of n, or the attribute when the input is absent (Slice before opset 10).
bool IntsOf(const Graph& g, const Node& n, size_t i, const char* attr, std::vector<int64_t>* out) {
  if (i < n.inputs.size() && n.inputs[i] >= 0) {
    const Value& v = g.values[n.inputs[i]];
    if (!v.is_const() || v.dtype != DType::kI64) return false;
    *out = std::vector<int64_t>(v.data->as<int64_t>(), v.data->as<int64_t>() + v.data->size());
    return true;
  }
  *out = n.AttrInts(attr);
  return true;
}

// Restricts view v like Slice node n (positive steps only); out_dims are the Slice's inferred output dims.
bool SliceView(const Graph& g, const Node& n, const Dims& out_dims, StridedView* v) {
  const bool legacy = n.inputs.size() < 2;
  std::vector<int64_t> starts, ends, axes, steps;
  if (!IntsOf(g, n, 1, "starts", &starts) || !IntsOf(g, n, 2, "ends", &ends)) return false;
  if (!IntsOf(g, n, 3, "axes", &axes) || (!legacy && !IntsOf(g, n, 4, "", &steps))) return false;
  const int64_t rank = static_cast<int64_t>(v->dims.size());
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size()) return false;
  for (size_t i = 0; i < axes.size(); ++i) {
    const int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank || steps[i] <= 0) return false;
    const int64_t dim = v->dims[a];
    const int64_t s = std::clamp<int64_t>(starts[i] < 0 ? starts[i] + dim : starts[i], 0, dim);
    v->offset += s * v->strides[a];
    v->strides[a] *= steps[i];
  }
  if (out_dims.size() != v->dims.size()) return false;
  v->dims = out_dims;  // the shape inference already applied ONNX's end clamping
  for (int64_t d : out_dims) {
    if (d <= 0) return false;
  }
  return true;
}

// Applies chain node n (reading the view's tensor) to view v; false when the result is not a view.
bool Forward(const Graph& g, const Node& n, StridedView* v, double* alpha) {
  const Dims& out = g.values[n.outputs[0]].dims;
  int data = 0;
  double scale = 1.0;
  if (ScalarScale(g, n, &data, &scale)) {
    *alpha *= scale;
    return true;
  }
  if (IsReshapeLike(n)) return ReshapeView(*v, out, v);
  if (n.op == "Slice") return SliceView(g, n, out, v);
  if (n.op != "Transpose") return false;
  std::vector<int64_t> perm = n.AttrInts("perm");
  if (perm.empty())
    for (int64_t i = static_cast<int64_t>(v->dims.size()) - 1; i >= 0; --i) perm.push_back(i);
  if (perm.size() != v->dims.size()) return false;
  *v = TransposeView(*v, perm);
  return v->dims == out;
}

// The data input of a chain node, or -1 when n cannot be part of a chain.
int ChainInput(const Graph& g, const Node& n) {
  if (n.removed || !n.domain.empty() || n.outputs.size() != 1 || !Known(g, n.outputs[0])) return -1;
  int data = 0;
  double scale = 1.0;
  if (ScalarScale(g, n, &data, &scale)) return n.inputs[data];
  if (IsReshapeLike(n) || n.op == "Slice" || n.op == "Transpose") return Known(g, n.inputs[0]) ? n.inputs[0] : -1;
  return -1;
}

struct Folded {
  int base = -1;            // tensor the view reads or writes
  StridedView view;         // the MatMul operand / result inside base
  double alpha = 1.0;       // folded scalar factors
  std::vector<int> nodes;   // absorbed chain nodes
  bool moves_data = false;  // some absorbed node copies or scales data
};

bool MovesData(const Node& n) {
  return !IsReshapeLike(n);
}

// Operand v of the MatMul: the longest chain back from v whose composition is a view the GEMM can read.
Folded FoldOperand(const Graph& g, int v) {
  std::vector<int> chain;  // nearest the MatMul first
  for (int cur = v;;) {
    const int p = g.values[cur].producer;
    if (p < 0 || SoleConsumer(g, cur) < 0) break;
    const int in = ChainInput(g, g.nodes[p]);
    if (in < 0) break;
    chain.push_back(p);
    cur = in;
  }
  for (size_t len = chain.size(); len > 0; --len) {
    Folded f;
    f.base = ChainInput(g, g.nodes[chain[len - 1]]);
    f.view = ContiguousView(g.values[f.base].dims);
    bool ok = true;
    for (size_t i = len; i-- > 0 && ok;) {
      ok = Forward(g, g.nodes[chain[i]], &f.view, &f.alpha);
      f.nodes.push_back(chain[i]);
      f.moves_data = f.moves_data || MovesData(g.nodes[chain[i]]);
    }
    const size_t r = f.view.dims.size();
    bool trans = false;
    int64_t ld = 0;
    if (ok &&
        GemmLayout(f.view.dims[r - 2], f.view.dims[r - 1], f.view.strides[r - 2], f.view.strides[r - 1], &trans, &ld)) {
      return f;
    }
  }
  Folded f;
  f.base = v;
  f.view = ContiguousView(g.values[v].dims);
  return f;
}

// Result y of the MatMul: the longest chain of Transpose / reshape-like ops forward from y whose inverse maps the
// final tensor back onto y as a view with unit column stride.
Folded FoldResult(const Graph& g, int y) {
  std::vector<int> chain;
  for (int cur = y;;) {
    const int c = SoleConsumer(g, cur);
    if (c < 0) break;
    const Node& n = g.nodes[c];
    if (ChainInput(g, n) != cur || !(IsReshapeLike(n) || n.op == "Transpose")) break;
    chain.push_back(c);
    cur = n.outputs[0];
  }
  for (size_t len = chain.size(); len > 0; --len) {
    Folded f;
    f.base = g.nodes[chain[len - 1]].outputs[0];
    f.view = ContiguousView(g.values[f.base].dims);
    bool ok = true;
    for (size_t i = len; i-- > 0 && ok;) {
      const Node& n = g.nodes[chain[i]];
      const Dims& in = g.values[n.inputs[0]].dims;
      if (IsReshapeLike(n)) {
        ok = ReshapeView(f.view, in, &f.view);
      } else {  // out dim j is in dim perm[j]: in dim perm[j] takes out dim j's stride
        std::vector<int64_t> perm = n.AttrInts("perm");
        if (perm.empty())
          for (int64_t j = static_cast<int64_t>(in.size()) - 1; j >= 0; --j) perm.push_back(j);
        StridedView t{f.view.offset, in, Dims(in.size(), 0)};
        ok = perm.size() == in.size();
        for (size_t j = 0; ok && j < perm.size(); ++j) t.strides[perm[j]] = f.view.strides[j];
        f.view = t;
        f.moves_data = true;
      }
      f.nodes.push_back(chain[i]);
    }
    const size_t r = f.view.dims.size();
    bool trans = false;
    int64_t ld = 0;
    if (ok &&
        GemmLayout(f.view.dims[r - 2], f.view.dims[r - 1], f.view.strides[r - 2], f.view.strides[r - 1], &trans, &ld) &&
        !trans && ViewCoversExactly(f.view, NumElements(g.values[f.base].dims))) {
      return f;
    }
  }
  Folded f;
  f.base = y;
  f.view = ContiguousView(g.values[y].dims);
  return f;
}

void SetView(Node& n, const std::string& prefix, const StridedView& v) {
  n.SetAttrInts(prefix + "_dims", v.dims);
  n.SetAttrInts(prefix + "_strides", v.strides);
  n.SetAttrInt(prefix + "_offset", v.offset);
}

int FoldMatMulViews(Graph& g, const CompileOptions&) {
  int changes = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    Node& mm = g.nodes[i];
    if (mm.removed || mm.op != "MatMul" || !mm.domain.empty() || mm.inputs.size() != 2 || mm.outputs.size() != 1)
      continue;
    if (mm.epilogue.act != Act::kNone || mm.residual_input >= 0 || g.values[mm.inputs[1]].is_const()) continue;
    const int y = mm.outputs[0];
    if (!Known(g, mm.inputs[0]) || !Known(g, mm.inputs[1]) || !Known(g, y)) continue;
    if (g.values[mm.inputs[0]].dims.size() < 2 || g.values[mm.inputs[1]].dims.size() < 2) continue;
    if (NumElements(g.values[y].dims) == 0 || g.values[mm.inputs[0]].dims.back() == 0) continue;
    Folded a = FoldOperand(g, mm.inputs[0]), b = FoldOperand(g, mm.inputs[1]), r = FoldResult(g, y);
    if (!a.moves_data && !b.moves_data && !r.moves_data) continue;
    mm.op = "StridedMatMul";
    mm.domain = "parity";
    mm.inputs = {a.base, b.base};
    SetView(mm, "a", a.view);
    SetView(mm, "b", b.view);
    mm.SetAttrInts("y_strides", r.view.strides);
    mm.SetAttrInts("out_dims", g.values[r.base].dims);
    mm.SetAttrFloat("alpha", static_cast<float>(a.alpha * b.alpha));
    if (r.base != y) TakeOverOutput(g, mm, y, r.base);
    for (const Folded* f : {&a, &b, &r}) {
      for (int n : f->nodes) Absorb(mm, g.nodes[n]);
    }
    ++changes;
  }
  return changes;
}

PARITY_REGISTER_PASS({"fold_matmul_views", FusionLevel::kAll, 45, &FoldMatMulViews});

}  // namespace
}  // namespace parity::rt
