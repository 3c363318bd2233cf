#include <stdexcept>

#include "harness/core/errors.h"
#include "harness/datasets/dataset_internal.h"

namespace parity {

namespace {

// The samples [offset, offset + count) of another dataset; kinds open whole and stay unaware of the window.
class WindowDataset : public Dataset {
 public:
  WindowDataset(std::unique_ptr<Dataset> base, size_t offset, size_t count)
      : base_(std::move(base)), offset_(offset), count_(count) {}

  size_t size() const override { return count_; }

  Sample Get(size_t index) const override {
    if (index >= count_) {
      throw std::out_of_range("dataset sample " + std::to_string(index) + " of " + std::to_string(count_));
    }
    return base_->Get(offset_ + index);
  }

  std::string Describe() const override {
    return base_->Describe() + ", samples " + std::to_string(offset_) + ".." + std::to_string(offset_ + count_ - 1);
  }

 private:
  std::unique_ptr<Dataset> base_;
  size_t offset_;
  size_t count_;
};

std::unique_ptr<Dataset> OpenKind(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                                  const std::vector<IoInfo>& model_outputs) {
  if (spec.kind == "mnist_idx" || spec.kind == "image_folder") {
    datasets::ValidatePreprocess(spec.preprocess);
    const IoInfo& input = datasets::PickInput(spec.input, model_inputs);
    if (spec.kind == "mnist_idx") return datasets::OpenMnistIdx(spec, input);
    return datasets::OpenImageFolder(spec, input);
  }
  if (spec.kind == "npy_folder") return datasets::OpenNpyFolder(spec, model_inputs);
  if (spec.kind == "onnx_test_data") return datasets::OpenOnnxTestData(spec, model_inputs, model_outputs);
  if (spec.kind == "csv") return datasets::OpenCsv(spec, datasets::PickInput(spec.input, model_inputs));
  throw InputError("unknown dataset kind '" + spec.kind +
                   "' (known: mnist_idx, image_folder, npy_folder, onnx_test_data, csv)");
}

}  // namespace

std::unique_ptr<Dataset> OpenDataset(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                                     const std::vector<IoInfo>& model_outputs) {
  if (spec.offset < 0 || spec.limit < 0) throw InputError("dataset offset and limit must be >= 0");
  std::unique_ptr<Dataset> dataset = OpenKind(spec, model_inputs, model_outputs);
  if (spec.offset == 0 && (spec.limit == 0 || static_cast<size_t>(spec.limit) >= dataset->size())) return dataset;
  const size_t total = dataset->size();
  const size_t offset = static_cast<size_t>(spec.offset);
  if (offset >= total) {
    throw InputError("dataset offset " + std::to_string(offset) + " is past the end of " + dataset->Describe());
  }
  size_t count = total - offset;
  if (spec.limit > 0 && static_cast<size_t>(spec.limit) < count) count = static_cast<size_t>(spec.limit);
  return std::make_unique<WindowDataset>(std::move(dataset), offset, count);
}

}  // namespace parity
