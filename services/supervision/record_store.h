// SQL for what supervision publishes and assigns: immutable snapshots of
// weekly summaries and monthly rankings, supervision tasks (督办单), and
// bulletins (动态通报).
#pragma once

#include <optional>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;

class RecordStore {
 public:
  // The snapshot already published for this kind and period start, if any.
  std::optional<v1::Snapshot> FindSnapshot(pqxx::transaction_base& tx, v1::Snapshot::Kind kind,
                                           const std::string& period_start) const;
  // Stores `snapshot` unless one exists for its kind and period; either way
  // `out` is the one that stands.
  void PublishSnapshot(pqxx::transaction_base& tx, const v1::Snapshot& snapshot,
                       v1::Snapshot* out) const;
  absl::Status GetSnapshot(pqxx::transaction_base& tx, int64_t id, v1::Snapshot* out) const;
  absl::Status ListSnapshots(pqxx::transaction_base& tx, const v1::ListSnapshotsRequest& request,
                             v1::ListSnapshotsResponse* out) const;

  absl::Status CreateTask(pqxx::transaction_base& tx, const v1::CreateTaskRequest& request,
                          v1::Task* out) const;
  absl::Status GetTask(pqxx::transaction_base& tx, int64_t id, v1::Task* out) const;
  absl::Status ListTasks(pqxx::transaction_base& tx, const v1::ListTasksRequest& request,
                         v1::ListTasksResponse* out) const;
  absl::Status CompleteTask(pqxx::transaction_base& tx, const v1::CompleteTaskRequest& request,
                            v1::Task* out) const;

  void StoreBulletin(pqxx::transaction_base& tx, v1::Bulletin bulletin, v1::Bulletin* out) const;
  absl::Status ListBulletins(pqxx::transaction_base& tx, const v1::ListBulletinsRequest& request,
                             v1::ListBulletinsResponse* out) const;
};

}  // namespace zs::supervision
