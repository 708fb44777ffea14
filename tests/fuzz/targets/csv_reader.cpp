// The CSV source on arbitrary file contents (with and without a header, a small record limit so
// the limit's path is reached too). Bad files must end in DataError or runtime_error.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

#include "runtime/rows/csv_source.hpp"
#include "runtime/rows/row.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/flowc-fuzz-csv-" + std::to_string(getpid()) + ".csv";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                static_cast<std::streamsize>(size));
  for (const bool header : {true, false}) {
    flowc::runtime::CsvOptions options;
    options.header = header;
    options.delimiter = size > 0 && data[0] == ';' ? ';' : ',';
    options.max_record_bytes = 256;
    try {
      flowc::runtime::CsvSource source(path, options);
      while (source.next()) {
      }
    } catch (const std::runtime_error&) {  // DataError included
    }
  }
  return 0;
}
