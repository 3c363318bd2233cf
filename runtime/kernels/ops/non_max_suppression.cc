// NonMaxSuppression: greedy per-(batch, class) selection. Boxes [B, N, 4], scores [B, C, N]; boxes are visited
// by descending score (ties: lower box index first), skipping those not above score_threshold (when given); a
// box is kept unless its IoU with a kept box exceeds iou_threshold, up to max_output_boxes_per_class. Output:
// int64 [count, 3] rows (batch, class, box), batch-major, then class, then selection order.
//   center_point_box 0: [y1, x1, y2, x2] of any two opposite corners; 1: [x_center, y_center, width, height].
// The output shape depends on all input values, so the selection runs when the kernel is built (at run time
// on the interpreter path; the kernel cache keys on the values) and Run copies it out.
#include <algorithm>

#include "kernels/common/op_util.h"

namespace parity::rt {
namespace {

struct Box {
  float y1, x1, y2, x2;  // y1 <= y2, x1 <= x2
};

Box ReadBox(const float* v, bool center) {
  if (center) {
    return {v[1] - v[3] / 2, v[0] - v[2] / 2, v[1] + v[3] / 2, v[0] + v[2] / 2};
  }
  return {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
}

float IoU(const Box& a, const Box& b) {
  float ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  float iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  if (ih <= 0 || iw <= 0) return 0;
  float inter = ih * iw;
  float uni = (a.y2 - a.y1) * (a.x2 - a.x1) + (b.y2 - b.y1) * (b.x2 - b.x1) - inter;
  return uni > 0 ? inter / uni : 0;
}

struct NmsParams {
  int64_t max_out = 0;
  float iou_threshold = 0;
  bool has_score_threshold = false;
  float score_threshold = 0;
  bool center = false;
};

// Appends (batch, class, box) triples for one batch and class.
void SelectClass(const float* boxes, const float* s, int64_t n, int64_t batch, int64_t cls, const NmsParams& p,
                 std::vector<int64_t>* out) {
  std::vector<int64_t> order;
  for (int64_t i = 0; i < n; ++i) {
    if (!p.has_score_threshold || s[i] > p.score_threshold) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](int64_t i, int64_t j) { return s[i] > s[j]; });
  std::vector<Box> kept;
  for (int64_t i : order) {
    if (static_cast<int64_t>(kept.size()) >= p.max_out) break;
    Box box = ReadBox(boxes + i * 4, p.center);
    bool suppressed = false;
    for (const Box& k : kept) suppressed = suppressed || IoU(box, k) > p.iou_threshold;
    if (suppressed) continue;
    kept.push_back(box);
    out->insert(out->end(), {batch, cls, i});
  }
}

class SelectedKernel : public Kernel {
 public:
  explicit SelectedKernel(std::vector<int64_t> rows) : rows_(std::move(rows)) {}
  void Run(const RunContext& ctx) override {
    if (!rows_.empty()) std::memcpy(ctx.out[0].data, rows_.data(), rows_.size() * sizeof(int64_t));
  }

 private:
  std::vector<int64_t> rows_;
};

float ScalarFloat(const KernelBuilder& b, int i, const char* what, float def) {
  if (!b.has_input(i)) return def;
  const ConstTensor& t = b.ConstInput(i, what);
  b.Require(t.dtype == DType::kF32 && t.size() == 1, std::string(what) + " must be one float");
  return t.as<float>()[0];
}

std::unique_ptr<Kernel> MakeNonMaxSuppression(KernelBuilder& b) {
  b.ExpectInputs(2, 5);
  b.ExpectFloat(0);
  b.ExpectFloat(1);
  const Dims& bd = b.dims(0);
  const Dims& sd = b.dims(1);
  b.Require(bd.size() == 3 && bd[2] == 4, "boxes must be [batches, boxes, 4]");
  b.Require(sd.size() == 3 && sd[0] == bd[0] && sd[2] == bd[1], "scores must be [batches, classes, boxes]");
  int64_t cpb = b.node().AttrInt("center_point_box", 0);
  b.Require(cpb == 0 || cpb == 1, "center_point_box must be 0 or 1");
  NmsParams p;
  p.center = cpb == 1;
  if (b.has_input(2)) {
    std::vector<int64_t> m = b.ConstInts(2, "max_output_boxes_per_class");
    b.Require(m.size() == 1, "max_output_boxes_per_class must hold one value");
    p.max_out = m[0];
  }
  p.iou_threshold = ScalarFloat(b, 3, "iou_threshold", 0.f);
  p.has_score_threshold = b.has_input(4);
  p.score_threshold = ScalarFloat(b, 4, "score_threshold", 0.f);
  const float* boxes = b.ConstInput(0, "boxes").as<float>();
  const float* scores = b.ConstInput(1, "scores").as<float>();
  std::vector<int64_t> rows;
  for (int64_t bt = 0; bt < sd[0]; ++bt) {
    for (int64_t c = 0; c < sd[1]; ++c) {
      SelectClass(boxes + bt * bd[1] * 4, scores + (bt * sd[1] + c) * sd[2], sd[2], bt, c, p, &rows);
    }
  }
  b.SetOutput(0, DType::kI64, {static_cast<int64_t>(rows.size() / 3), 3});
  return std::make_unique<SelectedKernel>(std::move(rows));
}

PARITY_REGISTER_OP({"", "NonMaxSuppression", 10, kMaxOpset, &MakeNonMaxSuppression});

}  // namespace
}  // namespace parity::rt
