// Incremental, crash-safe writer of results.json, one finished run at a time.
//
// Contract
// - The constructor loads an existing file at `path` and keeps its header and finished runs (resume); a missing file
//   starts from `header`. Either way it writes the file at once, so an unwritable path fails before any work.
//   An existing file that does not load throws ResultsError: it is never overwritten (it may hold hours of work).
// - A leftover `path`.tmp (from a crash mid-write) is ignored and replaced on the next write.
// - Append() adds a run, or replaces the run with the same id, then rewrites the whole file to `path`.tmp, fsyncs
//   it and rename()s it over `path` (atomic on POSIX): a crash or kill -9 at any point leaves either the previous
//   or the new complete file, never a torn one, and never loses a run that Append() returned from.
// - Thread-compatible: one writer per file, calls from one thread at a time.
#pragma once

#include <string>
#include <unordered_map>

#include "reports/results.h"

namespace parity::report {

class ResultsWriter {
 public:
  ResultsWriter(std::string path, Results header);

  bool resumed() const { return resumed_; }  // true when an existing file was loaded
  bool Has(const std::string& run_id) const { return index_.count(run_id) != 0; }
  const Run* Find(const std::string& run_id) const;  // nullptr when absent
  void Append(Run run);
  const Results& results() const { return results_; }
  const std::string& path() const { return path_; }

 private:
  void Flush() const;

  std::string path_;
  Results results_;
  std::unordered_map<std::string, size_t> index_;  // run id -> position in results_.runs
  bool resumed_ = false;
};

}  // namespace parity::report
