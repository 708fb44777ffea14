// Every code the checker and the IR validator report: stable, one-line titled, listed in the docs.
// Syntax codes E001..E019 belong to the parser; these are E020..E099 and W001..W099.
#pragma once

#include <span>
#include <string_view>

namespace flowc {

struct DiagnosticCode {
  std::string_view code;
  std::string_view title;
};

namespace codes {
// Names: accounts, sources, sends and what they point at.
inline constexpr DiagnosticCode kUnknownConnector{"E020", "unknown connector"};
inline constexpr DiagnosticCode kUnknownAccount{"E021", "unknown account"};
inline constexpr DiagnosticCode kUnknownAction{"E022", "unknown action"};
inline constexpr DiagnosticCode kWrongActionKind{"E023", "source action used as a send, or send action as a source"};
inline constexpr DiagnosticCode kDuplicateName{"E024", "name defined twice"};
inline constexpr DiagnosticCode kReservedName{"E025", "name reserved for built-in values"};
inline constexpr DiagnosticCode kNoSource{"E026", "flow has no source"};
inline constexpr DiagnosticCode kManySources{"E027", "flow has more than one source"};
// Fields.
inline constexpr DiagnosticCode kUnknownField{"E030", "unknown field"};
inline constexpr DiagnosticCode kMissingField{"E031", "missing required field"};
inline constexpr DiagnosticCode kDuplicateField{"E032", "field set twice"};
inline constexpr DiagnosticCode kWrongType{"E033", "value of the wrong type"};
inline constexpr DiagnosticCode kBadChoice{"E034", "value is not one of the allowed choices"};
inline constexpr DiagnosticCode kSecretLiteral{"E035", "secret written as a literal"};
inline constexpr DiagnosticCode kBadNumber{"E036", "number, duration or rate out of range"};
// References and templates.
inline constexpr DiagnosticCode kUndefinedName{"E040", "reference to an undefined name"};
inline constexpr DiagnosticCode kLaterSend{"E041", "reference to a send defined later"};
inline constexpr DiagnosticCode kSelfReference{"E042", "send refers to itself"};
inline constexpr DiagnosticCode kNoSuchMember{"E043", "referenced thing has no such field"};
inline constexpr DiagnosticCode kNotAvailableHere{"E044", "value not available here"};
inline constexpr DiagnosticCode kUnknownFilter{"E045", "unknown template filter"};
inline constexpr DiagnosticCode kFilterArgs{"E046", "wrong number of filter arguments"};
// Conditions.
inline constexpr DiagnosticCode kBadResultValue{
    "E050", "send result compared to something other than success, fail or skipped"};
inline constexpr DiagnosticCode kResultOrdering{"E051", "send result compared with an operator other than == or !="};
inline constexpr DiagnosticCode kBadRegex{"E052", "invalid regular expression"};
inline constexpr DiagnosticCode kNotComparable{"E053", "value cannot be compared"};
// Schedules.
inline constexpr DiagnosticCode kBadTime{"E060", "invalid time of day"};
inline constexpr DiagnosticCode kBadInterval{"E061", "schedule interval must be positive"};
inline constexpr DiagnosticCode kUnknownTimeZone{"E062", "unknown time zone"};
inline constexpr DiagnosticCode kAfterSelf{"E063", "flow scheduled after itself"};
// Settings.
inline constexpr DiagnosticCode kUnknownSetting{"E070", "unknown setting"};
inline constexpr DiagnosticCode kSettingRange{"E071", "setting out of range"};
inline constexpr DiagnosticCode kManySettings{"E072", "more than one settings block"};
// Loaded IR (flowc run on a compiled file).
inline constexpr DiagnosticCode kIrInconsistent{"E090", "compiled IR is inconsistent"};

// Warnings.
inline constexpr DiagnosticCode kUnusedSend{"W001", "named send never referenced"};
inline constexpr DiagnosticCode kNeverTrue{"W002", "condition can never be true"};
inline constexpr DiagnosticCode kUnreachable{"W003", "branch can never run"};
inline constexpr DiagnosticCode kDuplicateSchedule{"W004", "schedule repeats another"};
inline constexpr DiagnosticCode kInsecureTls{"W005", "TLS certificate verification turned off"};
inline constexpr DiagnosticCode kSecretOverHttp{"W006", "secret sent over plain http to a remote host"};
inline constexpr DiagnosticCode kUnknownColumn{"W007", "column not in the source file's header"};
inline constexpr DiagnosticCode kSourceFileUnread{"W008", "source file could not be read to check its columns"};
}  // namespace codes

// Every code above, in code order, for docs and for tests that keep the table honest.
std::span<const DiagnosticCode> diagnostic_codes();
const DiagnosticCode* find_diagnostic_code(std::string_view code);

}  // namespace flowc
