// The project service's domain rules as plain functions: the stage machine,
// what a valid project and request look like, and working-day deadlines.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/directory.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;
namespace lv1 = ::zhaoshang::lead::v1;

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

// A new project starts PROMOTED or NEGOTIATING (UNSPECIFIED: NEGOTIATING);
// INVALID_ARGUMENT naming project.stage for any later stage.
absl::StatusOr<v1::Stage> FirstStage(v1::Stage asked);

// Before signing the investment is an estimate anyone may correct; after,
// it changes only through RecordCapitalIncrease (FAILED_PRECONDITION
// INVESTMENT_FIXED_AFTER_SIGNING).
absl::Status CheckInvestmentChange(int64_t project_id, v1::Stage stage, int64_t before,
                                   int64_t after);

// ---- Stage moves ----

// A move of a project to another stage, as the transition RPCs ask for it.
struct StageMove {
  int64_t project_id = 0;
  std::string etag = {};  // optional: checked when given
  v1::Stage to = v1::STAGE_UNSPECIFIED;
  std::string effective_date = {};            // defaults to today
  std::string date_field = "effective_date";  // the request's name for it, for errors
  int64_t signed_investment_wan_yuan = 0;     // SignProject only
  int64_t activity_id = 0;                    // SignProject: the event it was signed at
  std::string reason = {};                    // DropProject
};

// A project as a change finds it, locked.
struct ProjectState {
  v1::Stage stage = v1::STAGE_UNSPECIFIED;
  int64_t investment_wan_yuan = 0;
  // The day of its last business change (YYYY-MM-DD; "" for none): the
  // creation row is when it was keyed in, and a rollover is derived.
  std::string last_effective_date = {};
  // Its ledger holds a MEASURE entry (read only for a move to SIGNED).
  bool has_measure = false;
};

// What a stage move writes.
struct PlannedMove {
  std::string effective_date;  // YYYY-MM-DD
  int64_t investment_wan_yuan = 0;
  // Completing or dropping voids the year rollovers dated after the move.
  bool voids_later_rollovers = false;
};

// The day a change takes effect: `date` (YYYY-MM-DD) or, when empty, today
// but not before the project's last change; INVALID_ARGUMENT naming `field`
// when it is not a day, is after `today` or before that last change.
absl::StatusOr<std::string> EffectiveDate(absl::string_view field, const std::string& date,
                                          const ProjectState& project, absl::CivilDay today);

// The transition `move` makes of `project` on `today`, or the refusal: the
// stage machine (FAILED_PRECONDITION), the effective date, signing with a
// signed investment (INVALID_ARGUMENT) and a measure in the ledger
// (FAILED_PRECONDITION NO_MEASURES) — 'signed projects: clear numbers,
// clear situation, solid measures' — and dropping with a reason.
absl::StatusOr<PlannedMove> PlanMove(const ProjectState& project, const StageMove& move,
                                     absl::CivilDay today);

// ---- Other changes to a locked project ----

// A capital increase applies to a signed project (before signing the
// investment is corrected with UpdateProject): FAILED_PRECONDITION
// NOT_SIGNED.
absl::Status CheckCapitalIncrease(int64_t project_id, v1::Stage stage);
// Only a signed project is re-signed: FAILED_PRECONDITION NOT_SIGNED.
absl::Status CheckResigning(int64_t project_id, v1::Stage stage);
// Funds arrive for signed projects: FAILED_PRECONDITION NOT_SIGNED.
absl::Status CheckFundsArrival(int64_t project_id, v1::Stage stage);
// A dropped project keeps its investor: FAILED_PRECONDITION PROJECT_DROPPED.
absl::Status CheckInvestorChange(int64_t project_id, v1::Stage stage);
// A hand-over goes to another unit: INVALID_ARGUMENT naming unit_code when
// `to` is already the responsible unit `from`.
absl::Status CheckHandOver(const std::string& from, const std::string& to);

// An enterprise request moves OPEN → IN_PROGRESS, and from OPEN or
// IN_PROGRESS to any other state; FAILED_PRECONDITION
// ILLEGAL_REQUEST_TRANSITION otherwise.
absl::Status CheckRequestTransition(int64_t request_id, v1::RequestState from, v1::RequestState to);

// ---- Converting a lead ----

// The project a NEW or FOLLOWING `lead` becomes: `asked` with what it
// leaves unset taken from the lead (name from its title, industry, chain
// action, estimated investment, unit), tied to the lead and its enterprise,
// collected by the lead's unit or else its office. FAILED_PRECONDITION
// LEAD_NOT_OPEN for a lead in any other status; INVALID_ARGUMENT naming
// project.unit_code when an office's lead names no responsible unit.
absl::StatusOr<v1::Project> ProjectFromLead(const lv1::Lead& lead, const v1::Project& asked);

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
