#include "harness/bench/bench_spec.h"

namespace parity {

std::vector<std::map<std::string, std::string>> ExpandGrid(
    const std::map<std::string, std::vector<std::string>>& grid) {
  std::vector<std::map<std::string, std::string>> points = {{}};
  for (const auto& [key, values] : grid) {
    std::vector<std::map<std::string, std::string>> next;
    for (const auto& p : points) {
      for (const auto& v : values) {
        auto q = p;
        q[key] = v;
        next.push_back(std::move(q));
      }
    }
    points = std::move(next);
  }
  return points;
}

std::string PointLabel(const std::map<std::string, std::string>& point) {
  std::string s;
  for (const auto& [k, v] : point) s += (s.empty() ? "" : ",") + k + "=" + v;
  return s.empty() ? "default" : s;
}

}  // namespace parity
