// editors/vscode-flow: the extension's JSON files parse, and the TextMate grammar highlights every
// keyword that starts a statement or a branch.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>

namespace {

rapidjson::Document read_json(const std::string& relative) {
  std::ifstream in(std::string(FLOWC_SOURCE_DIR) + "/editors/vscode-flow/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document json;
  json.Parse(text.str().c_str());
  EXPECT_FALSE(json.HasParseError()) << relative;
  return json;
}

TEST(EditorGrammar, ExtensionFilesParseAndPointAtEachOther) {
  const rapidjson::Document package = read_json("package.json");
  ASSERT_TRUE(package.IsObject());
  const auto& grammar_entry = package["contributes"]["grammars"][0];
  EXPECT_STREQ(grammar_entry["scopeName"].GetString(), "source.flow");
  EXPECT_STREQ(grammar_entry["path"].GetString(), "./syntaxes/flow.tmLanguage.json");
  EXPECT_TRUE(read_json("language-configuration.json").IsObject());
}

TEST(EditorGrammar, KeywordsAreHighlighted) {
  const rapidjson::Document grammar = read_json("syntaxes/flow.tmLanguage.json");
  ASSERT_TRUE(grammar.IsObject());
  EXPECT_STREQ(grammar["scopeName"].GetString(), "source.flow");
  const std::string keywords = grammar["repository"]["statement-keyword"]["match"].GetString();
  for (const char* keyword : {"flow", "account", "source", "send", "if", "then", "else", "end", "schedule", "settings",
                              "where", "every", "at", "after", "timezone"}) {
    EXPECT_NE(keywords.find(std::string("|") + keyword + "|") == std::string::npos &&
                  keywords.find(std::string("(") + keyword + "|") == std::string::npos &&
                  keywords.find(std::string("|") + keyword + ")") == std::string::npos,
              true)
        << keyword;
  }
}

}  // namespace
