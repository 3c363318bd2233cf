#include "harness/core/environment.h"

#include <google/protobuf/stubs/common.h>
#include <opencv2/core/version.hpp>
#include <Eigen/Core>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace parity {

namespace {

std::string ReadLineStartingWith(const std::string& path, const std::string& prefix) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

std::string AfterColon(const std::string& line) {
  const auto pos = line.find(':');
  if (pos == std::string::npos) return "";
  const auto start = line.find_first_not_of(" \t", pos + 1);
  return start == std::string::npos ? "" : line.substr(start);
}

std::vector<std::string> KernelFlags() {
  std::istringstream flags(AfterColon(ReadLineStartingWith("/proc/cpuinfo", "flags")));
  std::vector<std::string> out;
  std::string f;
  const char* interesting[] = {"avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_vnni", "avx512_bf16",
                               "avx2",    "fma",      "f16c",     "avx",      "sse4_2",      "amx_tile"};
  while (flags >> f) {
    for (const char* i : interesting) {
      if (f == i) out.push_back(f);
    }
  }
  return out;
}

std::string OsName() {
  std::string pretty = ReadLineStartingWith("/etc/os-release", "PRETTY_NAME=");
  if (!pretty.empty()) pretty = pretty.substr(12);
  if (pretty.size() >= 2 && pretty.front() == '"') pretty = pretty.substr(1, pretty.size() - 2);
  std::ifstream v("/proc/sys/kernel/osrelease");
  std::string kernel;
  std::getline(v, kernel);
  return pretty + (kernel.empty() ? "" : ", Linux " + kernel);
}

int64_t MemoryBytes() {
  const std::string line = ReadLineStartingWith("/proc/meminfo", "MemTotal:");
  std::istringstream in(AfterColon(line));
  int64_t kb = 0;
  in >> kb;
  return kb * 1024;
}

std::string GitRevision() {
  const std::string cmd = std::string("git -C '") + PARITY_SOURCE_DIR + "' rev-parse --short HEAD 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  std::array<char, 64> buf{};
  std::string out;
  if (fgets(buf.data(), buf.size(), pipe)) out = buf.data();
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

report::Environment CaptureEnvironment() {
  report::Environment e;
  e.cpu_model = AfterColon(ReadLineStartingWith("/proc/cpuinfo", "model name"));
  e.cpu_flags = KernelFlags();
  e.cores = std::thread::hardware_concurrency();
  e.memory_bytes = MemoryBytes();
  e.os = OsName();
  e.compiler = std::string("GCC ") + __VERSION__;
  e.build_type = PARITY_BUILD_TYPE;
  e.libraries["protobuf"] = google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION);
  e.libraries["opencv"] = CV_VERSION;
  e.libraries["eigen"] = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
                         std::to_string(EIGEN_MINOR_VERSION);
  e.libraries["onnx"] = "1.12 (Debian libonnx)";
  e.git_revision = GitRevision();
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size()) == 0) e.hostname = host.data();
  return e;
}

}  // namespace parity
