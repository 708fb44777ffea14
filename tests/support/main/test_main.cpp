// The main of every test executable: GoogleTest's, after installing the built-in connector
// catalog as flowc's own main does (a test that needs another catalog installs it and puts the
// built-in one back).
#include <gtest/gtest.h>

#include "compiler/catalog/builtin_catalog.hpp"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  flowc::manifest::install_builtin_catalog();
  return RUN_ALL_TESTS();
}
