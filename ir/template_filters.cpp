#include "ir/template_filters.hpp"

#include <array>

namespace flowc {
namespace {

constexpr std::array kFilters{
    TemplateFilterSpec{"upper", 0, 0, "upper", "Upper-cases the text (Latin, Cyrillic and Greek letters)."},
    TemplateFilterSpec{"lower", 0, 0, "lower", "Lower-cases the text (Latin, Cyrillic and Greek letters)."},
    TemplateFilterSpec{"trim", 0, 0, "trim", "Removes leading and trailing white space."},
    TemplateFilterSpec{"default", 1, 1, "default(x)", "Uses x when the value is empty."},
    TemplateFilterSpec{"number", 0, 0, "number",
                       "Normalises a number written with spaces or a decimal comma (\"1 234,50\" -> 1234.5)."},
    TemplateFilterSpec{"date", 1, 1, "date(fmt)",
                       "Reformats a date or date-time (ISO 8601, DD.MM.YYYY, MM/DD/YYYY) with strftime-style fmt."},
    TemplateFilterSpec{"json", 0, 0, "json", "Encodes the value as a JSON string literal."},
    TemplateFilterSpec{"truncate", 1, 1, "truncate(n)", "Keeps at most n characters (never splits a UTF-8 character)."},
    TemplateFilterSpec{"replace", 2, 2, "replace(a, b)", "Replaces every occurrence of a with b."},
    TemplateFilterSpec{"urlencode", 0, 0, "urlencode", "Percent-encodes the value for use in a URL."},
};

}  // namespace

std::span<const TemplateFilterSpec> template_filters() { return kFilters; }

const TemplateFilterSpec* find_template_filter(std::string_view name) {
  for (const TemplateFilterSpec& spec : kFilters) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace flowc
