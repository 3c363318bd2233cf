// Coarse-grained parallelism for the heavy reference kernels (Conv, ConvTranspose, Gemm, MatMul and their
// quantized forms). Work is split into one contiguous chunk per thread on plain std::threads that are joined
// (blocking, no spinning), so a loaded machine degrades gracefully; each chunk's GEMM runs single-threaded.
#pragma once

#include <cstdint>
#include <functional>

namespace parity::ref {

// Threads to use for `threads` as given in EvaluatorOptions (<= 0: all hardware threads).
int ResolveThreads(int threads);

// Calls fn(begin, end) on contiguous chunks covering [0, count), on up to `threads` threads (the calling
// thread takes the first chunk). Chunks are at least `min_chunk` long. Exceptions are rethrown in the caller.
void ParallelFor(int64_t count, int threads, int64_t min_chunk, const std::function<void(int64_t, int64_t)>& fn);

// DGemm (same contract as core/dgemm.h) split over the columns of C (or its rows when C is narrow) when the
// product is large enough to pay for the threads.
void ParallelDGemm(bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
                   int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads);

}  // namespace parity::ref
