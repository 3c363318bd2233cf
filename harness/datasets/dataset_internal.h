// Pieces shared by the dataset kinds (not part of the harness's public interface).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/datasets/dataset.h"

namespace parity {
namespace datasets {

// One opener per kind; each checks its files up front and throws InputError naming what is wrong.
std::unique_ptr<Dataset> OpenMnistIdx(const DatasetSpec& spec, const IoInfo& input);
std::unique_ptr<Dataset> OpenImageFolder(const DatasetSpec& spec, const IoInfo& input);
std::unique_ptr<Dataset> OpenNpyFolder(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs);
std::unique_ptr<Dataset> OpenOnnxTestData(const DatasetSpec& spec, const std::vector<IoInfo>& model_inputs,
                                          const std::vector<IoInfo>& model_outputs);
std::unique_ptr<Dataset> OpenCsv(const DatasetSpec& spec, const IoInfo& input);

// The model input a single-input kind feeds: `name`, or the model's only input when `name` is empty.
const IoInfo& PickInput(const std::string& name, const std::vector<IoInfo>& model_inputs);

// `path` relative to spec.root when it is relative and root is set.
std::string ResolvePath(const DatasetSpec& spec, const std::string& path);

// Throws InputError when `tensor` cannot feed `input` (declared type or shape differ; unknown dims match).
// `what` names the sample for the message.
void CheckFeed(const IoInfo& input, ElementType dtype, const Dims& dims, const std::string& what);

// Lines "<item> <integer label>" (the item may hold spaces: the label is the last field). Blank lines are
// skipped; a malformed line is an InputError naming the file and line.
std::map<std::string, int64_t> ReadLabelList(const std::string& path);

// `s` without leading and trailing blanks (spaces, tabs, CR, LF).
std::string TrimSpace(const std::string& s);

// Whole file as bytes; InputError naming the file when it cannot be read.
std::vector<uint8_t> ReadFileBytes(const std::string& path);

// Preprocessing helpers (preprocess.cc).
// Checks the spec alone (both resizes, sizes, mean/std lengths, dtype); InputError naming the field.
void ValidatePreprocess(const PreprocessSpec& spec);
// Output tensor dims for a source of height x width; throws InputError when the crop exceeds the resized image.
Dims PreprocessedDims(const PreprocessSpec& spec, int height, int width);
// Output dims when the spec alone fixes them (center crop or exact resize), else nullopt.
std::optional<Dims> FixedPreprocessedDims(const PreprocessSpec& spec);
// Decodes an encoded image (any format OpenCV reads) and preprocesses it; InputError naming `what` when it does
// not decode.
Tensor DecodeAndPreprocess(const std::vector<uint8_t>& encoded, const std::string& what, const PreprocessSpec& spec);

}  // namespace datasets
}  // namespace parity
