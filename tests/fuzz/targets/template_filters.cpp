// The template renderer on arbitrary values and filter chains. Input: one byte per filter (an
// index into the filter table, up to the first 0xFF byte), then NUL-separated texts: the row's
// value first, then the arguments the filters take in order. Filters must return text or throw
// EvalError, never crash, whatever the value (invalid UTF-8, huge numbers, odd dates).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ir/template_filters.hpp"
#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/template_render.hpp"

namespace {

class OneValueScope : public flowc::runtime::Scope {
 public:
  explicit OneValueScope(std::string value) : value_(std::move(value)) {}
  flowc::runtime::Lookup lookup(const flowc::ir::Ref&) const override { return {true, value_, {}}; }

 private:
  std::string value_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto filters = flowc::template_filters();
  std::size_t at = 0;
  std::vector<std::size_t> chosen;
  while (at < size && data[at] != 0xFF && chosen.size() < 8) chosen.push_back(data[at++] % filters.size());
  if (at < size) ++at;
  std::vector<std::string> texts(1);
  for (; at < size; ++at) {
    if (data[at] == 0) {
      texts.emplace_back();
    } else {
      texts.back() += static_cast<char>(data[at]);
    }
  }
  flowc::ir::TemplatePart part;
  part.is_ref = true;
  part.ref.path = {"value"};
  std::size_t next_text = 1;
  for (std::size_t index : chosen) {
    const flowc::TemplateFilterSpec& spec = filters[index];
    flowc::ir::Filter filter{std::string(spec.name), {}};
    for (int i = 0; i < spec.max_args && next_text < texts.size(); ++i) filter.args.push_back(texts[next_text++]);
    part.filters.push_back(std::move(filter));
  }
  const OneValueScope scope(texts.front());
  try {
    (void)flowc::runtime::render_template({part}, scope);
  } catch (const flowc::runtime::EvalError&) {
  }
  return 0;
}
