// The sample flow of DESIGN.md ("The language (contract)") parses cleanly into the expected shape.
#include <gtest/gtest.h>

#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kDesignSample = R"flow(# samples/keepincrm_update_or_create.flow
flow "orders: update in KeepinCRM, else create, else alert"

account sheets = google_sheets { api_key   = env.GOOGLE_API_KEY }
account crm    = keepincrm     { api_key   = env.KEEPINCRM_API_KEY }
account bot    = telegram      { bot_token = env.TELEGRAM_BOT_TOKEN }

source row = sheets.new_rows {
  spreadsheet = "1AbCdEf..."
  sheet       = "Orders"
  where row.order_id is not empty and row.status != "draft"
}

send update = crm.update_order {
  find_by = id
  id      = row.order_id
  title   = "{{row.product}} x {{row.qty}}"
  total   = row.amount
  comment = "synced from sheet row {{row.number}}"
}

if update.result == fail then
  send create = crm.create_order {
    title          = "{{row.product}} x {{row.qty}}"
    total          = row.amount
    client.person  = row.customer
    client.phones  = [row.phone]
  }
  if create.result == fail then
    send bot.send_message {
      chat_id = env.TELEGRAM_CHAT_ID
      text    = """
        Order {{row.order_id}} was neither updated nor created.
        Error: {{create.errors}}
        Flow: {{flow.name}} ({{flow.file}}), run {{run.id}}
        """
    }
  end
end

schedule every 15m
schedule at 09:00, 18:30 timezone "Europe/Kyiv"
schedule after "clients-sync"
)flow";

TEST(DesignSample, ParsesWithoutDiagnostics) {
  const Parsed parsed = parse(kDesignSample);
  EXPECT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Flow& flow = parsed.flow;
  ASSERT_TRUE(flow.name.has_value());
  EXPECT_EQ(flow.name->text, "orders: update in KeepinCRM, else create, else alert");
  ASSERT_EQ(flow.accounts.size(), 3u);
  EXPECT_EQ(flow.accounts[1].name.text, "crm");
  EXPECT_EQ(flow.accounts[1].connector.text, "keepincrm");
  EXPECT_EQ(flow.accounts[1].fields.at(0).value.reference.dotted(), "env.KEEPINCRM_API_KEY");

  ASSERT_EQ(flow.sources.size(), 1u);
  const ast::Source& source = flow.sources[0];
  EXPECT_EQ(source.account.text, "sheets");
  EXPECT_EQ(source.action.text, "new_rows");
  EXPECT_EQ(source.fields.size(), 2u);
  ASSERT_TRUE(source.where.has_value());
  EXPECT_EQ(source.where->kind, ast::Condition::Kind::And);

  ASSERT_EQ(flow.steps.size(), 2u);
  EXPECT_EQ(flow.steps[0].kind, ast::Step::Kind::Send);
  EXPECT_EQ(flow.steps[0].send.name->text, "update");
  EXPECT_EQ(flow.steps[0].send.fields.size(), 5u);
  ASSERT_EQ(flow.steps[1].kind, ast::Step::Kind::If);
  const ast::If& outer = flow.steps[1].if_;
  ASSERT_EQ(outer.branches.size(), 1u);
  ASSERT_EQ(outer.branches[0].body.size(), 2u);
  const ast::Send& create = outer.branches[0].body[0].send;
  EXPECT_EQ(create.fields[2].dotted(), "client.person");
  const ast::If& inner = outer.branches[0].body[1].if_;
  const ast::Send& alert = inner.branches.at(0).body.at(0).send;
  EXPECT_FALSE(alert.name.has_value());
  const ast::TemplateString& text = alert.fields.at(1).value.string;
  EXPECT_TRUE(text.multiline);
  ASSERT_EQ(text.parts.size(), 11u);
  EXPECT_EQ(text.parts[0].text, "Order ");
  EXPECT_EQ(text.parts[2].text, " was neither updated nor created.\nError: ");
  EXPECT_EQ(text.parts[10].text, "\n");

  ASSERT_EQ(flow.schedules.size(), 3u);
  EXPECT_EQ(flow.schedules[0].kind, ast::Schedule::Kind::Every);
  EXPECT_EQ(flow.schedules[0].every.number_text, "15");
  EXPECT_EQ(flow.schedules[0].every.unit, ast::TimeUnit::Minutes);
  EXPECT_EQ(flow.schedules[1].times.size(), 2u);
  EXPECT_EQ(flow.schedules[1].timezone->text, "Europe/Kyiv");
  EXPECT_EQ(flow.schedules[2].after.text, "clients-sync");
}

}  // namespace
}  // namespace flowc::testing
