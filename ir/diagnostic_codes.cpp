#include "ir/diagnostic_codes.hpp"

#include <array>

namespace flowc {
namespace {

using namespace codes;

constexpr std::array kAllCodes{
    kUnknownConnector, kUnknownAccount,    kUnknownAction, kWrongActionKind, kDuplicateName,   kReservedName,
    kNoSource,         kManySources,       kUnknownField,  kMissingField,    kDuplicateField,  kWrongType,
    kBadChoice,        kSecretLiteral,     kBadNumber,     kUndefinedName,   kLaterSend,       kSelfReference,
    kNoSuchMember,     kNotAvailableHere,  kUnknownFilter, kFilterArgs,      kBadResultValue,  kResultOrdering,
    kBadRegex,         kNotComparable,     kBadTime,       kBadInterval,     kUnknownTimeZone, kAfterSelf,
    kUnknownSetting,   kSettingRange,      kManySettings,  kIrInconsistent,  kUnusedSend,      kNeverTrue,
    kUnreachable,      kDuplicateSchedule, kInsecureTls,   kSecretOverHttp,  kUnknownColumn,   kSourceFileUnread,
};

}  // namespace

std::span<const DiagnosticCode> diagnostic_codes() {
  return kAllCodes;
}

const DiagnosticCode* find_diagnostic_code(std::string_view code) {
  for (const DiagnosticCode& entry : kAllCodes) {
    if (entry.code == code) return &entry;
  }
  return nullptr;
}

}  // namespace flowc
