#include "services/lead/activity_store.h"

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "services/lead/lead_rules.h"
#include "services/lead/queries.h"

namespace zs::lead {
namespace {

// The columns of activity.get, activity.lock and activity.list.
void ActivityFromRow(const pqxx::row& row, v1::Activity* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_kind(static_cast<v1::ActivityKind>(FieldNamed(row, "kind").as<int>()));
  out->set_title(FieldNamed(row, "title").as<std::string>());
  out->set_unit_code(TextOrEmpty(FieldNamed(row, "unit_code")));
  out->set_office_code(TextOrEmpty(FieldNamed(row, "office_code")));
  out->set_leader_code(TextOrEmpty(FieldNamed(row, "leader_code")));
  out->set_destination(FieldNamed(row, "destination").as<std::string>());
  out->set_start_date(FieldNamed(row, "start_date").as<std::string>());
  out->set_end_date(FieldNamed(row, "end_date").as<std::string>());
  out->set_notes(FieldNamed(row, "notes").as<std::string>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  SetTimestampMicros(FieldNamed(row, "updated_micros"), out->mutable_update_time());
  auto ids = FieldNamed(row, "enterprise_ids").as_array();
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
  Exec(tx, queries::kActivityClearEnterprises, activity.id());
  Exec(tx, queries::kActivityAddEnterprises, activity.id(), IdArray(activity.enterprise_ids()));
  return absl::OkStatus();
}

absl::Status ActivityStore::Create(pqxx::transaction_base& tx,
                                   const v1::CreateActivityRequest& request,
                                   v1::Activity* out) const {
  v1::Activity activity = request.activity();
  ZS_RETURN_IF_ERROR(ValidateActivity(activity, directory_));
  activity.set_id(Exec(tx, queries::kActivityCreate, static_cast<int>(activity.kind()),
                       activity.title(), NullIfEmpty(activity.unit_code()),
                       NullIfEmpty(activity.office_code()), NullIfEmpty(activity.leader_code()),
                       activity.destination(), activity.start_date(), activity.end_date(),
                       activity.notes())[0]["id"]
                      .as<int64_t>());
  ZS_RETURN_IF_ERROR(ReplaceEnterprises(tx, activity));
  return Get(tx, activity.id(), out);
}

absl::Status ActivityStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Activity* out) const {
  const pqxx::result rows = Exec(tx, queries::kActivityGet, id);
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
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const auto& range = request.start_date_range();
  const pqxx::result rows =
      Exec(tx, queries::kActivityList, NullIfZero(request.kind()), NullIfEmpty(request.unit_code()),
           NullIfEmpty(request.office_code()), NullIfEmpty(request.leader_code()),
           NullIfEmpty(range.start_date()), NullIfEmpty(range.end_date()), page.after_id(),
           page.fetch_limit());
  page.Fill(rows, out->mutable_activities(), out->mutable_next_page_token(), ActivityFromRow);
  return absl::OkStatus();
}

absl::Status ActivityStore::Update(pqxx::transaction_base& tx,
                                   const v1::UpdateActivityRequest& request,
                                   v1::Activity* out) const {
  const int64_t id = request.activity().id();
  if (id <= 0) return InvalidField("activity.id", "is required");
  const pqxx::result rows = Exec(tx, queries::kActivityLock, id);
  if (rows.empty()) return NotFound("activity", id);
  v1::Activity current;
  ActivityFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("activity", id, request.activity().etag(), rows[0]["version"].as<int64_t>()));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.activity(), request.update_mask(),
      {"title", "leader_code", "destination", "start_date", "end_date", "enterprise_ids", "notes"},
      &current));
  ZS_RETURN_IF_ERROR(ValidateActivity(current, directory_));
  Exec(tx, queries::kActivityUpdate, id, current.title(), NullIfEmpty(current.leader_code()),
       current.destination(), current.start_date(), current.end_date(), current.notes());
  ZS_RETURN_IF_ERROR(ReplaceEnterprises(tx, current));
  return Get(tx, id, out);
}

}  // namespace zs::lead
