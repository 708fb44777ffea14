#include "runtime/sandbox/csv.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace flowc::sandbox {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Walks the text once; `field`/`record` accumulate until a separator ends them.
class CsvParser {
 public:
  explicit CsvParser(std::string_view text) : text_(text) {
    if (text_.starts_with(kUtf8Bom)) text_.remove_prefix(kUtf8Bom.size());
  }

  CsvRows parse() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"' && field_.empty() && !quoted_field_) {
        read_quoted();
      } else if (c == ',') {
        end_field();
        ++pos_;
      } else if (c == '\r' || c == '\n') {
        end_record();
        pos_ += (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ? 2 : 1;
        ++line_;
      } else {
        field_ += c;
        ++pos_;
      }
    }
    if (!field_.empty() || !record_.empty() || quoted_field_) end_record();
    return std::move(rows_);
  }

 private:
  void read_quoted() {
    int opened_at = line_;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) throw CsvError(fmt::format("unterminated quoted field starting on line {}", opened_at));
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field_ += '"';
          ++pos_;
          continue;
        }
        quoted_field_ = true;
        return;
      }
      if (c == '\n') ++line_;
      field_ += c;
    }
  }

  void end_field() {
    record_.push_back(std::move(field_));
    field_.clear();
    quoted_field_ = false;
  }

  void end_record() {
    end_field();
    // A blank line is an empty record: keep it, since sheets have empty rows too.
    if (record_.size() == 1 && record_[0].empty()) record_.clear();
    rows_.push_back(std::move(record_));
    record_.clear();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::string field_;
  bool quoted_field_ = false;
  std::vector<std::string> record_;
  CsvRows rows_;
};

}  // namespace

CsvRows parse_csv(std::string_view text) {
  return CsvParser(text).parse();
}

CsvRows read_csv_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw CsvError(fmt::format("{}: cannot read the file", file.string()));
  std::ostringstream content;
  content << in.rdbuf();
  try {
    return parse_csv(content.str());
  } catch (const CsvError& e) {
    throw CsvError(fmt::format("{}: {}", file.string(), e.what()));
  }
}

}  // namespace flowc::sandbox
