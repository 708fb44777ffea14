// Reading and rewriting the docs the tests keep true. Paths are relative to the source tree.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::docs_test {

inline std::string doc_path(std::string_view relative) {
  return std::string(FLOWC_SOURCE_DIR) + "/" + std::string(relative);
}

inline std::string read_doc(std::string_view relative) {
  std::ifstream in(doc_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + doc_path(relative));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_doc(std::string_view relative, const std::string& text) {
  std::ofstream out(doc_path(relative), std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + doc_path(relative));
}

// FLOWC_UPDATE_DOCS=1 rewrites the generated parts of the docs instead of failing.
inline bool updating_docs() {
  const char* value = std::getenv("FLOWC_UPDATE_DOCS");
  return value != nullptr && std::string_view(value) == "1";
}

inline constexpr std::string_view kRegenerateHint =
    "regenerate with: FLOWC_UPDATE_DOCS=1 ./build/tests/test_docs (then review and commit the docs)";

// A fenced code block: its info string (```flow -> "flow"), its text, and the line of its fence.
struct CodeBlock {
  std::string info;
  std::string text;
  int line = 0;
};

inline std::vector<CodeBlock> code_blocks(const std::string& markdown) {
  std::vector<CodeBlock> blocks;
  std::istringstream in(markdown);
  std::string line;
  int number = 0;
  bool inside = false;
  CodeBlock block;
  while (std::getline(in, line)) {
    ++number;
    if (!inside && line.starts_with("```")) {
      inside = true;
      block = CodeBlock{line.substr(3), {}, number};
    } else if (inside && line.starts_with("```")) {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block.text += line + "\n";
    }
  }
  if (inside) throw std::runtime_error("a code block opened at line " + std::to_string(block.line) + " never closes");
  return blocks;
}

// The cells of a Markdown table row (`| a | b |` -> {"a", "b"}), trimmed; an escaped `\|` stays
// inside its cell. Empty when `line` is not a table row.
inline std::vector<std::string> table_cells(std::string_view line) {
  std::vector<std::string> cells;
  if (!line.starts_with('|')) return cells;
  std::string current;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      current += '|';
      ++i;
    } else if (line[i] == '|') {
      const std::size_t begin = current.find_first_not_of(' ');
      const std::size_t end = current.find_last_not_of(' ');
      cells.push_back(begin == std::string::npos ? std::string() : current.substr(begin, end - begin + 1));
      current.clear();
    } else {
      current += line[i];
    }
  }
  return cells;
}

// The text between two marker lines (exclusive), or npos positions when either is missing.
struct Section {
  std::size_t begin = std::string::npos;  // first character after the opening marker's line
  std::size_t end = std::string::npos;    // first character of the closing marker
  bool found() const { return begin != std::string::npos && end != std::string::npos && begin <= end; }
};

inline Section section_between(const std::string& text, std::string_view open, std::string_view close) {
  Section section;
  const std::size_t open_at = text.find(open);
  if (open_at == std::string::npos) return section;
  const std::size_t line_end = text.find('\n', open_at);
  if (line_end == std::string::npos) return section;
  section.begin = line_end + 1;
  if (close.empty()) {
    section.end = text.size();
  } else {
    section.end = text.find(close, section.begin);
  }
  return section;
}

}  // namespace flowc::docs_test
