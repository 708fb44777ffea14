#include "runtime/eval/template_render.hpp"

#include <gtest/gtest.h>

#include "eval_test_support.hpp"
#include "runtime/eval/eval_error.hpp"

namespace flowc::runtime {
namespace {

using namespace flowc::runtime::testing;

TEST(RenderTemplate, JoinsLiteralsAndReferences) {
  const MapScope scope{{"row.product", "Чай"}, {"row.qty", "3"}};
  EXPECT_EQ(render_template({part("row.product"), lit(" x "), part("row.qty")}, scope), "Чай x 3");
}

TEST(RenderTemplate, EmptyTemplateIsEmptyText) {
  EXPECT_EQ(render_template({}, MapScope{}), "");
}

TEST(RenderTemplate, AppliesFiltersLeftToRight) {
  const MapScope scope{{"row.name", "  олена  "}, {"row.note", ""}};
  EXPECT_EQ(render_template({part("row.name", {filter("trim"), filter("upper")})}, scope), "ОЛЕНА");
  EXPECT_EQ(render_template({part("row.name", {filter("upper"), filter("truncate", {"3"})})}, scope), "  О");
  EXPECT_EQ(render_template({part("row.note", {filter("default", {"-"}), filter("json")})}, scope), "\"-\"");
}

TEST(RenderTemplate, CellValuesAreNotRenderedAgain) {
  const MapScope scope{{"row.x", "{{env.SECRET}}"}};
  EXPECT_EQ(render_template({part("row.x")}, scope), "{{env.SECRET}}");
}

TEST(RenderTemplate, MissingReferenceThrowsTheScopesMessage) {
  const MapScope scope;
  try {
    render_template({lit("a "), part("row.qty")}, scope);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_STREQ(error.what(), "row 7 has no column \"row.qty\"");
  }
}

TEST(RenderTemplate, FilterErrorNamesReferenceAndFilter) {
  const MapScope scope{{"row.amount", "lots"}};
  try {
    render_template({part("row.amount", {filter("number")})}, scope);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_STREQ(error.what(), "{{row.amount | number}}: \"lots\" is not a number");
  }
}

TEST(RenderTemplate, FilterErrorOnEnvValueDoesNotShowTheValue) {
  const MapScope scope{{"env.API_KEY", "sk-secret-123"}};
  try {
    render_template({part("env.API_KEY", {filter("number")})}, scope);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_EQ(std::string(error.what()).find("sk-secret"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("env.API_KEY | number"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace flowc::runtime
