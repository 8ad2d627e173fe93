// The lead service's domain rules, as plain functions tested without a
// server: what a valid enterprise, activity, referrer and lead look like,
// which status changes and merges are allowed, who hears of another's open
// lead, and the time-limit deadlines of a lead.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory.h"
#include "common/principal.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

// Text limits, in characters.
inline constexpr size_t kMaxNameChars = 200;
inline constexpr size_t kMaxShortTextChars = 100;
inline constexpr size_t kMaxLongTextChars = 4000;

absl::Status ValidateEnterprise(const v1::Enterprise& enterprise);
absl::Status ValidateReferrer(const v1::Referrer& referrer);
absl::Status ValidateActivity(const v1::Activity& activity, const Directory& directory);
// `lead.collected_date` must be set (callers default it to today first).
absl::Status ValidateLead(const v1::Lead& lead, const Directory& directory);
absl::Status ValidateFollowUp(const v1::FollowUp& follow_up);
// Business dates (common/business_date.h): a lead is not collected after
// `today`; a follow-up is dated from the lead's collection to `today`.
absl::Status ValidateCollectedDate(const v1::Lead& lead, absl::CivilDay today);
absl::Status ValidateFollowUpDate(const v1::FollowUp& follow_up, absl::string_view collected_date,
                                  absl::CivilDay today);
absl::Status ValidateTimeLimits(const v1::LeadTimeLimits& limits);
absl::Status ValidateDateRange(absl::string_view field,
                               const zhaoshang::common::v1::DateRange& range, bool required);

bool IsOpen(v1::LeadStatus status);

// ---- Decisions on a lead's status ----

// OK for an open (NEW or FOLLOWING) lead; else FAILED_PRECONDITION
// LEAD_NOT_OPEN saying it cannot be `action` ("followed up", "dropped").
absl::Status CheckOpen(int64_t lead_id, v1::LeadStatus status, absl::string_view action);

// Converting lead `lead_id` (in `status`; when CONVERTED, into project
// `converted_into`) into `project_id`: true when it is a repeat into the
// same project (how a half-done conversion is repaired: it answers as the
// first call did), false when it is to be converted now; FAILED_PRECONDITION
// LEAD_ALREADY_CONVERTED (into another project) or LEAD_NOT_OPEN.
absl::StatusOr<bool> IsRepeatConversion(int64_t lead_id, v1::LeadStatus status,
                                        int64_t converted_into, int64_t project_id);

// A merged lead is changed through its survivor: FAILED_PRECONDITION
// LEAD_MERGED naming it.
absl::Status CheckNotMerged(const v1::Lead& lead);

// The enterprise's open lead, as a new lead for it finds it.
struct OpenLead {
  int64_t id = 0;
  std::string title;
  std::string owner_code;  // its unit or office
};

// One open lead per enterprise: ALREADY_EXISTS LEAD_ALREADY_OPEN. The open
// lead is named only to a `viewer` who may read it (the bureau, its own
// unit or office); anyone else learns only that another unit or office
// follows the enterprise.
absl::Status LeadAlreadyOpen(int64_t enterprise_id, const OpenLead& open, const Principal& viewer);

// A lead is dropped (`dropped_date`, YYYY-MM-DD; "" for today, nothing to
// check) no later than `today` and no earlier than it was collected or last
// changed status (`last_change_date`, "" for never); INVALID_ARGUMENT
// naming dropped_date.
absl::Status ValidateDroppedDate(const std::string& dropped_date, const std::string& collected_date,
                                 const std::string& last_change_date, absl::CivilDay today);

// ---- Merges ----

// Two different records and a reason of bounded length: INVALID_ARGUMENT
// naming survivor_id, duplicate_id or reason.
absl::Status ValidateMergePair(int64_t survivor, int64_t duplicate, const std::string& reason);

// An enterprise merged already (into `merged_into`, 0 for not) takes part
// in no other merge: FAILED_PRECONDITION ENTERPRISE_MERGED.
absl::Status CheckEnterpriseMergeable(int64_t enterprise_id, int64_t merged_into);

// Two enterprises merge only when at most one has an open lead (their
// leads are merged first): FAILED_PRECONDITION BOTH_HAVE_OPEN_LEADS naming
// the first two of `open_lead_ids`.
absl::Status CheckOpenLeadsMergeable(const std::vector<int64_t>& open_lead_ids);

// A merged or dropped lead takes part in no merge, and a converted one
// only as the survivor (its project stays with it): FAILED_PRECONDITION
// LEAD_NOT_MERGEABLE.
absl::Status CheckLeadMergeable(int64_t lead_id, v1::LeadStatus status, bool is_duplicate);

// A merged enterprise is changed through its survivor: FAILED_PRECONDITION
// ENTERPRISE_MERGED.
absl::Status CheckEnterpriseNotMerged(const v1::Enterprise& enterprise);

// When each time limit of a lead was met; unset while not met.
struct LeadMilestones {
  absl::Time created;
  std::optional<absl::Time> responded = std::nullopt;
  std::optional<absl::Time> assessed = std::nullopt;
  std::optional<absl::Time> referrer_feedback = std::nullopt;
  std::optional<absl::Time> last_progress = std::nullopt;
  bool has_referrer = false;
  bool open = true;
};

// Deadlines under `limits` as of `now`. Closed leads (converted, dropped,
// merged) owe nothing further: only met deadlines and none overdue. The
// progress report recurs: it is due `progress_interval_days` after the last
// follow-up (or after creation when there is none).
std::vector<v1::LeadDeadline> ComputeDeadlines(const LeadMilestones& milestones,
                                               const v1::LeadTimeLimits& limits, absl::Time now);

}  // namespace zs::lead
