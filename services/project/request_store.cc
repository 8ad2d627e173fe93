#include "services/project/request_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"
#include "services/project/project_store.h"
#include "services/project/queries.h"

namespace zs::project {
namespace {

// The columns of request.get and request.list.
void RequestFromRow(const pqxx::row& row, v1::EnterpriseRequest* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_project_id(FieldNamed(row, "project_id").as<int64_t>());
  out->set_category(FieldNamed(row, "category").as<std::string>());
  out->set_content(FieldNamed(row, "content").as<std::string>());
  out->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
  out->set_time_limit_working_days(FieldNamed(row, "time_limit_working_days").as<int>());
  out->set_raised_date(FieldNamed(row, "raised_date").as<std::string>());
  out->set_due_date(FieldNamed(row, "due_date").as<std::string>());
  out->set_agency_service(FieldNamed(row, "agency_service").as<bool>());
  out->set_state(static_cast<v1::RequestState>(FieldNamed(row, "state").as<int>()));
  out->set_resolution(FieldNamed(row, "resolution").as<std::string>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  out->set_overdue(FieldNamed(row, "overdue").as<bool>());
}

WorkingCalendar LoadCalendar(pqxx::transaction_base& tx, const std::string& from) {
  WorkingCalendar calendar;
  // A year ahead covers any time limit the rules allow (≤ 250 working days).
  for (const pqxx::row& row : Exec(tx, queries::kCalendarDaysAfter, from)) {
    (row["is_holiday"].as<bool>() ? calendar.holidays : calendar.working_weekends)
        .insert(ParseDateOrDie(row["day"].as<std::string>()));
  }
  return calendar;
}

}  // namespace

absl::Status RequestStore::Create(pqxx::transaction_base& tx,
                                  const v1::CreateEnterpriseRequestRequest& request,
                                  v1::EnterpriseRequest* out) const {
  v1::EnterpriseRequest r = request.enterprise_request();
  if (r.raised_date().empty()) r.set_raised_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateEnterpriseRequest(r, directory_));
  // NOT_FOUND when there is no such project.
  ZS_RETURN_IF_ERROR(ProjectStage(tx, r.project_id()).status());
  const absl::CivilDay due =
      AddWorkingDays(ParseDateOrDie(r.raised_date()), r.time_limit_working_days(),
                     LoadCalendar(tx, r.raised_date()));
  const int64_t id = Exec(tx, queries::kRequestCreate, r.project_id(), r.category(), r.content(),
                          r.unit_code(), r.time_limit_working_days(), r.raised_date(),
                          FormatDate(due), r.agency_service())[0]["id"]
                         .as<int64_t>();
  return Get(tx, id, out);
}

absl::Status RequestStore::Get(pqxx::transaction_base& tx, int64_t id,
                               v1::EnterpriseRequest* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = Exec(tx, queries::kRequestGet, TodayInChinaString(), id);
  if (rows.empty()) return NotFound("enterprise request", id);
  RequestFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RequestStore::List(pqxx::transaction_base& tx,
                                const v1::ListEnterpriseRequestsRequest& request,
                                const std::string& leader_code,
                                v1::ListEnterpriseRequestsResponse* out) const {
  if (!v1::RequestState_IsValid(request.state())) return InvalidField("state", "unknown value");
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kRequestList, TodayInChinaString(), NullIfZero(request.project_id()),
           NullIfEmpty(request.unit_code()), NullIfZero(request.state()), request.overdue_only(),
           page.after_id(), page.fetch_limit(), NullIfEmpty(leader_code));
  page.Fill(rows, out->mutable_enterprise_requests(), out->mutable_next_page_token(),
            RequestFromRow);
  return absl::OkStatus();
}

absl::Status RequestStore::Move(pqxx::transaction_base& tx, int64_t id, const std::string& etag,
                                v1::RequestState to, const std::string& resolution,
                                v1::EnterpriseRequest* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  if (to == v1::REQUEST_STATE_REJECTED) {
    ZS_RETURN_IF_ERROR(ValidateRequiredText("reason", resolution, 4000));
  } else {
    ZS_RETURN_IF_ERROR(ValidateOptionalText("resolution", resolution, 4000));
  }
  const pqxx::result rows = Exec(tx, queries::kRequestLock, id);
  if (rows.empty()) return NotFound("enterprise request", id);
  ZS_RETURN_IF_ERROR(
      CheckEtag("enterprise_request", id, etag, rows[0]["version"].as<int64_t>(), "etag"));
  const auto state = static_cast<v1::RequestState>(rows[0]["state"].as<int>());
  ZS_RETURN_IF_ERROR(CheckRequestTransition(id, state, to));
  Exec(tx, queries::kRequestMove, id, static_cast<int>(to), resolution);
  return Get(tx, id, out);
}

absl::Status RequestStore::SetHolidays(pqxx::transaction_base& tx,
                                       const v1::SetHolidaysRequest& request,
                                       v1::SetHolidaysResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", request.year()));
  const std::string prefix = absl::StrCat(request.year(), "-");
  for (const auto& [field, days] : {std::pair{"holiday_dates", &request.holiday_dates()},
                                    std::pair{"working_weekends", &request.working_weekends()}}) {
    for (const std::string& day : *days) {
      ZS_RETURN_IF_ERROR(ValidateDate(field, day));
      if (day.rfind(prefix, 0) != 0) {
        return InvalidField(field, absl::StrCat(day, " is not in ", request.year()));
      }
    }
  }
  Exec(tx, queries::kCalendarClearYear, request.year());
  for (const std::string& day : request.holiday_dates()) {
    Exec(tx, queries::kCalendarAddHoliday, day);
  }
  for (const std::string& day : request.working_weekends()) {
    Exec(tx, queries::kCalendarAddWorkingWeekend, day);
  }
  out->set_holidays(request.holiday_dates_size());
  out->set_working_weekends(request.working_weekends_size());
  return absl::OkStatus();
}

}  // namespace zs::project
