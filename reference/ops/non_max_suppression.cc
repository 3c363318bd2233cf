// NonMaxSuppression: greedy per-(batch, class) box selection. Boxes [B, N, 4], scores [B, C, N]; for every batch and
// class, boxes are visited by descending score (equal scores: lower box index first), skipping those whose score
// is not above score_threshold; a box is kept unless its IoU with an already kept box exceeds iou_threshold, and
// at most max_output_boxes_per_class are kept. Output: int64 [num_selected, 3] rows (batch, class, box), batch-
// major then class then selection order.
//   center_point_box = 0: boxes are [y1, x1, y2, x2] for any two opposite corners (flipped corners are fine);
//   center_point_box = 1: boxes are [x_center, y_center, width, height].
//   Optional inputs: max_output_boxes_per_class (int64, default 0 = select nothing), iou_threshold (default 0),
//   score_threshold (default: no threshold).
//   NonMaxSuppression-10.   NonMaxSuppression-11: same semantics (the schema's shape inference changed).
#include <algorithm>
#include <string>

#include "core/op_context.h"

namespace parity::ref {
namespace {

struct Box {
  double y1, x1, y2, x2;  // normalised so y1 <= y2, x1 <= x2
};

Box ReadBox(const std::vector<double>& b, int64_t at, bool center_point) {
  const double* v = b.data() + at * 4;
  if (center_point) {
    return {v[1] - v[3] / 2, v[0] - v[2] / 2, v[1] + v[3] / 2, v[0] + v[2] / 2};
  }
  return {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
}

double IoU(const Box& a, const Box& b) {
  const double ih = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
  const double iw = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
  if (ih <= 0 || iw <= 0) return 0;
  const double inter = ih * iw;
  const double uni = (a.y2 - a.y1) * (a.x2 - a.x1) + (b.y2 - b.y1) * (b.x2 - b.x1) - inter;
  return uni > 0 ? inter / uni : 0;
}

void RunNonMaxSuppression(OpContext& ctx) {
  const Tensor& boxes_t = ctx.Input(0);
  const Tensor& scores_t = ctx.Input(1);
  ctx.Check(boxes_t.rank() == 3 && boxes_t.shape()[2] == 4, "boxes must be [batch, boxes, 4]");
  ctx.Check(scores_t.rank() == 3 && scores_t.shape()[0] == boxes_t.shape()[0] &&
                scores_t.shape()[2] == boxes_t.shape()[1],
            "scores must be [batch, classes, boxes] matching boxes");
  const int64_t max_out = ctx.HasInput(2) && ctx.Input(2).size() > 0 ? ctx.Input(2).AsInt64(0) : 0;
  const double iou_threshold = ctx.HasInput(3) && ctx.Input(3).size() > 0 ? ctx.Input(3).AsDouble(0) : 0.0;
  const bool has_score_threshold = ctx.HasInput(4) && ctx.Input(4).size() > 0;
  const double score_threshold = has_score_threshold ? ctx.Input(4).AsDouble(0) : 0.0;
  const bool center_point = ctx.GetInt("center_point_box") != 0;
  const int64_t batches = boxes_t.shape()[0];
  const int64_t n = boxes_t.shape()[1];
  const int64_t classes = scores_t.shape()[1];
  const std::vector<double> boxes = boxes_t.ToDoubleVector();
  const std::vector<double> scores = scores_t.ToDoubleVector();
  std::vector<int64_t> selected;
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t c = 0; c < classes; ++c) {
      const double* s = scores.data() + (b * classes + c) * n;
      std::vector<int64_t> order;
      for (int64_t i = 0; i < n; ++i) {
        if (!has_score_threshold || s[i] > score_threshold) order.push_back(i);
      }
      std::stable_sort(order.begin(), order.end(), [&](int64_t i, int64_t j) { return s[i] > s[j]; });
      std::vector<Box> kept;
      for (int64_t i : order) {
        if (static_cast<int64_t>(kept.size()) >= max_out) break;
        const Box box = ReadBox(boxes, b * n + i, center_point);
        bool suppressed = false;
        for (const Box& k : kept) suppressed = suppressed || IoU(box, k) > iou_threshold;
        if (suppressed) continue;
        kept.push_back(box);
        selected.insert(selected.end(), {b, c, i});
      }
    }
  }
  const int64_t count = static_cast<int64_t>(selected.size()) / 3;
  ctx.SetOutput(0, Tensor(DataType::kInt64, {count, 3}, std::move(selected)));
}

}  // namespace

PARITY_REFERENCE_OP(OpDef("NonMaxSuppression")
                        .Versions({10, 11})
                        .Int("center_point_box", 0)
                        .Run(RunNonMaxSuppression));

}  // namespace parity::ref
