#include "tools/flowtest/report.hpp"

#include <fmt/format.h>

namespace flowc::flowtest {

namespace {

std::string case_title(const CaseResult& result) {
  std::string numbered = fmt::format("row {}", result.number);
  return result.name == numbered ? numbered : fmt::format("{} \"{}\"", numbered, result.name);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string diff_text(const CaseResult& result) {
  std::string out;
  for (const Difference& difference : result.differences) {
    out += fmt::format("  {}\n    expected: {}\n    actual:   {}\n", difference.path, difference.expected,
                       difference.actual);
  }
  return out;
}

std::string text_report(const std::vector<FileResult>& results) {
  std::string out;
  std::size_t rows = 0, failed = 0, broken = 0;
  for (const FileResult& file : results) {
    if (!file.error.empty()) {
      ++broken;
      out += fmt::format("ERROR {}\n", file.error);
      continue;
    }
    rows += file.cases.size();
    failed += file.failures();
    if (file.passed()) {
      out += fmt::format("PASS {} ({} rows, {:.2f}s)\n", file.file, file.cases.size(), file.seconds);
      continue;
    }
    for (const CaseResult& result : file.cases) {
      if (result.passed()) continue;
      out += fmt::format("FAIL {}: {}\n{}", file.file, case_title(result), diff_text(result));
    }
  }
  out += fmt::format("\n{} test file(s), {} row(s): {} passed, {} failed", results.size(), rows, rows - failed, failed);
  if (broken > 0) out += fmt::format(", {} file(s) could not run", broken);
  out += "\n";
  return out;
}

std::string junit_report(const std::vector<FileResult>& results) {
  std::string suites;
  std::size_t tests = 0, failures = 0, errors = 0;
  double seconds = 0;
  for (const FileResult& file : results) {
    seconds += file.seconds;
    const std::string name = xml_escape(file.file);
    if (!file.error.empty()) {
      ++tests;
      ++errors;
      suites += fmt::format(
          "  <testsuite name=\"{0}\" tests=\"1\" failures=\"0\" errors=\"1\" time=\"{1:.3f}\">\n"
          "    <testcase classname=\"{0}\" name=\"load\" time=\"{1:.3f}\">\n"
          "      <error message=\"the test could not run\">{2}</error>\n"
          "    </testcase>\n  </testsuite>\n",
          name, file.seconds, xml_escape(file.error));
      continue;
    }
    tests += file.cases.size();
    failures += file.failures();
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3f}\">\n", name,
                          file.cases.size(), file.failures(), file.seconds);
    for (const CaseResult& result : file.cases) {
      suites += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", name, xml_escape(case_title(result)));
      if (result.passed()) {
        suites += "/>\n";
        continue;
      }
      suites += fmt::format(">\n      <failure message=\"{} difference(s)\">{}</failure>\n    </testcase>\n",
                            result.differences.size(), xml_escape(diff_text(result)));
    }
    suites += "  </testsuite>\n";
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"flowc test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n{}</testsuites>\n",
      tests, failures, errors, seconds, suites);
}

}  // namespace flowc::flowtest
