// File I/O of results.json: atomic save, load, and the incremental writer.
#include "reports/results_writer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace parity::report {
namespace {

[[noreturn]] void IoFail(const std::string& file, const std::string& what) {
  throw ResultsError(file, "", what + ": " + std::strerror(errno));
}

void WriteAll(int fd, const std::string& data, const std::string& file) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) IoFail(file, "cannot write");
    done += static_cast<size_t>(n);
  }
}

// The rename is durable only once the directory entry is on disk; best effort (some filesystems refuse).
void SyncDirectoryOf(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void SaveResults(const Results& results, const std::string& path) {
  const std::string text = SerializeResults(results);
  const std::string tmp = path + ".tmp";
  // O_TRUNC: a stale .tmp from an earlier crash is simply overwritten.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) IoFail(tmp, "cannot create");
  try {
    WriteAll(fd, text, tmp);
    if (::fsync(fd) != 0) IoFail(tmp, "cannot fsync");
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) IoFail(tmp, "cannot close");
  if (::rename(tmp.c_str(), path.c_str()) != 0) IoFail(path, "cannot rename " + tmp + " to it");
  SyncDirectoryOf(path);
}

Results LoadResults(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ResultsError(path, "", std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ResultsError(path, "", "cannot read");
  return ParseResults(text.str(), path);
}

ResultsWriter::ResultsWriter(std::string path, Results header) : path_(std::move(path)) {
  std::error_code ec;
  if (std::filesystem::exists(path_, ec)) {
    results_ = LoadResults(path_);  // throws on a corrupt file rather than overwriting it
    resumed_ = true;
  } else {
    results_ = std::move(header);
    results_.runs.clear();
  }
  for (size_t i = 0; i < results_.runs.size(); ++i) index_[results_.runs[i].id] = i;
  Flush();
}

const Run* ResultsWriter::Find(const std::string& run_id) const {
  auto it = index_.find(run_id);
  return it == index_.end() ? nullptr : &results_.runs[it->second];
}

void ResultsWriter::Append(Run run) {
  auto it = index_.find(run.id);
  if (it != index_.end()) {
    results_.runs[it->second] = std::move(run);  // a retried point replaces its earlier attempt
  } else {
    index_[run.id] = results_.runs.size();
    results_.runs.push_back(std::move(run));
  }
  Flush();
}

void ResultsWriter::Flush() const {
  SaveResults(results_, path_);
}

}  // namespace parity::report
