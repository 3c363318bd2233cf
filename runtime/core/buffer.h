// 64-byte aligned heap buffer (cache line / AVX-512 vector) used for constants, the arena and scratch.
#pragma once

#include <sys/mman.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "core/dtype.h"

namespace parity::rt {

constexpr size_t kAlign = 64;

inline size_t AlignUp(size_t n, size_t a = kAlign) {
  return (n + a - 1) / a * a;
}

class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t bytes) { Resize(bytes); }
  ~Buffer() { std::free(data_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& o) noexcept : data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }

  // Discards the contents; new memory is zeroed (unless `zero` is false: the caller overwrites every byte) so
  // padding lanes of blocked tensors start as zeros.
  // Buffers of 2 MiB or more (large packed weights, the arena) start on a 2 MiB boundary and ask for transparent
  // huge pages: a deep network's weights span thousands of 4 KiB pages, more than the TLB holds, and every run
  // walks them all (resnet50 at 1 thread: about 3% faster).
  void Resize(size_t bytes, bool zero = true) {
    std::free(data_);
    size_ = bytes;
    data_ = nullptr;
    if (bytes == 0) return;
    constexpr size_t kHugePage = size_t{2} << 20;
    const bool huge = bytes >= kHugePage;
    // glibc accepts a size that is not a multiple of the alignment; the tail past the last whole huge page keeps
    // 4 KiB pages, so no memory is wasted on rounding.
    const size_t capacity = AlignUp(bytes);
    data_ = std::aligned_alloc(huge ? kHugePage : kAlign, capacity);
    if (data_ == nullptr) throw std::bad_alloc();
    if (huge) madvise(data_, capacity / kHugePage * kHugePage, MADV_HUGEPAGE);  // advice: may be ignored
    if (zero) std::memset(data_, 0, capacity);
  }
  void* data() { return data_; }
  const void* data() const { return data_; }
  size_t size() const { return size_; }
  template <typename T>
  T* as() {
    return static_cast<T*>(data_);
  }
  template <typename T>
  const T* as() const {
    return static_cast<const T*>(data_);
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

using Dims = std::vector<int64_t>;

inline int64_t NumElements(const Dims& d) {
  int64_t n = 1;
  for (int64_t x : d) n *= x;
  return n;
}

std::string DimsToString(const Dims& d);

// A constant tensor owned by the graph (initializer, folded value or packed weight).
struct ConstTensor {
  DType dtype = DType::kF32;
  Dims dims;
  Buffer buf;
  template <typename T>
  const T* as() const {
    return buf.as<T>();
  }
  template <typename T>
  T* mut() {
    return buf.as<T>();
  }
  int64_t size() const { return NumElements(dims); }
};
using ConstPtr = std::shared_ptr<ConstTensor>;

inline ConstPtr MakeConst(DType t, Dims dims) {
  auto c = std::make_shared<ConstTensor>();
  c->dtype = t;
  c->dims = std::move(dims);
  c->buf.Resize(static_cast<size_t>(NumElements(c->dims)) * DTypeSize(t));
  return c;
}

}  // namespace parity::rt
