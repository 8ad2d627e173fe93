// The project service's domain rules as plain functions: the stage machine,
// what a valid project and request look like, and working-day deadlines.
#pragma once

#include <set>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/directory.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;

// Stages a project can be dropped from (everything not finished).
bool IsOpenStage(v1::Stage stage);
// Stages of a project that has been signed and not dropped: those that take
// capital increases, re-signings and funds.
bool IsSignedStage(v1::Stage stage);

// The stages a transition may start from, e.g. STARTED from SIGNED or
// TO_START; DROPPED from any open stage.
std::vector<v1::Stage> AllowedSources(v1::Stage to);

// OK when `from` → `to` is legal, else FAILED_PRECONDITION naming the
// current stage and the stages the move needs.
absl::Status CheckTransition(int64_t project_id, v1::Stage from, v1::Stage to);

absl::Status ValidateProject(const v1::Project& project, const Directory& directory);
absl::Status ValidateLedgerEntry(const v1::LedgerEntry& entry);
// Business dates (common/business_date.h): a ledger entry is not dated
// after `today` (it may precede the day the project was keyed in: history
// is entered late, and a measure comes before the signing it allows);
// funds arrive from the signing day to `today`.
absl::Status ValidateLedgerEntryDate(const v1::LedgerEntry& entry, absl::CivilDay today);
absl::Status ValidateFundsDate(const v1::FundsRecord& funds, absl::string_view signed_date,
                               absl::CivilDay today);
absl::Status ValidateEnterpriseRequest(const v1::EnterpriseRequest& request,
                                       const Directory& directory);

// Days off on weekdays and working weekend days (调休) for deadline counting.
struct WorkingCalendar {
  std::set<absl::CivilDay> holidays;
  std::set<absl::CivilDay> working_weekends;
  bool IsWorkingDay(absl::CivilDay day) const;
};

// The day `working_days` working days after `start` (start itself does not
// count): a request raised on Friday with 1 working day is due Monday.
absl::CivilDay AddWorkingDays(absl::CivilDay start, int working_days,
                              const WorkingCalendar& calendar);

}  // namespace zs::project
