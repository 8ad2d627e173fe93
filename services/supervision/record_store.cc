#include "services/supervision/record_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"

namespace zs::supervision {
namespace {

template <typename Message>
void ParseBytes(const pqxx::field& field, Message* out) {
  const pqxx::binarystring bytes(field);
  out->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

void SnapshotFromRow(const pqxx::row& row, v1::Snapshot* out) {
  ParseBytes(row[1], out);
  out->set_id(row[0].as<int64_t>());
}

const char kTaskColumns[] =
    "id, unit_code, title, required_result, to_char(due_date, 'YYYY-MM-DD'), state, result, "
    "to_char(completed_date, 'YYYY-MM-DD'), version, " ZS_MICROS("created_at") ", "
    "state = 1 AND due_date < $1::date";

void TaskFromRow(const pqxx::row& row, v1::Task* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_unit_code(row[1].as<std::string>());
  out->set_title(row[2].as<std::string>());
  out->set_required_result(row[3].as<std::string>());
  out->set_due_date(row[4].as<std::string>());
  out->set_state(static_cast<v1::TaskState>(row[5].as<int>()));
  out->set_result(row[6].as<std::string>());
  out->set_completed_date(TextOrEmpty(row[7]));
  out->set_etag(FormatEtag(row[8].as<int64_t>()));
  SetTimestampMicros(row[9], out->mutable_create_time());
  out->set_overdue(row[10].as<bool>());
}

}  // namespace

std::optional<v1::Snapshot> RecordStore::FindSnapshot(pqxx::transaction_base& tx,
                                                      v1::Snapshot::Kind kind,
                                                      const std::string& period_start) const {
  const pqxx::result rows = tx.exec_params(
      "SELECT id, snapshot FROM snapshots WHERE kind = $1 AND period_start = $2::date",
      static_cast<int>(kind), period_start);
  if (rows.empty()) return std::nullopt;
  v1::Snapshot snapshot;
  SnapshotFromRow(rows[0], &snapshot);
  return snapshot;
}

void RecordStore::PublishSnapshot(pqxx::transaction_base& tx, const v1::Snapshot& snapshot,
                                  v1::Snapshot* out) const {
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO snapshots (kind, period_start, period_end, snapshot) "
      "VALUES ($1, $2::date, $3::date, $4) ON CONFLICT (kind, period_start) DO NOTHING "
      "RETURNING id",
      static_cast<int>(snapshot.kind()), snapshot.period().start_date(),
      snapshot.period().end_date(), pqxx::binarystring(snapshot.SerializeAsString()));
  if (inserted.empty()) {
    *out = *FindSnapshot(tx, snapshot.kind(), snapshot.period().start_date());
    return;
  }
  *out = snapshot;
  out->set_id(inserted[0][0].as<int64_t>());
}

absl::Status RecordStore::GetSnapshot(pqxx::transaction_base& tx, int64_t id,
                                      v1::Snapshot* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = tx.exec_params("SELECT id, snapshot FROM snapshots WHERE id = $1", id);
  if (rows.empty()) return NotFound("snapshot", id);
  SnapshotFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RecordStore::ListSnapshots(pqxx::transaction_base& tx,
                                        const v1::ListSnapshotsRequest& request,
                                        v1::ListSnapshotsResponse* out) const {
  if (!v1::Snapshot::Kind_IsValid(request.kind())) return InvalidField("kind", "unknown value");
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      "SELECT id, snapshot FROM snapshots WHERE ($1::int IS NULL OR kind = $1) "
      "AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
      NullIfZero(request.kind()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_snapshots(), out->mutable_next_page_token(),
           SnapshotFromRow);
  return absl::OkStatus();
}

absl::Status RecordStore::CreateTask(pqxx::transaction_base& tx,
                                     const v1::CreateTaskRequest& request, v1::Task* out) const {
  const v1::Task& task = request.task();
  ZS_RETURN_IF_ERROR(ValidateRequiredText("task.title", task.title(), 200));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("task.required_result", task.required_result(), 2000));
  ZS_RETURN_IF_ERROR(ValidateDate("task.due_date", task.due_date()));
  if (tx.exec_params("SELECT 1 FROM units WHERE code = $1", task.unit_code()).empty()) {
    return InvalidField("task.unit_code", absl::StrCat("unknown unit '", task.unit_code(), "'"));
  }
  const int64_t id =
      tx.exec_params1(
            "INSERT INTO tasks (unit_code, title, required_result, due_date, state) "
            "VALUES ($1, $2, $3, $4, 1) RETURNING id",
            task.unit_code(), task.title(), task.required_result(), task.due_date())[0]
          .as<int64_t>();
  return GetTask(tx, id, out);
}

absl::Status RecordStore::GetTask(pqxx::transaction_base& tx, int64_t id, v1::Task* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kTaskColumns, " FROM tasks WHERE id = $2"), TodayInChinaString(), id);
  if (rows.empty()) return NotFound("task", id);
  TaskFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status RecordStore::ListTasks(pqxx::transaction_base& tx, const v1::ListTasksRequest& request,
                                    v1::ListTasksResponse* out) const {
  if (!v1::TaskState_IsValid(request.state())) return InvalidField("state", "unknown value");
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kTaskColumns,
                   " FROM tasks WHERE ($2::text IS NULL OR unit_code = $2) "
                   "AND ($3::int IS NULL OR state = $3) "
                   "AND (NOT $4 OR (state = 1 AND due_date < $1::date)) "
                   "AND ($5::bigint IS NULL OR id < $5) ORDER BY id DESC LIMIT $6"),
      TodayInChinaString(), NullIfEmpty(request.unit_code()), NullIfZero(request.state()),
      request.overdue_only(), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_tasks(), out->mutable_next_page_token(),
           TaskFromRow);
  return absl::OkStatus();
}

absl::Status RecordStore::CompleteTask(pqxx::transaction_base& tx,
                                       const v1::CompleteTaskRequest& request,
                                       v1::Task* out) const {
  ZS_RETURN_IF_ERROR(ValidateRequiredText("result", request.result(), 2000));
  if (request.id() <= 0) return InvalidField("id", "is required");
  const pqxx::result rows =
      tx.exec_params("SELECT state, version FROM tasks WHERE id = $1 FOR UPDATE", request.id());
  if (rows.empty()) return NotFound("task", request.id());
  ZS_RETURN_IF_ERROR(
      CheckEtag("task", request.id(), request.etag(), rows[0][1].as<int64_t>(), "etag"));
  const auto state = static_cast<v1::TaskState>(rows[0][0].as<int>());
  if (state != v1::TASK_STATE_OPEN) {
    return FailedPrecondition(
        "TASK_NOT_OPEN", absl::StrCat("task ", request.id(), " is ", v1::TaskState_Name(state)));
  }
  tx.exec_params0(
      "UPDATE tasks SET state = 2, result = $2, completed_date = $3, version = version + 1 "
      "WHERE id = $1",
      request.id(), request.result(), TodayInChinaString());
  return GetTask(tx, request.id(), out);
}

void RecordStore::StoreBulletin(pqxx::transaction_base& tx, v1::Bulletin bulletin,
                                v1::Bulletin* out) const {
  bulletin.set_id(tx.exec_params1("INSERT INTO bulletins (bulletin) VALUES ($1) RETURNING id",
                                  pqxx::binarystring(bulletin.SerializeAsString()))[0]
                      .as<int64_t>());
  *out = std::move(bulletin);
}

absl::Status RecordStore::ListBulletins(pqxx::transaction_base& tx,
                                        const v1::ListBulletinsRequest& request,
                                        v1::ListBulletinsResponse* out) const {
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      "SELECT id, bulletin FROM bulletins WHERE ($1::bigint IS NULL OR id < $1) "
      "ORDER BY id DESC LIMIT $2",
      page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_bulletins(), out->mutable_next_page_token(),
           [](const pqxx::row& row, v1::Bulletin* b) {
             ParseBytes(row[1], b);
             b->set_id(row[0].as<int64_t>());
           });
  return absl::OkStatus();
}

}  // namespace zs::supervision
