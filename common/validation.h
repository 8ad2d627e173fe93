// Input checks shared by every service. Each returns OK or an InvalidField
// status naming `field`, so handlers can validate a request in one pass.
#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace zs {

// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters
// from 0-9 and A-Z without I, O, S, V, Z; the last is a check character over
// the first 17 with weights 3^i mod 31.
absl::Status ValidateCreditCode(absl::string_view field, absl::string_view code);
// The check character for the first 17 characters, or '\0' if any is invalid.
char CreditCodeCheckCharacter(absl::string_view first17);

// A calendar date written YYYY-MM-DD (years 1900..2200).
absl::Status ValidateDate(absl::string_view field, absl::string_view date);
absl::CivilDay ParseDateOrDie(absl::string_view date);
std::string FormatDate(absl::CivilDay day);

// The year a plan, target, calendar or report is for: 2000..2100, the
// district's records and a margin (dates themselves allow 1900..2200).
absl::Status ValidateYear(absl::string_view field, int year);
// The same for a filter, where 0 means any year.
absl::Status ValidateOptionalYear(absl::string_view field, int year);

// Money in 万元: never negative, at most 10^9 万元 (10 trillion CNY).
absl::Status ValidateMoney(absl::string_view field, int64_t wan_yuan);

// Required text of at most `max_chars` Unicode characters, valid UTF-8,
// holding at least one letter, digit or ideograph (common/text.h: blanks of
// any kind, invisible characters and punctuation alone are not text).
absl::Status ValidateRequiredText(absl::string_view field, absl::string_view text,
                                  size_t max_chars);
absl::Status ValidateOptionalText(absl::string_view field, absl::string_view text,
                                  size_t max_chars);

// A client request id (AIP-155): required, 1..64 printable ASCII characters.
absl::Status ValidateRequestId(absl::string_view request_id);

// Number of Unicode code points, or -1 when `text` is not valid UTF-8.
int64_t Utf8Length(absl::string_view text);

// Every string field of a request, at any depth, is valid UTF-8 without NUL
// characters (PostgreSQL text cannot hold NUL; libpq would silently cut the
// value there). INVALID_ARGUMENT names the first offending field path.
absl::Status ValidateRequestStrings(const google::protobuf::Message& request);

}  // namespace zs
