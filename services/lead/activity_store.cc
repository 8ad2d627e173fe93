#include "services/lead/activity_store.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "services/lead/lead_rules.h"

namespace zs::lead {
namespace {

// The enterprises met come back as one array column, so a page of
// activities is still one query.
const char kActivityColumns[] =
    "a.id, a.kind, a.title, a.unit_code, a.office_code, a.leader_code, a.destination, "
    "to_char(a.start_date, 'YYYY-MM-DD'), to_char(a.end_date, 'YYYY-MM-DD'), a.notes, "
    "a.version, " ZS_MICROS("a.created_at") ", " ZS_MICROS("a.updated_at") ", "
    "ARRAY(SELECT ae.enterprise_id FROM activity_enterprises ae "
    "      WHERE ae.activity_id = a.id ORDER BY ae.enterprise_id)";

void ActivityFromRow(const pqxx::row& row, v1::Activity* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_kind(static_cast<v1::ActivityKind>(row[1].as<int>()));
  out->set_title(row[2].as<std::string>());
  out->set_unit_code(TextOrEmpty(row[3]));
  out->set_office_code(TextOrEmpty(row[4]));
  out->set_leader_code(TextOrEmpty(row[5]));
  out->set_destination(row[6].as<std::string>());
  out->set_start_date(row[7].as<std::string>());
  out->set_end_date(row[8].as<std::string>());
  out->set_notes(row[9].as<std::string>());
  out->set_etag(FormatEtag(row[10].as<int64_t>()));
  SetTimestampMicros(row[11], out->mutable_create_time());
  SetTimestampMicros(row[12], out->mutable_update_time());
  auto ids = row[13].as_array();
  for (auto item = ids.get_next(); item.first != pqxx::array_parser::done; item = ids.get_next()) {
    if (item.first == pqxx::array_parser::string_value) {
      out->add_enterprise_ids(std::stoll(item.second));
    }
  }
}

std::string IdArray(const google::protobuf::RepeatedField<int64_t>& ids) {
  std::string out = "{";
  for (int i = 0; i < ids.size(); ++i) absl::StrAppend(&out, i ? "," : "", ids[i]);
  return out + "}";
}

}  // namespace

absl::Status ActivityStore::ReplaceEnterprises(pqxx::transaction_base& tx,
                                               const v1::Activity& activity) const {
  for (int64_t enterprise_id : activity.enterprise_ids()) {
    ZS_RETURN_IF_ERROR(enterprises_.RequireActive(tx, "activity.enterprise_ids", enterprise_id));
  }
  tx.exec_params0("DELETE FROM activity_enterprises WHERE activity_id = $1", activity.id());
  tx.exec_params0(
      "INSERT INTO activity_enterprises (activity_id, enterprise_id) "
      "SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING",
      activity.id(), IdArray(activity.enterprise_ids()));
  return absl::OkStatus();
}

absl::Status ActivityStore::Create(pqxx::transaction_base& tx,
                                   const v1::CreateActivityRequest& request,
                                   v1::Activity* out) const {
  v1::Activity activity = request.activity();
  ZS_RETURN_IF_ERROR(ValidateActivity(activity, directory_));
  activity.set_id(tx.exec_params1("INSERT INTO activities (kind, title, unit_code, office_code, "
                                  "leader_code, destination, start_date, end_date, notes) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                                  static_cast<int>(activity.kind()), activity.title(),
                                  NullIfEmpty(activity.unit_code()),
                                  NullIfEmpty(activity.office_code()),
                                  NullIfEmpty(activity.leader_code()), activity.destination(),
                                  activity.start_date(), activity.end_date(), activity.notes())[0]
                      .as<int64_t>());
  ZS_RETURN_IF_ERROR(ReplaceEnterprises(tx, activity));
  return Get(tx, activity.id(), out);
}

absl::Status ActivityStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Activity* out) const {
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kActivityColumns, " FROM activities a WHERE a.id = $1"), id);
  if (rows.empty()) return NotFound("activity", id);
  ActivityFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status ActivityStore::List(pqxx::transaction_base& tx,
                                 const v1::ListActivitiesRequest& request,
                                 v1::ListActivitiesResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateDateRange("start_date_range", request.start_date_range(), false));
  if (!v1::ActivityKind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const auto& range = request.start_date_range();
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kActivityColumns,
                                  " FROM activities a "
                                  "WHERE ($1::int IS NULL OR a.kind = $1) "
                                  "  AND ($2::text IS NULL OR a.unit_code = $2) "
                                  "  AND ($3::text IS NULL OR a.office_code = $3) "
                                  "  AND ($4::text IS NULL OR a.leader_code = $4) "
                                  "  AND ($5::date IS NULL OR a.start_date BETWEEN $5 AND $6) "
                                  "  AND ($7::bigint IS NULL OR a.id < $7) "
                                  "ORDER BY a.id DESC LIMIT $8"),
                     NullIfZero(request.kind()), NullIfEmpty(request.unit_code()),
                     NullIfEmpty(request.office_code()), NullIfEmpty(request.leader_code()),
                     NullIfEmpty(range.start_date()), NullIfEmpty(range.end_date()), page->after_id,
                     page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_activities(), out->mutable_next_page_token(),
           ActivityFromRow);
  return absl::OkStatus();
}

absl::Status ActivityStore::Update(pqxx::transaction_base& tx,
                                   const v1::UpdateActivityRequest& request,
                                   v1::Activity* out) const {
  const int64_t id = request.activity().id();
  if (id <= 0) return InvalidField("activity.id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kActivityColumns, " FROM activities a WHERE a.id = $1 FOR UPDATE"),
      id);
  if (rows.empty()) return NotFound("activity", id);
  v1::Activity current;
  ActivityFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("activity", id, request.activity().etag(), rows[0][10].as<int64_t>()));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.activity(), request.update_mask(),
      {"title", "leader_code", "destination", "start_date", "end_date", "enterprise_ids", "notes"},
      &current));
  ZS_RETURN_IF_ERROR(ValidateActivity(current, directory_));
  tx.exec_params0(
      "UPDATE activities SET title = $2, leader_code = $3, destination = $4, "
      "start_date = $5, end_date = $6, notes = $7, version = version + 1, "
      "updated_at = now() WHERE id = $1",
      id, current.title(), NullIfEmpty(current.leader_code()), current.destination(),
      current.start_date(), current.end_date(), current.notes());
  ZS_RETURN_IF_ERROR(ReplaceEnterprises(tx, current));
  return Get(tx, id, out);
}

}  // namespace zs::lead
