// A runtime value of the reference interpreter: a tensor, a sequence of tensors, or an empty optional.
//
// ONNX optionals are represented by their content when present (an optional holding a tensor behaves as the
// tensor) and by Kind::kNone when empty. Value semantics; not thread-safe for concurrent mutation.
#pragma once

#include <vector>

#include "parity/reference/tensor.h"

namespace parity::ref {

class Value {
 public:
  enum class Kind { kNone, kTensor, kSequence };

  Value() = default;  // an empty optional
  Value(Tensor tensor);  // NOLINT(google-explicit-constructor): a tensor is the common case
  static Value Sequence(std::vector<Tensor> elements, DataType element_type);

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::kNone; }
  bool is_tensor() const { return kind_ == Kind::kTensor; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }

  // Throw parity::ref::Error naming `what` when the value is of another kind.
  const Tensor& tensor(const char* what = "value") const;
  Tensor& tensor(const char* what = "value");
  const std::vector<Tensor>& sequence(const char* what = "value") const;
  std::vector<Tensor>& sequence(const char* what = "value");
  // Element type of a sequence (known even when it is empty).
  DataType sequence_element_type() const { return sequence_element_type_; }

 private:
  Kind kind_ = Kind::kNone;
  Tensor tensor_;
  std::vector<Tensor> sequence_;
  DataType sequence_element_type_ = DataType::kUndefined;
};

}  // namespace parity::ref
