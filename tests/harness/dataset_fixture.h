// Test helpers for dataset tests: a fresh temp folder per test, model input descriptions, InputError checks.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness/core/errors.h"
#include "harness/datasets/dataset.h"

namespace parity {

class DatasetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("parity_datasets_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void WriteText(const std::string& name, const std::string& text) const { std::ofstream(Path(name)) << text; }

  std::filesystem::path dir_;
};

inline IoInfo Input(const std::string& name, ElementType type, Dims dims) {
  IoInfo info;
  info.name = name;
  info.type = type;
  info.has_shape = true;
  info.dims = std::move(dims);
  return info;
}

// Runs `fn`, expecting an InputError whose message holds every string in `parts`.
template <typename Fn>
void ExpectInputError(Fn fn, const std::vector<std::string>& parts) {
  try {
    fn();
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    for (const auto& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

}  // namespace parity
