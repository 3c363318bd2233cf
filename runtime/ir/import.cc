#include "ir/import.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

#include "parity/runtime/runtime.h"

namespace parity::rt {
namespace {

template <typename Field>
void CopyField(const Field& f, int dtype, size_t n, ConstTensor* c, const std::string& what) {
  if (static_cast<size_t>(f.size()) != n) {
    throw CompileError("tensor '" + what + "': expected " + std::to_string(n) + " values, got " +
                       std::to_string(f.size()));
  }
  std::vector<uint8_t> raw(n * OnnxTypeSize(dtype));
  size_t sz = OnnxTypeSize(dtype);
  for (size_t i = 0; i < n; ++i) {
    auto v = f.Get(static_cast<int>(i));
    // int32_data holds float16/bool/int8/uint8/int16 values widened to int32: narrow to the element size.
    if (sz == 2) {
      uint16_t x = static_cast<uint16_t>(v);
      std::memcpy(&raw[i * 2], &x, 2);
    } else if (sz == 1) {
      uint8_t x = static_cast<uint8_t>(v);
      raw[i] = x;
    } else if (sz == 4 && dtype == onnx_type::kInt32) {
      int32_t x = static_cast<int32_t>(v);
      std::memcpy(&raw[i * 4], &x, 4);
    } else if (sz == 4 && dtype == onnx_type::kUint32) {
      uint32_t x = static_cast<uint32_t>(v);
      std::memcpy(&raw[i * 4], &x, 4);
    } else {
      std::memcpy(&raw[i * sz], &v, sz);
    }
  }
  ToStorage(dtype, raw.data(), n, c->buf.data());
}

// float64 constants compute in float32: a finite value beyond its range would silently become infinity.
void CheckDoublesFitFloat(const onnx::TensorProto& t, size_t n, const std::string& what) {
  for (size_t i = 0; i < n; ++i) {
    double v;
    if (t.has_raw_data()) {
      std::memcpy(&v, t.raw_data().data() + i * sizeof(double), sizeof(double));
    } else if (static_cast<int>(i) < t.double_data_size()) {
      v = t.double_data(static_cast<int>(i));
    } else {
      return;
    }
    if (std::isfinite(v) && std::fabs(v) > static_cast<double>(std::numeric_limits<float>::max())) {
      throw CompileError("tensor '" + what + "': float64 value outside the float32 range the runtime computes in " +
                         "is not supported");
    }
  }
}

}  // namespace

int DeclaredInputDtype(const Node& node, int i) {
  std::vector<int64_t> t = node.AttrInts(kInputDtypesAttr);
  return i >= 0 && i < static_cast<int>(t.size()) ? static_cast<int>(t[i]) : 0;
}

ConstPtr ConstFromTensorProto(const onnx::TensorProto& t, const std::string& what) {
  DType st;
  if (!StorageOf(t.data_type(), &st)) {
    throw CompileError("tensor '" + what + "' has unsupported dtype " + OnnxTypeName(t.data_type()));
  }
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    throw CompileError("tensor '" + what + "' uses external data; the caller must inline it");
  }
  Dims dims(t.dims().begin(), t.dims().end());
  for (int64_t d : dims) {
    if (d < 0) throw CompileError("tensor '" + what + "' has a negative dim");
  }
  const int dt = t.data_type();
  const size_t n = static_cast<size_t>(NumElements(dims));
  const bool packed = OnnxTypeBits(dt) < 8;
  // Check the data size before allocating: a corrupt dims field must not trigger a huge allocation. Sub-byte
  // types are packed in raw_data and in int32_data (one int32 per byte of packed elements).
  const size_t need = packed ? OnnxTypeBytes(dt, n) : n;
  size_t provided = t.has_raw_data() ? t.raw_data().size() / (packed ? 1 : OnnxTypeSize(dt))
                    : packed         ? static_cast<size_t>(t.int32_data_size())
                             : static_cast<size_t>(t.float_data_size() + t.int64_data_size() + t.double_data_size() +
                                                   t.int32_data_size() + t.uint64_data_size());
  if (provided != need || (t.has_raw_data() && t.raw_data().size() != OnnxTypeBytes(dt, n))) {
    throw CompileError("tensor '" + what + "': dims " + DimsToString(dims) + " need " + std::to_string(n) +
                       " values, data has " + std::to_string(provided) + (packed ? " packed bytes" : ""));
  }
  if (dt == onnx_type::kDouble) CheckDoublesFitFloat(t, n, what);
  ConstPtr c = MakeConst(st, dims);
  if (t.has_raw_data()) {
    ToStorage(dt, t.raw_data().data(), n, c->buf.data());
  } else if (packed) {
    std::vector<uint8_t> bytes(t.int32_data().begin(), t.int32_data().end());
    ToStorage(dt, bytes.data(), n, c->buf.data());
  } else if (t.float_data_size()) {
    CopyField(t.float_data(), dt, n, c.get(), what);
  } else if (t.int64_data_size()) {
    CopyField(t.int64_data(), dt, n, c.get(), what);
  } else if (t.double_data_size()) {
    CopyField(t.double_data(), dt, n, c.get(), what);
  } else if (t.int32_data_size()) {
    CopyField(t.int32_data(), dt, n, c.get(), what);
  } else if (t.uint64_data_size()) {
    CopyField(t.uint64_data(), dt, n, c.get(), what);
  } else if (n != 0) {
    throw CompileError("tensor '" + what + "' has no data");
  }
  return c;
}

namespace {

ConstPtr ConstantNodeValue(const onnx::NodeProto& n) {
  for (const auto& a : n.attribute()) {
    const std::string& what = n.output(0);
    if (a.name() == "value") return ConstFromTensorProto(a.t(), what);
    if (a.name() == "value_float") {
      auto c = MakeConst(DType::kF32, {});
      *c->mut<float>() = a.f();
      return c;
    }
    if (a.name() == "value_floats") {
      auto c = MakeConst(DType::kF32, {a.floats_size()});
      for (int i = 0; i < a.floats_size(); ++i) c->mut<float>()[i] = a.floats(i);
      return c;
    }
    if (a.name() == "value_int") {
      auto c = MakeConst(DType::kI64, {});
      *c->mut<int64_t>() = a.i();
      return c;
    }
    if (a.name() == "value_ints") {
      auto c = MakeConst(DType::kI64, {a.ints_size()});
      for (int i = 0; i < a.ints_size(); ++i) c->mut<int64_t>()[i] = a.ints(i);
      return c;
    }
  }
  throw CompileError("node '" + n.name() + "' (Constant): unsupported or missing value attribute");
}

int64_t ResolveDim(const onnx::TensorShapeProto::Dimension& d, const std::string& input, int axis,
                   const CompileOptions& o) {
  if (d.has_dim_value()) {
    // Rebatching: a model exported with a static batch of 1 runs at CompileOptions::batch; a graph that hard-codes
    // the batch elsewhere (e.g. a Reshape to [1, -1]) then fails shape inference naming that node.
    if (axis == 0 && d.dim_value() == 1 && o.batch != 1) return o.batch;
    if (d.dim_value() >= 0) return d.dim_value();
    throw CompileError("input '" + input + "' axis " + std::to_string(axis) + " has a negative size");
  }
  const std::string& param = d.dim_param();
  if (!param.empty() && o.dims.count(param)) return o.dims.at(param);
  std::string key = input + ":" + std::to_string(axis);
  if (o.dims.count(key)) return o.dims.at(key);
  if (axis == 0) return o.batch;
  throw CompileError("input '" + input + "' axis " + std::to_string(axis) + ": symbolic dim '" +
                     (param.empty() ? std::string("<unnamed>") : param) +
                     "' is unresolved; set CompileOptions::dims[\"" + (param.empty() ? key : param) + "\"]");
}

// ONNX dtypes the graph declares (inputs, initializers, value_info, outputs), by value name.
std::map<std::string, int> DeclaredDtypes(const onnx::GraphProto& gp) {
  std::map<std::string, int> types;
  auto add = [&](const onnx::ValueInfoProto& v) {
    if (v.type().has_tensor_type() && v.type().tensor_type().elem_type() != 0) {
      types[v.name()] = v.type().tensor_type().elem_type();
    }
  };
  for (const auto& v : gp.input()) add(v);
  for (const auto& v : gp.value_info()) add(v);
  for (const auto& v : gp.output()) add(v);
  for (const auto& t : gp.initializer()) types[t.name()] = t.data_type();
  return types;
}

// ONNX dtype of a node's output 0 when the node itself fixes it (Constant, Cast); 0 otherwise.
int OutputDtypeOf(const onnx::NodeProto& np) {
  if (!np.domain().empty() && np.domain() != "ai.onnx") return 0;
  for (const auto& a : np.attribute()) {
    if (np.op_type() == "Cast" && a.name() == "to") return static_cast<int>(a.i());
    if (np.op_type() != "Constant") continue;
    if (a.name() == "value") return a.t().data_type();
    if (a.name() == "value_float" || a.name() == "value_floats") return onnx_type::kFloat;
    if (a.name() == "value_int" || a.name() == "value_ints") return onnx_type::kInt64;
  }
  return 0;
}

void ImportNodes(const onnx::GraphProto& gp, Graph& g, const CompileOptions& options, bool subgraph) {
  int counter = 0;
  std::map<std::string, int> dtypes = DeclaredDtypes(gp);
  for (const auto& np : gp.node()) {
    if (int t = OutputDtypeOf(np); t != 0 && np.output_size() > 0) dtypes.emplace(np.output(0), t);
    std::string name = np.name().empty() ? np.op_type() + "_" + std::to_string(counter) : np.name();
    ++counter;
    if (np.op_type() == "Constant" && (np.domain().empty() || np.domain() == "ai.onnx")) {
      int v = g.GetOrAddValue(np.output(0));
      ConstPtr c = ConstantNodeValue(np);
      g.values[v].dtype = c->dtype;
      g.values[v].dims = c->dims;
      g.values[v].shape_known = true;
      g.values[v].data = c;
      continue;
    }
    Node node;
    node.name = name;
    node.op = np.op_type();
    node.domain = np.domain() == "ai.onnx" ? "" : np.domain();
    node.covers.push_back(name);
    for (const auto& in : np.input()) {
      if (in.empty()) {
        node.inputs.push_back(-1);
        continue;
      }
      int v = g.FindValue(in);
      if (v < 0) {
        if (!subgraph)
          throw CompileError("node '" + name + "' (" + np.op_type() + "): input '" + in + "' is undefined");
        v = g.GetOrAddValue(in);
        g.values[v].outer = true;
      }
      node.inputs.push_back(v);
    }
    for (const auto& out : np.output())
      node.outputs.push_back(out.empty() ? g.AddValue(name + "_unused") : g.GetOrAddValue(out));
    for (const auto& a : np.attribute()) {
      if (a.type() == onnx::AttributeProto::GRAPH) {
        node.subgraphs[a.name()] = ImportSubgraph(a.g(), g.opset, options);
      } else {
        node.attrs[a.name()] = a;
      }
    }
    std::vector<int64_t> in_dtypes;
    for (const auto& in : np.input()) {
      auto it = dtypes.find(in);
      in_dtypes.push_back(it == dtypes.end() || in.empty() ? 0 : it->second);
    }
    node.SetAttrInts(kInputDtypesAttr, in_dtypes);
    g.nodes.push_back(std::move(node));
  }
}

}  // namespace

std::shared_ptr<Graph> ImportSubgraph(const onnx::GraphProto& gp, int opset, const CompileOptions& options) {
  auto g = std::make_shared<Graph>();
  g->opset = opset;
  for (const auto& t : gp.initializer()) g->AddConst(t.name(), ConstFromTensorProto(t, t.name()));
  for (const auto& in : gp.input()) {
    int v = g->GetOrAddValue(in.name());
    DType st = DType::kF32;
    if (in.type().has_tensor_type()) StorageOf(in.type().tensor_type().elem_type(), &st);
    g->values[v].dtype = st;
    g->values[v].graph_input = true;
    g->inputs.push_back(v);
  }
  ImportNodes(gp, *g, options, true);
  for (const auto& out : gp.output()) {
    int v = g->FindValue(out.name());
    if (v < 0) {  // output taken straight from the enclosing scope
      v = g->GetOrAddValue(out.name());
      g->values[v].outer = true;
    }
    g->outputs.push_back(v);
  }
  return g;
}

Graph ImportModel(const onnx::ModelProto& model, const CompileOptions& options) {
  Graph g;
  for (const auto& op : model.opset_import()) {
    if (op.domain().empty() || op.domain() == "ai.onnx") g.opset = static_cast<int>(op.version());
  }
  const auto& gp = model.graph();
  std::set<std::string> input_names;
  for (const auto& in : gp.input()) input_names.insert(in.name());
  for (const auto& name : options.fed_initializers) {
    if (!input_names.count(name)) {
      throw CompileError("fed_initializers: '" + name + "' is not a graph input of the model");
    }
  }
  for (const auto& t : gp.initializer()) {
    if (!options.fed_initializers.count(t.name())) g.AddConst(t.name(), ConstFromTensorProto(t, t.name()));
  }
  for (const auto& in : gp.input()) {
    if (g.FindValue(in.name()) >= 0) continue;  // initializer listed as input: a constant
    int v = g.GetOrAddValue(in.name());
    Value& val = g.values[v];
    if (!in.type().has_tensor_type()) throw CompileError("input '" + in.name() + "' is not a tensor");
    const auto& tt = in.type().tensor_type();
    val.onnx_dtype = tt.elem_type();
    if (!StorageOf(val.onnx_dtype, &val.dtype)) {
      throw CompileError("input '" + in.name() + "' has unsupported dtype " + OnnxTypeName(val.onnx_dtype));
    }
    for (int a = 0; a < tt.shape().dim_size(); ++a)
      val.dims.push_back(ResolveDim(tt.shape().dim(a), in.name(), a, options));
    val.shape_known = true;
    val.graph_input = true;
    g.inputs.push_back(v);
  }
  ImportNodes(gp, g, options, false);
  for (const auto& out : gp.output()) {
    int v = g.FindValue(out.name());
    if (v < 0) throw CompileError("graph output '" + out.name() + "' is not produced by any node");
    g.values[v].graph_output = true;
    if (out.type().has_tensor_type() && out.type().tensor_type().elem_type() != 0) {
      g.values[v].onnx_dtype = out.type().tensor_type().elem_type();
    }
    g.outputs.push_back(v);
  }
  g.Compact();
  return g;
}

}  // namespace parity::rt
