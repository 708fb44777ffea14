// A scratch directory per test, removed afterwards, and whole-file helpers.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace flowc::runtime::testing {

class TempDirTest : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return temp_.file(name); }
  std::string write(const std::string& name, const std::string& content) const { return temp_.write(name, content); }
  std::string read(const std::string& name) const { return temp_.read(name); }

  ::flowc::testing::TempDir temp_;
  std::filesystem::path dir_ = temp_.path();
};

}  // namespace flowc::runtime::testing
