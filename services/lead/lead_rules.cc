#include "services/lead/lead_rules.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/business_date.h"
#include "common/errors.h"
#include "common/security/scope.h"
#include "common/validation.h"

namespace zs::lead {
namespace {

namespace common = ::zhaoshang::common::v1;
using google::protobuf::util::TimeUtil;

absl::Status RequireEnum(absl::string_view field, int value, bool (*is_valid)(int), bool required) {
  if (!is_valid(value)) return InvalidField(field, absl::StrCat("unknown value ", value));
  if (required && value == 0) return InvalidField(field, "is required");
  return absl::OkStatus();
}

// Exactly one of unit_code / office_code, each known to the directory.
absl::Status ValidateCollector(absl::string_view prefix, const std::string& unit_code,
                               const std::string& office_code, const Directory& directory) {
  if (unit_code.empty() == office_code.empty()) {
    return InvalidField(absl::StrCat(prefix, ".unit_code"),
                        "set exactly one of unit_code and office_code");
  }
  if (!unit_code.empty() && !directory.IsUnit(unit_code)) {
    return InvalidField(absl::StrCat(prefix, ".unit_code"),
                        absl::StrCat("unknown unit '", unit_code, "'"));
  }
  if (!office_code.empty() && !directory.IsOffice(office_code)) {
    return InvalidField(absl::StrCat(prefix, ".office_code"),
                        absl::StrCat("unknown remote office '", office_code, "'"));
  }
  return absl::OkStatus();
}

v1::LeadDeadline Deadline(v1::LeadDeadline::Kind kind, absl::Time due,
                          const std::optional<absl::Time>& met, bool open, absl::Time now) {
  v1::LeadDeadline deadline;
  deadline.set_kind(kind);
  *deadline.mutable_due_time() = TimeUtil::TimeTToTimestamp(absl::ToTimeT(due));
  if (met) {
    *deadline.mutable_met_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(*met));
  }
  deadline.set_overdue(open && !met && due < now);
  return deadline;
}

}  // namespace

absl::Status ValidateEnterprise(const v1::Enterprise& e) {
  ZS_RETURN_IF_ERROR(ValidateRequiredText("enterprise.name", e.name(), kMaxNameChars));
  if (!e.credit_code().empty()) {
    ZS_RETURN_IF_ERROR(ValidateCreditCode("enterprise.credit_code", e.credit_code()));
  }
  ZS_RETURN_IF_ERROR(
      RequireEnum("enterprise.type", e.type(), common::EnterpriseType_IsValid, false));
  ZS_RETURN_IF_ERROR(
      RequireEnum("enterprise.industry", e.industry(), common::Industry_IsValid, true));
  ZS_RETURN_IF_ERROR(ValidateOptionalText("enterprise.region", e.region(), kMaxShortTextChars));
  ZS_RETURN_IF_ERROR(
      ValidateOptionalText("enterprise.contact_name", e.contact_name(), kMaxShortTextChars));
  return ValidateOptionalText("enterprise.contact_phone", e.contact_phone(), 40);
}

absl::Status ValidateReferrer(const v1::Referrer& r) {
  ZS_RETURN_IF_ERROR(RequireEnum("referrer.kind", r.kind(), v1::Referrer::Kind_IsValid, true));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("referrer.name", r.name(), kMaxNameChars));
  if (r.enterprise_id() < 0) return InvalidField("referrer.enterprise_id", "must not be negative");
  return ValidateOptionalText("referrer.contact", r.contact(), kMaxShortTextChars);
}

absl::Status ValidateActivity(const v1::Activity& a, const Directory& directory) {
  ZS_RETURN_IF_ERROR(RequireEnum("activity.kind", a.kind(), v1::ActivityKind_IsValid, true));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("activity.title", a.title(), kMaxNameChars));
  ZS_RETURN_IF_ERROR(ValidateCollector("activity", a.unit_code(), a.office_code(), directory));
  if (!a.leader_code().empty() && !directory.IsLeader(a.leader_code())) {
    return InvalidField("activity.leader_code",
                        absl::StrCat("unknown leader '", a.leader_code(), "'"));
  }
  ZS_RETURN_IF_ERROR(
      ValidateOptionalText("activity.destination", a.destination(), kMaxShortTextChars));
  ZS_RETURN_IF_ERROR(ValidateDate("activity.start_date", a.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate("activity.end_date", a.end_date()));
  if (a.end_date() < a.start_date()) {
    return InvalidField("activity.end_date", "is before start_date");
  }
  for (int64_t id : a.enterprise_ids()) {
    if (id <= 0) return InvalidField("activity.enterprise_ids", "ids must be positive");
  }
  if (a.enterprise_ids_size() > 200) {
    return InvalidField("activity.enterprise_ids", "lists more than 200 enterprises");
  }
  return ValidateOptionalText("activity.notes", a.notes(), kMaxLongTextChars);
}

absl::Status ValidateLead(const v1::Lead& l, const Directory& directory) {
  ZS_RETURN_IF_ERROR(ValidateRequiredText("lead.title", l.title(), kMaxNameChars));
  if (l.enterprise_id() <= 0) return InvalidField("lead.enterprise_id", "is required");
  ZS_RETURN_IF_ERROR(RequireEnum("lead.channel", l.channel(), common::Channel_IsValid, true));
  ZS_RETURN_IF_ERROR(RequireEnum("lead.industry", l.industry(), common::Industry_IsValid, true));
  ZS_RETURN_IF_ERROR(
      RequireEnum("lead.chain_action", l.chain_action(), common::ChainAction_IsValid, false));
  ZS_RETURN_IF_ERROR(
      ValidateMoney("lead.estimated_investment_wan_yuan", l.estimated_investment_wan_yuan()));
  ZS_RETURN_IF_ERROR(ValidateCollector("lead", l.unit_code(), l.office_code(), directory));
  ZS_RETURN_IF_ERROR(
      ValidateOptionalText("lead.follow_up_owner", l.follow_up_owner(), kMaxShortTextChars));
  if (l.activity_id() < 0) return InvalidField("lead.activity_id", "must not be negative");
  if (l.referrer_id() < 0) return InvalidField("lead.referrer_id", "must not be negative");
  const bool referred = l.channel() == common::CHANNEL_BUSINESS_BRINGS_BUSINESS ||
                        l.channel() == common::CHANNEL_ENTRUSTED_AGENCY;
  if (referred && l.referrer_id() == 0) {
    return InvalidField("lead.referrer_id",
                        "is required for business-brings-business and entrusted-agency "
                        "leads (name the ambassador or agency)");
  }
  ZS_RETURN_IF_ERROR(ValidateDate("lead.collected_date", l.collected_date()));
  return ValidateOptionalText("lead.description", l.description(), kMaxLongTextChars);
}

absl::Status ValidateFollowUp(const v1::FollowUp& f) {
  if (f.lead_id() <= 0) return InvalidField("follow_up.lead_id", "is required");
  ZS_RETURN_IF_ERROR(RequireEnum("follow_up.kind", f.kind(), v1::FollowUp::Kind_IsValid, true));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("follow_up.content", f.content(), kMaxLongTextChars));
  if (!f.follow_up_date().empty()) {
    ZS_RETURN_IF_ERROR(ValidateDate("follow_up.follow_up_date", f.follow_up_date()));
  }
  return absl::OkStatus();
}

absl::Status ValidateCollectedDate(const v1::Lead& lead, absl::CivilDay today) {
  return ValidateBusinessDate("lead.collected_date", lead.collected_date(), today);
}

absl::Status ValidateFollowUpDate(const v1::FollowUp& follow_up, absl::string_view collected_date,
                                  absl::CivilDay today) {
  return ValidateBusinessDate(
      "follow_up.follow_up_date", follow_up.follow_up_date(), today,
      DateFloor{.date = std::string(collected_date), .what = "the lead's collected_date"});
}

absl::Status ValidateTimeLimits(const v1::LeadTimeLimits& limits) {
  const std::pair<const char*, int> fields[] = {
      {"limits.respond_hours", limits.respond_hours()},
      {"limits.assess_hours", limits.assess_hours()},
      {"limits.referrer_feedback_hours", limits.referrer_feedback_hours()},
      {"limits.progress_interval_days", limits.progress_interval_days()}};
  for (const auto& [field, value] : fields) {
    if (value <= 0) return InvalidField(field, "must be greater than zero");
    if (value > 24 * 366) return InvalidField(field, "is longer than a year");
  }
  return absl::OkStatus();
}

absl::Status ValidateDateRange(absl::string_view field, const common::DateRange& range,
                               bool required) {
  if (range.start_date().empty() && range.end_date().empty() && !required) {
    return absl::OkStatus();
  }
  ZS_RETURN_IF_ERROR(ValidateDate(absl::StrCat(field, ".start_date"), range.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate(absl::StrCat(field, ".end_date"), range.end_date()));
  if (range.end_date() < range.start_date()) {
    return InvalidField(absl::StrCat(field, ".end_date"), "is before start_date");
  }
  return absl::OkStatus();
}

bool IsOpen(v1::LeadStatus status) {
  return status == v1::LEAD_STATUS_NEW || status == v1::LEAD_STATUS_FOLLOWING;
}

absl::Status CheckOpen(int64_t lead_id, v1::LeadStatus status, absl::string_view action) {
  if (IsOpen(status)) return absl::OkStatus();
  return FailedPrecondition("LEAD_NOT_OPEN",
                            absl::StrCat("lead ", lead_id, " is ", v1::LeadStatus_Name(status),
                                         "; only NEW or FOLLOWING leads can be ", action));
}

absl::StatusOr<bool> IsRepeatConversion(int64_t lead_id, v1::LeadStatus status,
                                        int64_t converted_into, int64_t project_id) {
  if (status == v1::LEAD_STATUS_CONVERTED) {
    if (converted_into == project_id) return true;
    return FailedPrecondition(
        "LEAD_ALREADY_CONVERTED",
        absl::StrCat("lead ", lead_id, " was already converted into project ", converted_into));
  }
  ZS_RETURN_IF_ERROR(CheckOpen(lead_id, status, "converted"));
  return false;
}

absl::Status CheckNotMerged(const v1::Lead& lead) {
  if (lead.status() != v1::LEAD_STATUS_MERGED) return absl::OkStatus();
  return FailedPrecondition("LEAD_MERGED",
                            absl::StrCat("lead ", lead.id(), " was merged into lead ",
                                         lead.merged_into_id(), "; update that one"));
}

absl::Status LeadAlreadyOpen(int64_t enterprise_id, const OpenLead& open, const Principal& viewer) {
  const bool may_read = !IsUnitScoped(viewer) || open.owner_code == viewer.unit_code;
  if (!may_read) {
    return AlreadyExists(
        "LEAD_ALREADY_OPEN",
        absl::StrCat("enterprise ", enterprise_id,
                     " is already being followed by another unit or office; ask the bureau "
                     "to coordinate"));
  }
  return AlreadyExists("LEAD_ALREADY_OPEN",
                       absl::StrCat("enterprise ", enterprise_id, " already has open lead ",
                                    open.id, " (", open.title, "); add a follow-up to it instead"));
}

absl::Status ValidateDroppedDate(const std::string& dropped_date, const std::string& collected_date,
                                 const std::string& last_change_date, absl::CivilDay today) {
  if (dropped_date.empty()) return absl::OkStatus();
  DateFloor floor{collected_date, "the lead's collected_date"};
  if (last_change_date > floor.date) {
    floor = {last_change_date, "the lead's previous status change"};
  }
  return ValidateBusinessDate("dropped_date", dropped_date, today, floor);
}

absl::Status ValidateMergePair(int64_t survivor, int64_t duplicate, const std::string& reason) {
  if (survivor <= 0) return InvalidField("survivor_id", "is required");
  if (duplicate <= 0) return InvalidField("duplicate_id", "is required");
  if (survivor == duplicate) return InvalidField("duplicate_id", "is the same as survivor_id");
  return ValidateOptionalText("reason", reason, kMaxLongTextChars);
}

absl::Status CheckEnterpriseMergeable(int64_t enterprise_id, int64_t merged_into) {
  if (merged_into == 0) return absl::OkStatus();
  return FailedPrecondition(
      "ENTERPRISE_MERGED",
      absl::StrCat("enterprise ", enterprise_id, " was already merged into ", merged_into));
}

absl::Status CheckOpenLeadsMergeable(const std::vector<int64_t>& open_lead_ids) {
  if (open_lead_ids.size() <= 1) return absl::OkStatus();
  return FailedPrecondition("BOTH_HAVE_OPEN_LEADS",
                            absl::StrCat("both enterprises have open leads (", open_lead_ids[0],
                                         " and ", open_lead_ids[1], "); merge those leads first"));
}

absl::Status CheckLeadMergeable(int64_t lead_id, v1::LeadStatus status, bool is_duplicate) {
  if (status == v1::LEAD_STATUS_MERGED || status == v1::LEAD_STATUS_DROPPED) {
    return FailedPrecondition("LEAD_NOT_MERGEABLE",
                              absl::StrCat("lead ", lead_id, " is ", v1::LeadStatus_Name(status),
                                           " and cannot take part in a merge"));
  }
  if (is_duplicate && status == v1::LEAD_STATUS_CONVERTED) {
    return FailedPrecondition(
        "LEAD_NOT_MERGEABLE",
        absl::StrCat("lead ", lead_id, " was converted into a project; merge the other way"));
  }
  return absl::OkStatus();
}

absl::Status CheckEnterpriseNotMerged(const v1::Enterprise& enterprise) {
  if (enterprise.merged_into_id() == 0) return absl::OkStatus();
  return FailedPrecondition("ENTERPRISE_MERGED",
                            absl::StrCat("enterprise ", enterprise.id(), " was merged into ",
                                         enterprise.merged_into_id(), "; update that one"));
}

std::vector<v1::LeadDeadline> ComputeDeadlines(const LeadMilestones& m,
                                               const v1::LeadTimeLimits& limits, absl::Time now) {
  std::vector<v1::LeadDeadline> deadlines;
  deadlines.push_back(Deadline(v1::LeadDeadline::KIND_RESPOND,
                               m.created + absl::Hours(limits.respond_hours()), m.responded, m.open,
                               now));
  deadlines.push_back(Deadline(v1::LeadDeadline::KIND_ASSESS,
                               m.created + absl::Hours(limits.assess_hours()), m.assessed, m.open,
                               now));
  if (m.has_referrer) {
    deadlines.push_back(Deadline(v1::LeadDeadline::KIND_REFERRER_FEEDBACK,
                                 m.created + absl::Hours(limits.referrer_feedback_hours()),
                                 m.referrer_feedback, m.open, now));
  }
  if (m.open) {
    const absl::Time since = m.last_progress.value_or(m.created);
    deadlines.push_back(Deadline(v1::LeadDeadline::KIND_PROGRESS_REPORT,
                                 since + absl::Hours(24 * limits.progress_interval_days()),
                                 std::nullopt, m.open, now));
  }
  return deadlines;
}

}  // namespace zs::lead
