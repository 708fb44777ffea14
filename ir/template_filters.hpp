// The template filters (`{{ row.name | upper }}`) the language knows: declared once, used by the
// checker (unknown filter, wrong argument count) and by the runtime (which implements each one).
#pragma once

#include <span>
#include <string_view>

namespace flowc {

struct TemplateFilterSpec {
  std::string_view name;
  int min_args;
  int max_args;
  std::string_view usage;        // "truncate(n)"
  std::string_view description;  // one line for docs/language.md
};

std::span<const TemplateFilterSpec> template_filters();
const TemplateFilterSpec* find_template_filter(std::string_view name);

}  // namespace flowc
