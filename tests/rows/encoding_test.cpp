// Files that are not UTF-8: reported by row, column and byte unless the source names their
// encoding, and then converted as they are read.
#include <string>

#include "tests/rows/rows_fixture.hpp"

namespace flowc::testing {
namespace {

constexpr int kExitFlowErrors = 1;
constexpr int kExitRowErrors = 5;

// "Стілець" (a chair) as Excel on Ukrainian Windows saves it: cp1251.
const std::string kChairCp1251 = "\xD1\xF2\xB3\xEB\xE5\xF6\xFC";
const std::string kChairUtf8 = "Стілець";

// UTF-16LE bytes, with a byte order mark, of text given as UTF-16 code units.
std::string utf16le_with_bom(const std::u16string& text) {
  std::string bytes = "\xFF\xFE";
  for (const char16_t unit : text) {
    bytes += static_cast<char>(unit & 0xFF);
    bytes += static_cast<char>(unit >> 8);
  }
  return bytes;
}

using Encodings = RowsRun;

TEST_F(Encodings, Cp1251WithoutEncodingIsARowErrorThatSuggestsIt) {
  write_flow("key = id");
  write_csv("id,name\n1,chair\n2," + kChairCp1251 + "\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 3, column \"name\": not valid UTF-8 at byte 0 of the cell (byte 0xD1)"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("set its encoding on the source, e.g. `encoding = \"cp1251\"`"), std::string::npos) << run.out;
  EXPECT_EQ(copied(), "id,name\n1,chair\n");  // the garbled row is not sent
}

TEST_F(Encodings, Cp1251WithItsEncodingIsConverted) {
  write_flow("key = id  encoding = \"cp1251\"");
  write_csv("id,name\n1," + kChairCp1251 + "\n");
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(copied(), "id,name\n1," + kChairUtf8 + "\n");
}

TEST_F(Encodings, AByteTheEncodingLacksStopsTheReadingAtItsRow) {
  write_flow("key = id  encoding = \"cp1251\"");
  write_csv("id,name\n1," + kChairCp1251 + "\n2,a\x98z\n3,lamp\n");  // 0x98 is no cp1251 character
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, kExitRowErrors) << run.out << run.err;
  EXPECT_NE(run.out.find("row 3: byte 0x98 at byte 21 of the file is not a cp1251 character"), std::string::npos)
      << run.out;
  EXPECT_EQ(copied(), "id,name\n1," + kChairUtf8 + "\n");
}

TEST_F(Encodings, Utf16IsConvertedAcrossChunksOfTheFile) {
  write_flow("key = id  encoding = \"utf-16\"");
  // Each row is 14 code units (28 bytes), so a surrogate pair straddles the reader's 64 KiB chunks.
  std::u16string text = u"id,name\n";
  std::string expected = "id,name\n";
  for (int id = 10000; id < 13000; ++id) {
    text += std::u16string(u"") + static_cast<char16_t>(u'0' + id / 10000) +
            static_cast<char16_t>(u'0' + id / 1000 % 10) + static_cast<char16_t>(u'0' + id / 100 % 10) +
            static_cast<char16_t>(u'0' + id / 10 % 10) + static_cast<char16_t>(u'0' + id % 10) + u",Стілець😀\n";
    expected += std::to_string(id) + "," + kChairUtf8 + "😀\n";
  }
  write_csv(utf16le_with_bom(text));
  const CommandResult run = flowc("run");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(copied(), expected);
}

TEST_F(Encodings, Utf16WithoutEncodingSuggestsIt) {
  write_flow("key = id");
  write_csv(utf16le_with_bom(u"id,name\n1,chair\n"));
  const CommandResult run = flowc("run");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("the header's column A: not valid UTF-8 at byte 0 of the cell (byte 0xFF)"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("set `encoding = \"utf-16\"` on the source"), std::string::npos) << run.err;
  EXPECT_EQ(copied(), "");
}

TEST_F(Encodings, CheckRejectsAnUnknownEncoding) {
  write_flow("key = id  encoding = \"cp1521\"");
  const CommandResult check = run_flowc("check " + flow_);
  EXPECT_EQ(check.exit_code, kExitFlowErrors) << check.out << check.err;
  EXPECT_NE(check.err.find("`cp1521` is not a valid `encoding`"), std::string::npos) << check.err;
}

// `flowc check` reads the header as the run does: in the file's encoding, and a header that is
// not UTF-8 without one is a warning that suggests it.
TEST_F(Encodings, CheckReadsTheHeaderInTheFilesEncoding) {
  write_flow("key = id", "columns.id = row.id  columns.name = row.nme");
  write_csv("id,name," + kChairCp1251 + "\n1,chair,2\n");
  const CommandResult unread = run_flowc("check " + flow_);
  EXPECT_NE(unread.err.find("warning[W008]"), std::string::npos) << unread.err;
  EXPECT_NE(unread.err.find("the header's column C: not valid UTF-8 at byte 0 of the cell (byte 0xD1)"),
            std::string::npos)
      << unread.err;
  EXPECT_NE(unread.err.find("`encoding = \"cp1251\"`"), std::string::npos) << unread.err;

  write_flow("key = id  encoding = \"cp1251\"", "columns.id = row.id  columns.name = row.nme");
  const CommandResult read = run_flowc("check " + flow_);
  EXPECT_EQ(read.err.find("W008"), std::string::npos) << read.err;
  EXPECT_NE(read.err.find("warning[W007]: `nme` is not a column of"), std::string::npos) << read.err;
}

}  // namespace
}  // namespace flowc::testing
