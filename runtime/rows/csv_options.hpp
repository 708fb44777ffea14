// How a CSV file is read: its own header so that the record reader (the tokenizer) and the
// sources built on it both depend on it, rather than the reader on one of its users.
#pragma once

#include <cstddef>
#include <string>

namespace flowc::runtime {

struct CsvOptions {
  char delimiter = ',';
  bool header = true;  // the first record names the columns
  // The file's encoding as iconv names it ("cp1251", "utf-16"): converted to UTF-8 as it is read.
  // Empty: the file is UTF-8, and a cell that is not valid UTF-8 is a DataError.
  std::string encoding = {};
  // A longer record is an error rather than a reason to buffer the file (an unclosed quote would
  // otherwise swallow everything after it).
  std::size_t max_record_bytes = std::size_t{16} << 20;
};

}  // namespace flowc::runtime
