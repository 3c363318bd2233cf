// CSV with a header row: one sample per row, the feature columns as a float32 [1, F] input. Fields may be
// double-quoted ("" escapes a quote); a quoted field may not span lines. The whole file is parsed at open, so a
// bad value is reported before any sample runs.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {
namespace datasets {

namespace {

std::vector<std::string> SplitCsvLine(const std::string& line, const std::string& where) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) throw InputError(where + ": unterminated quoted field");
  for (auto& f : fields) f = TrimSpace(f);
  return fields;
}

size_t ColumnIndex(const std::vector<std::string>& header, const std::string& column, const std::string& path) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return i;
  }
  std::string names;
  for (const auto& h : header) names += (names.empty() ? "'" : ", '") + h + "'";
  throw InputError("CSV '" + path + "' has no column '" + column + "' (columns: " + names + ")");
}

bool ParseInt(const std::string& text, int64_t& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtoll(text.c_str(), &end, 10);
  return errno == 0 && *end == '\0';
}

std::string BadLabel(const std::string& path, size_t row, const std::string& value) {
  return "CSV '" + path + "' row " + std::to_string(row + 1) + ": label '" + value +
         "' is not a class name from class_names nor a non-negative integer";
}

// One label per row (see dataset.h): names through class_names (integers pass through), else integers when every
// label is one, else names in first-seen order.
std::vector<int64_t> ResolveLabels(const std::vector<std::string>& values, const std::vector<std::string>& classes,
                                   const std::string& path) {
  int64_t v = 0;
  bool all_ints = true;
  for (const auto& s : values) all_ints = all_ints && ParseInt(s, v) && v >= 0;
  std::vector<std::string> seen;
  std::vector<int64_t> labels;
  for (size_t row = 0; row < values.size(); ++row) {
    const std::string& s = values[row];
    if (!classes.empty()) {
      const auto it = std::find(classes.begin(), classes.end(), s);
      if (it != classes.end()) {
        labels.push_back(it - classes.begin());
      } else if (ParseInt(s, v) && v >= 0) {
        labels.push_back(v);
      } else {
        throw InputError(BadLabel(path, row, s));
      }
    } else if (all_ints) {
      ParseInt(s, v);
      labels.push_back(v);
    } else {
      if (s.empty()) throw InputError(BadLabel(path, row, s));
      const auto it = std::find(seen.begin(), seen.end(), s);
      labels.push_back(it - seen.begin());
      if (it == seen.end()) seen.push_back(s);
    }
  }
  return labels;
}

class CsvDataset : public Dataset {
 public:
  CsvDataset(const DatasetSpec& spec, const IoInfo& input) : input_(input.name) {
    if (spec.file.empty()) throw InputError("dataset kind csv needs `file` (a CSV with a header row)");
    path_ = ResolvePath(spec, spec.file);
    std::ifstream in(path_);
    if (!in) throw InputError("cannot read CSV '" + path_ + "'");
    std::vector<std::vector<std::string>> rows = ReadRows(in);
    if (rows.size() < 2) throw InputError("CSV '" + path_ + "' has no data row under its header");
    const std::vector<std::string> header = rows.front();
    rows.erase(rows.begin());
    PickColumns(spec, header);
    ParseFeatures(rows);
    if (label_column_ >= 0) {
      std::vector<std::string> values;
      for (const auto& row : rows) values.push_back(row[label_column_]);
      labels_ = ResolveLabels(values, spec.class_names, path_);
    }
    CheckFeed(input, ElementType::kFloat, {1, static_cast<int64_t>(columns_.size())}, "CSV '" + path_ + "'");
  }

  size_t size() const override { return count_; }

  Sample Get(size_t index) const override {
    if (index >= count_) throw std::out_of_range("CSV row " + std::to_string(index) + " of " + std::to_string(count_));
    const size_t f = columns_.size();
    Tensor tensor(ElementType::kFloat, {1, static_cast<int64_t>(f)});
    std::memcpy(tensor.As<float>(), features_.data() + index * f, f * sizeof(float));
    Sample sample;
    sample.id = "row " + std::to_string(index + 1);
    sample.inputs[input_] = std::move(tensor);
    if (!labels_.empty()) sample.label = labels_[index];
    return sample;
  }

  std::string Describe() const override {
    return "csv " + path_ + " (" + std::to_string(count_) + " samples, " + std::to_string(columns_.size()) +
           " features)";
  }

 private:
  std::vector<std::vector<std::string>> ReadRows(std::ifstream& in) const {
    std::vector<std::vector<std::string>> rows;
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
      if (TrimSpace(line).empty()) continue;
      const std::string where = "CSV '" + path_ + "' line " + std::to_string(line_no);
      rows.push_back(SplitCsvLine(line, where));
      if (rows.back().size() != rows.front().size()) {
        throw InputError(where + ": " + std::to_string(rows.back().size()) + " fields, the header has " +
                         std::to_string(rows.front().size()));
      }
    }
    return rows;
  }

  void PickColumns(const DatasetSpec& spec, const std::vector<std::string>& header) {
    if (!spec.label_column.empty()) label_column_ = static_cast<int>(ColumnIndex(header, spec.label_column, path_));
    for (const auto& column : spec.feature_columns) columns_.push_back(ColumnIndex(header, column, path_));
    if (!spec.feature_columns.empty()) return;
    for (size_t i = 0; i < header.size(); ++i) {
      if (static_cast<int>(i) != label_column_) columns_.push_back(i);
    }
    if (columns_.empty()) throw InputError("CSV '" + path_ + "' has no feature column besides the label");
  }

  void ParseFeatures(const std::vector<std::vector<std::string>>& rows) {
    count_ = rows.size();
    features_.reserve(count_ * columns_.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c : columns_) {
        const std::string& text = rows[r][c];
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(value)) {
          throw InputError("CSV '" + path_ + "' row " + std::to_string(r + 1) + " column " + std::to_string(c + 1) +
                           ": '" + text + "' is not a finite number");
        }
        features_.push_back(static_cast<float>(value));
      }
    }
  }

  std::string input_;
  std::string path_;
  std::vector<size_t> columns_;  // feature columns, in feed order
  int label_column_ = -1;
  size_t count_ = 0;
  std::vector<float> features_;  // count_ x columns_.size(), row-major
  std::vector<int64_t> labels_;  // by row; empty when unlabelled
};

}  // namespace

std::unique_ptr<Dataset> OpenCsv(const DatasetSpec& spec, const IoInfo& input) {
  return std::make_unique<CsvDataset>(spec, input);
}

}  // namespace datasets
}  // namespace parity
