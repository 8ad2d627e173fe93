// One rule for every business date — the day something happened, in China
// Standard Time (README "Business dates"): it is a real calendar day, it is
// not in the future, and it is not before the day the record it belongs to
// began (a follow-up not before its lead was collected, funds not before
// signing, a ledger entry not before the project was recorded …).
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace zs {

// The earliest day a date may name, and what that day is, for the message
// ("the lead's collected_date").
struct DateFloor {
  std::string date;  // YYYY-MM-DD
  std::string what;
};

// INVALID_ARGUMENT naming `field` unless `date` (YYYY-MM-DD) is at most
// `today` and, when `floor` is given, at least floor->date.
absl::Status ValidateBusinessDate(absl::string_view field, absl::string_view date,
                                  absl::CivilDay today,
                                  const std::optional<DateFloor>& floor = std::nullopt);

}  // namespace zs
