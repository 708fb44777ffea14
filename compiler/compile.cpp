#include "compiler/compile.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "compiler/check/checker.hpp"
#include "compiler/lower.hpp"
#include "compiler/parse/parser.hpp"

namespace flowc {

CompileResult compile_source(std::string path, std::string text, const CheckOptions& options) {
  CompileResult result{SourceFile(std::move(path), std::move(text)), {}, std::nullopt};
  const ast::Flow flow = parse_flow(result.source, result.diagnostics);
  if (!result.diagnostics.has_errors()) check_flow(flow, result.source, result.diagnostics, options);
  if (!result.diagnostics.has_errors()) result.flow = lower_flow(flow, result.source.path());
  result.diagnostics.sort_by_position();
  return result;
}

CompileResult compile_file(const std::string& path, const CheckOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw std::runtime_error("cannot read " + path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read " + path + ": read error");
  return compile_source(path, text.str(), options);
}

}  // namespace flowc
