#include "bench/flow_gen.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace flowc::bench {
namespace {

constexpr int kDepth = 6;  // `if`s nested in each block

std::string header() {
  return R"flow(flow "bench: generated flow"

account crm   = keepincrm { api_key = env.KEEPINCRM_API_KEY }
account bot   = telegram  { bot_token = env.TELEGRAM_BOT_TOKEN }
account files = csv       { dir = "data" }

source row = files.new_rows {
  path  = "orders.csv"
  key   = id
  where row.id is not empty and row.status != "draft" and row.amount >= 10
}

settings { concurrency = 8  retries = 3  timeout = 20s }
)flow";
}

// One block: an update, then a chain of `if`s, each creating or alerting one level deeper.
std::string block(int n) {
  std::string out = fmt::format(R"flow(
send u{0} = crm.update_order {{
  find_by = id
  id      = row.id
  title   = "{{{{row.product | trim | upper}}}} x {{{{row.qty}}}} for {{{{row.customer | default("unknown")}}}} ({{{{row.city}}}}, {{{{row.country}}}})"
  total   = row.amount
  comment = "block {0}: row {{{{row.number}}}} of {{{{flow.name}}}}, status {{{{row.status}}}}, note {{{{row.note | trim}}}}"
}}
)flow",
                                n);
  std::string indent;
  std::string prev = fmt::format("u{}", n);
  for (int d = 0; d < kDepth; ++d) {
    out += fmt::format("{0}if {1}.result == fail and row.status != \"cancelled\" or {1}.status >= 500 then\n", indent,
                       prev);
    indent += "  ";
    std::string name = fmt::format("c{}_{}", n, d);
    out += fmt::format(R"flow({0}send {1} = crm.create_order {{
{0}  title         = "{{{{row.product}}}} x {{{{row.qty}}}}, retry {2} after {{{{{3}.errors}}}}"
{0}  total         = row.amount
{0}  client.person = row.customer
{0}  client.phones = [row.phone]
{0}}}
)flow",
                       indent, name, d, prev);
    prev = name;
  }
  out += fmt::format(R"flow({0}send bot.send_message {{
{0}  chat_id = env.TELEGRAM_CHAT_ID
{0}  text    = """
{0}    Order {{{{row.id}}}} ({{{{row.product}}}} x {{{{row.qty}}}}) could not be synced after {1} tries.
{0}    Last error: {{{{{2}.errors}}}}; customer {{{{row.customer}}}}, phone {{{{row.phone}}}}.
{0}    Flow: {{{{flow.name}}}} ({{{{flow.file}}}}), run {{{{run.id}}}}
{0}    """
{0}}}
)flow",
                     indent, kDepth, prev);
  for (int d = kDepth; d > 0; --d) {
    indent.resize(indent.size() - 2);
    out += indent + "end\n";
  }
  return out;
}

}  // namespace

std::string generate_flow(std::size_t lines) {
  std::string out = header();
  auto count = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
  for (int n = 0; count < lines; ++n) {
    const std::string next = block(n);
    count += static_cast<std::size_t>(std::count(next.begin(), next.end(), '\n'));
    out += next;
  }
  return out;
}

}  // namespace flowc::bench
