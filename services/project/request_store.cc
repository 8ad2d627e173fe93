#include "services/project/request_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"
#include "services/project/project_store.h"

namespace zs::project {
namespace {

// `overdue` is computed against today's date in China at read time.
const char kRequestColumns[] =
    "id, project_id, category, content, unit_code, time_limit_working_days, "
    "to_char(raised_date, 'YYYY-MM-DD'), to_char(due_date, 'YYYY-MM-DD'), agency_service, state, "
    "resolution, version, " ZS_MICROS("created_at") ", state IN (1, 2) AND due_date < $1::date";

void RequestFromRow(const pqxx::row& row, v1::EnterpriseRequest* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_project_id(row[1].as<int64_t>());
  out->set_category(row[2].as<std::string>());
  out->set_content(row[3].as<std::string>());
  out->set_unit_code(row[4].as<std::string>());
  out->set_time_limit_working_days(row[5].as<int>());
  out->set_raised_date(row[6].as<std::string>());
  out->set_due_date(row[7].as<std::string>());
  out->set_agency_service(row[8].as<bool>());
  out->set_state(static_cast<v1::RequestState>(row[9].as<int>()));
  out->set_resolution(row[10].as<std::string>());
  out->set_etag(FormatEtag(row[11].as<int64_t>()));
  SetTimestampMicros(row[12], out->mutable_create_time());
  out->set_overdue(row[13].as<bool>());
}

WorkingCalendar LoadCalendar(pqxx::transaction_base& tx, const std::string& from) {
  WorkingCalendar calendar;
  // A year ahead covers any time limit the rules allow (≤ 250 working days).
  for (const pqxx::row& row :
       tx.exec_params("SELECT to_char(day, 'YYYY-MM-DD'), is_holiday FROM calendar_days "
                      "WHERE day > $1::date AND day <= $1::date + 400",
                      from)) {
    (row[1].as<bool>() ? calendar.holidays : calendar.working_weekends)
        .insert(ParseDateOrDie(row[0].as<std::string>()));
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
  absl::StatusOr<v1::Stage> stage = ProjectStage(tx, r.project_id());
  if (!stage.ok()) return stage.status();
  const absl::CivilDay due =
      AddWorkingDays(ParseDateOrDie(r.raised_date()), r.time_limit_working_days(),
                     LoadCalendar(tx, r.raised_date()));
  const int64_t id =
      tx.exec_params1(
            "INSERT INTO enterprise_requests (project_id, category, content, unit_code, "
            "time_limit_working_days, raised_date, due_date, agency_service, state) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id",
            r.project_id(), r.category(), r.content(), r.unit_code(), r.time_limit_working_days(),
            r.raised_date(), FormatDate(due), r.agency_service())[0]
          .as<int64_t>();
  return Get(tx, id, out);
}

absl::Status RequestStore::Get(pqxx::transaction_base& tx, int64_t id,
                               v1::EnterpriseRequest* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kRequestColumns, " FROM enterprise_requests WHERE id = $2"),
      TodayInChinaString(), id);
  if (rows.empty()) return NotFound("enterprise request", id);
  RequestFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RequestStore::List(pqxx::transaction_base& tx,
                                const v1::ListEnterpriseRequestsRequest& request,
                                const std::string& leader_code,
                                v1::ListEnterpriseRequestsResponse* out) const {
  if (!v1::RequestState_IsValid(request.state())) return InvalidField("state", "unknown value");
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kRequestColumns,
                   " FROM enterprise_requests "
                   "WHERE ($2::bigint IS NULL OR project_id = $2) "
                   "  AND ($3::text IS NULL OR unit_code = $3) "
                   "  AND ($4::int IS NULL OR state = $4) "
                   "  AND (NOT $5 OR (state IN (1, 2) AND due_date < $1::date)) "
                   "  AND ($6::bigint IS NULL OR id < $6) "
                   "  AND ($8::text IS NULL OR project_id IN (SELECT p.id FROM projects p "
                   "       WHERE p.leader_code = $8 OR p.commander_code = $8)) "
                   "ORDER BY id DESC LIMIT $7"),
      TodayInChinaString(), NullIfZero(request.project_id()), NullIfEmpty(request.unit_code()),
      NullIfZero(request.state()), request.overdue_only(), page->after_id, page->limit + 1,
      NullIfEmpty(leader_code));
  FillPage(rows, *page, fingerprint, out->mutable_enterprise_requests(),
           out->mutable_next_page_token(), RequestFromRow);
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
  const pqxx::result rows =
      tx.exec_params("SELECT state, version FROM enterprise_requests WHERE id = $1 FOR UPDATE", id);
  if (rows.empty()) return NotFound("enterprise request", id);
  ZS_RETURN_IF_ERROR(CheckEtag("enterprise_request", id, etag, rows[0][1].as<int64_t>(), "etag"));
  const auto state = static_cast<v1::RequestState>(rows[0][0].as<int>());
  const bool allowed =
      to == v1::REQUEST_STATE_IN_PROGRESS
          ? state == v1::REQUEST_STATE_OPEN
          : state == v1::REQUEST_STATE_OPEN || state == v1::REQUEST_STATE_IN_PROGRESS;
  if (!allowed) {
    return FailedPrecondition(
        "ILLEGAL_REQUEST_TRANSITION",
        absl::StrCat("enterprise request ", id, " is ", v1::RequestState_Name(state),
                     "; it cannot become ", v1::RequestState_Name(to)));
  }
  tx.exec_params0(
      "UPDATE enterprise_requests SET state = $2, resolution = $3, version = version + 1 "
      "WHERE id = $1",
      id, static_cast<int>(to), resolution);
  return Get(tx, id, out);
}

absl::Status RequestStore::SetHolidays(pqxx::transaction_base& tx,
                                       const v1::SetHolidaysRequest& request,
                                       v1::SetHolidaysResponse* out) const {
  if (request.year() < 2000 || request.year() > 2100) {
    return InvalidField("year", "must be between 2000 and 2100");
  }
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
  tx.exec_params0(
      "DELETE FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, "
      "1)",
      request.year());
  for (const std::string& day : request.holiday_dates()) {
    tx.exec_params0(
        "INSERT INTO calendar_days (day, is_holiday) VALUES ($1, true) "
        "ON CONFLICT (day) DO UPDATE SET is_holiday = true",
        day);
  }
  for (const std::string& day : request.working_weekends()) {
    tx.exec_params0(
        "INSERT INTO calendar_days (day, is_holiday) VALUES ($1, false) "
        "ON CONFLICT (day) DO NOTHING",
        day);
  }
  out->set_holidays(request.holiday_dates_size());
  out->set_working_weekends(request.working_weekends_size());
  return absl::OkStatus();
}

}  // namespace zs::project
