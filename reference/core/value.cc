#include "parity/reference/value.h"

#include <utility>

#include "parity/reference/error.h"

namespace parity::ref {

namespace {
const char* KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNone: return "an empty optional";
    case Value::Kind::kTensor: return "a tensor";
    case Value::Kind::kSequence: return "a sequence";
  }
  return "?";
}
}  // namespace

Value::Value(Tensor tensor) : kind_(Kind::kTensor), tensor_(std::move(tensor)) {}

Value Value::Sequence(std::vector<Tensor> elements, DataType element_type) {
  Value v;
  v.kind_ = Kind::kSequence;
  v.sequence_ = std::move(elements);
  v.sequence_element_type_ = element_type;
  return v;
}

const Tensor& Value::tensor(const char* what) const {
  if (kind_ != Kind::kTensor) throw Error(std::string(what) + " must be a tensor, got " + KindName(kind_));
  return tensor_;
}
Tensor& Value::tensor(const char* what) { return const_cast<Tensor&>(std::as_const(*this).tensor(what)); }

const std::vector<Tensor>& Value::sequence(const char* what) const {
  if (kind_ != Kind::kSequence) throw Error(std::string(what) + " must be a sequence, got " + KindName(kind_));
  return sequence_;
}
std::vector<Tensor>& Value::sequence(const char* what) {
  return const_cast<std::vector<Tensor>&>(std::as_const(*this).sequence(what));
}

}  // namespace parity::ref
