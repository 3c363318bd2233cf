#include <functional>

#include "harness/backends/backend.h"
#include "harness/backends/external_backend.h"
#include "harness/backends/opencv_backend.h"
#include "harness/backends/reference_backend.h"
#include "harness/core/errors.h"
#ifdef PARITY_HAVE_RUNTIME
#include "harness/backends/runtime_backend.h"
#endif

namespace parity {

namespace {

using Factory = std::function<std::unique_ptr<Backend>(const BackendOptions&)>;

const std::vector<std::pair<std::string, Factory>>& Factories() {
  static const std::vector<std::pair<std::string, Factory>> factories = {
      {"reference", [](const BackendOptions& o) { return std::make_unique<ReferenceBackend>(o); }},
      {"opencv", [](const BackendOptions& o) { return std::make_unique<OpenCvBackend>(o); }},
      {"external", [](const BackendOptions& o) { return std::make_unique<ExternalBackend>(o); }},
#ifdef PARITY_HAVE_RUNTIME
      {"runtime", [](const BackendOptions& o) { return std::make_unique<RuntimeBackend>(o); }},
#endif
  };
  return factories;
}

}  // namespace

std::vector<std::string> BackendKinds() {
  std::vector<std::string> kinds;
  for (const auto& [kind, factory] : Factories()) kinds.push_back(kind);
  return kinds;
}

std::unique_ptr<Backend> CreateBackend(const std::string& kind, const BackendOptions& options) {
  std::string allowed;
  for (const auto& [name, factory] : Factories()) {
    if (name == kind) return factory(options);
    allowed += (allowed.empty() ? "" : ", ") + name;
  }
  throw InputError("unknown backend '" + kind + "'; allowed: " + allowed);
}

}  // namespace parity
