#include "services/supervision/record_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/supervision/queries.h"
#include "services/supervision/supervision_rules.h"

namespace zs::supervision {
namespace {

template <typename Message>
void ParseBytes(const pqxx::field& field, Message* out) {
  const pqxx::binarystring bytes(field);
  out->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

// The columns of snapshot.get, snapshot.find and snapshot.list.
void SnapshotFromRow(const pqxx::row& row, v1::Snapshot* out) {
  ParseBytes(FieldNamed(row, "snapshot"), out);
  out->set_id(FieldNamed(row, "id").as<int64_t>());
}

// The columns of task.get and task.list.
void TaskFromRow(const pqxx::row& row, v1::Task* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
  out->set_title(FieldNamed(row, "title").as<std::string>());
  out->set_required_result(FieldNamed(row, "required_result").as<std::string>());
  out->set_due_date(FieldNamed(row, "due_date").as<std::string>());
  out->set_state(static_cast<v1::TaskState>(FieldNamed(row, "state").as<int>()));
  out->set_result(FieldNamed(row, "result").as<std::string>());
  out->set_completed_date(TextOrEmpty(FieldNamed(row, "completed_date")));
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  out->set_overdue(FieldNamed(row, "overdue").as<bool>());
}

}  // namespace

std::optional<v1::Snapshot> RecordStore::FindSnapshot(pqxx::transaction_base& tx,
                                                      v1::Snapshot::Kind kind,
                                                      const std::string& period_start) const {
  const pqxx::result rows = Exec(tx, queries::kSnapshotFind, static_cast<int>(kind), period_start);
  if (rows.empty()) return std::nullopt;
  v1::Snapshot snapshot;
  SnapshotFromRow(rows[0], &snapshot);
  return snapshot;
}

void RecordStore::PublishSnapshot(pqxx::transaction_base& tx, const v1::Snapshot& snapshot,
                                  v1::Snapshot* out) const {
  const pqxx::result inserted =
      Exec(tx, queries::kSnapshotPublish, static_cast<int>(snapshot.kind()),
           snapshot.period().start_date(), snapshot.period().end_date(),
           pqxx::binarystring(snapshot.SerializeAsString()));
  if (inserted.empty()) {
    *out = *FindSnapshot(tx, snapshot.kind(), snapshot.period().start_date());
    return;
  }
  *out = snapshot;
  out->set_id(inserted[0]["id"].as<int64_t>());
}

absl::Status RecordStore::GetSnapshot(pqxx::transaction_base& tx, int64_t id,
                                      v1::Snapshot* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = Exec(tx, queries::kSnapshotGet, id);
  if (rows.empty()) return NotFound("snapshot", id);
  SnapshotFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RecordStore::ListSnapshots(pqxx::transaction_base& tx,
                                        const v1::ListSnapshotsRequest& request,
                                        v1::ListSnapshotsResponse* out) const {
  if (!v1::Snapshot::Kind_IsValid(request.kind())) return InvalidField("kind", "unknown value");
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kSnapshotList, NullIfZero(request.kind()),
                                 page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_snapshots(), out->mutable_next_page_token(), SnapshotFromRow);
  return absl::OkStatus();
}

absl::Status RecordStore::CreateTask(pqxx::transaction_base& tx,
                                     const v1::CreateTaskRequest& request, v1::Task* out) const {
  const v1::Task& task = request.task();
  ZS_RETURN_IF_ERROR(ValidateRequiredText("task.title", task.title(), 200));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("task.required_result", task.required_result(), 2000));
  ZS_RETURN_IF_ERROR(ValidateDate("task.due_date", task.due_date()));
  if (Exec(tx, queries::kUnitExists, task.unit_code()).empty()) {
    return InvalidField("task.unit_code", absl::StrCat("unknown unit '", task.unit_code(), "'"));
  }
  const int64_t id = Exec(tx, queries::kTaskCreate, task.unit_code(), task.title(),
                          task.required_result(), task.due_date())[0]["id"]
                         .as<int64_t>();
  return GetTask(tx, id, out);
}

absl::Status RecordStore::GetTask(pqxx::transaction_base& tx, int64_t id, v1::Task* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = Exec(tx, queries::kTaskGet, TodayInChinaString(), id);
  if (rows.empty()) return NotFound("task", id);
  TaskFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RecordStore::ListTasks(pqxx::transaction_base& tx, const v1::ListTasksRequest& request,
                                    v1::ListTasksResponse* out) const {
  if (!v1::TaskState_IsValid(request.state())) return InvalidField("state", "unknown value");
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kTaskList, TodayInChinaString(),
                                 NullIfEmpty(request.unit_code()), NullIfZero(request.state()),
                                 request.overdue_only(), page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_tasks(), out->mutable_next_page_token(), TaskFromRow);
  return absl::OkStatus();
}

absl::Status RecordStore::CompleteTask(pqxx::transaction_base& tx,
                                       const v1::CompleteTaskRequest& request,
                                       v1::Task* out) const {
  ZS_RETURN_IF_ERROR(ValidateRequiredText("result", request.result(), 2000));
  if (request.id() <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = Exec(tx, queries::kTaskLock, request.id());
  if (rows.empty()) return NotFound("task", request.id());
  ZS_RETURN_IF_ERROR(
      CheckEtag("task", request.id(), request.etag(), rows[0]["version"].as<int64_t>(), "etag"));
  const auto state = static_cast<v1::TaskState>(rows[0]["state"].as<int>());
  ZS_RETURN_IF_ERROR(CheckTaskOpen(request.id(), state));
  Exec(tx, queries::kTaskComplete, request.id(), request.result(), TodayInChinaString());
  return GetTask(tx, request.id(), out);
}

void RecordStore::StoreBulletin(pqxx::transaction_base& tx, v1::Bulletin bulletin,
                                v1::Bulletin* out) const {
  bulletin.set_id(
      Exec(tx, queries::kBulletinStore, pqxx::binarystring(bulletin.SerializeAsString()))[0]["id"]
          .as<int64_t>());
  *out = std::move(bulletin);
}

absl::Status RecordStore::ListBulletins(pqxx::transaction_base& tx,
                                        const v1::ListBulletinsRequest& request,
                                        v1::ListBulletinsResponse* out) const {
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kBulletinList, page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_bulletins(), out->mutable_next_page_token(),
            [](const pqxx::row& row, v1::Bulletin* b) {
              ParseBytes(FieldNamed(row, "bulletin"), b);
              b->set_id(FieldNamed(row, "id").as<int64_t>());
            });
  return absl::OkStatus();
}

}  // namespace zs::supervision
