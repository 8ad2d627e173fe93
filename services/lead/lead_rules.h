// The lead service's domain rules, as plain functions tested without a
// server: what a valid enterprise, activity, referrer and lead look like,
// which status changes are allowed, and the time-limit deadlines of a lead.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/directory.h"
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
