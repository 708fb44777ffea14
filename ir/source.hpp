// A flow's source text and positions inside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// A region of the source text. Lines and columns are 1-based; columns count bytes.
struct Span {
  std::size_t offset = 0;
  std::uint32_t line = 0;  // 0 means "no position" (e.g. a whole-file problem)
  std::uint32_t column = 0;
  std::uint32_t length = 0;

  bool known() const { return line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
};

// The text of one .flow file, with a line index for printing diagnostics.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // The text of 1-based line `line`, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  // The span starting at `offset` and covering `length` bytes.
  Span span_at(std::size_t offset, std::uint32_t length) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace flowc
