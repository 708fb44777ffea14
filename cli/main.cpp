// flowc: compile, check and run .flow integrations.
#include <CLI/CLI.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  CLI::App app{"flowc: a declarative workflow compiler and runner"};
  app.set_version_flag("--version", FLOWC_VERSION);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
