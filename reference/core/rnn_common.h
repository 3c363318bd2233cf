// Shared machinery of the recurrent ops (RNN, GRU, LSTM): activation functions with their alpha/beta, reading
// X/W/R/B/sequence_lens/initial states in either layout, the time loop over directions and batch rows (with
// per-row sequence lengths), and writing Y / Y_h / Y_c in either layout.
//
// Conventions (ONNX): direction "forward" | "reverse" | "bidirectional" (num_directions 1 or 2, forward first);
// layout 0: X [seq, batch, input], Y [seq, num_dir, batch, hidden], states [num_dir, batch, hidden];
// layout 1: X [batch, seq, input], Y [batch, seq, num_dir, hidden], states [batch, num_dir, hidden].
// Steps at or beyond a row's sequence_lens leave Y zero and the state untouched.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/op_context.h"

namespace parity::ref {

struct RnnActivation {
  std::string name;  // lower case
  double alpha = 0;
  double beta = 0;
  double operator()(double x) const;
};

// The activation functions for every direction: `defaults` (one direction's list, e.g. {sigmoid, tanh, tanh})
// unless the node sets `activations`. activation_alpha/beta are consumed in order by the functions that take them.
std::vector<RnnActivation> ParseRnnActivations(const OpContext& ctx, const std::vector<std::string>& defaults,
                                               int64_t num_directions);

struct RnnProblem {
  int64_t seq_len = 0, batch = 0, input_size = 0, hidden = 0, num_directions = 1;
  int64_t layout = 0;
  bool reverse_only = false;  // direction == "reverse"
  double clip = 0;            // 0: no clipping
  DataType dtype = DataType::kFloat;
  std::vector<double> x;         // [seq][batch][input], whatever the layout
  std::vector<int64_t> lengths;  // per batch row
  std::vector<double> w, r,
      b;  // W [dir][G*hidden][input], R [dir][G*hidden][hidden], B [dir][2*G*hidden] (0 if absent)
};

// Reads and checks X (0), W (1), R (2), B (3), sequence_lens (4) and the attributes hidden_size, direction, clip,
// layout (when the version has it). `gates` is the number of gate blocks (1 RNN, 3 GRU, 4 LSTM).
RnnProblem ReadRnnProblem(const OpContext& ctx, int64_t gates);

// Initial state input `index` as [dir][batch][hidden] (zeros when absent).
std::vector<double> ReadRnnState(const OpContext& ctx, int index, const RnnProblem& p);

// One step for direction `dir` and batch row `b`: reads x (input_size values) and updates `state` in place
// (`state_count` blocks of `hidden` values, the hidden state H first).
using RnnStep = std::function<void(int64_t dir, int64_t b, const double* x, double* state)>;

struct RnnRun {
  std::vector<double> y;       // [seq][dir][batch][hidden]
  std::vector<double> finals;  // [state][dir][batch][hidden]
};

// Runs every direction over every batch row; `initial` holds `state_count` blocks, each [dir][batch][hidden].
RnnRun RunRnnRecurrence(const RnnProblem& p, int state_count, const std::vector<std::vector<double>>& initial,
                        const RnnStep& step);

// Sets output 0 (Y) and outputs 1.. (the final states, in order) in the problem's layout, where requested.
void WriteRnnOutputs(OpContext& ctx, const RnnProblem& p, const RnnRun& run, int state_count);

// Clips to [-clip, clip] when clip > 0.
inline double RnnClip(double v, double clip) {
  return clip > 0 ? (v < -clip ? -clip : (v > clip ? clip : v)) : v;
}

}  // namespace parity::ref

namespace parity::ref {
// Dot product of n doubles.
inline double RnnDot(const double* a, const double* b, int64_t n) {
  double s = 0;
  for (int64_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}
}  // namespace parity::ref
