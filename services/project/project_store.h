// SQL for projects and their transitions: creation (directly or from a
// lead), updates, every stage move, capital increases, investor changes,
// re-signings and the year rollover. Each change writes a transition row in
// the same transaction, so any past period's figures can be recomputed.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "services/project/project_rules.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;

class ProjectStore {
 public:
  explicit ProjectStore(const Directory& directory) : directory_(directory) {}

  // `project` has been validated against the enterprise held by the lead
  // service. `effective_date` (YYYY-MM-DD, empty: today) is the day it
  // reached its first stage; INVALID_ARGUMENT naming "effective_date" when
  // it is not a day or in the future.
  absl::Status Create(pqxx::transaction_base& tx, const CallContext& call,
                      const v1::Project& project, const std::string& effective_date,
                      v1::Project* out) const;
  // The live project made from `lead_id`, creating it (conversion pending)
  // when there is none. `negotiation_date` has been checked (ConvertLeadToProject).
  absl::Status CreateFromLead(pqxx::transaction_base& tx, const CallContext& call,
                              const v1::Project& project, const std::string& negotiation_date,
                              v1::Project* out) const;
  void ConfirmConversion(pqxx::transaction_base& tx, int64_t project_id) const;
  // Ids and leads of projects whose conversion the lead service has not confirmed.
  std::vector<std::pair<int64_t, int64_t>> PendingConversions(pqxx::transaction_base& tx) const;

  absl::Status Get(pqxx::transaction_base& tx, int64_t id, v1::Project* out) const;
  absl::Status List(pqxx::transaction_base& tx, const v1::ListProjectsRequest& request,
                    v1::ListProjectsResponse* out) const;
  absl::Status Update(pqxx::transaction_base& tx, const v1::UpdateProjectRequest& request,
                      v1::Project* out) const;
  // Moves the project to another responsible unit, recording the hand-over.
  absl::Status HandOver(pqxx::transaction_base& tx, const CallContext& call,
                        const v1::HandOverProjectRequest& request, v1::Project* out) const;
  absl::Status Move(pqxx::transaction_base& tx, const CallContext& call, const StageMove& move,
                    v1::Project* out) const;
  absl::Status RecordCapitalIncrease(pqxx::transaction_base& tx, const CallContext& call,
                                     const v1::RecordCapitalIncreaseRequest& request,
                                     v1::Project* out) const;
  absl::Status ChangeInvestor(pqxx::transaction_base& tx, const CallContext& call,
                              const v1::ChangeInvestorRequest& request, v1::Project* out) const;
  absl::Status RecordResigning(pqxx::transaction_base& tx, const CallContext& call,
                               const v1::RecordResigningRequest& request, v1::Project* out) const;
  absl::Status RollOverYear(pqxx::transaction_base& tx, const CallContext& call,
                            const v1::RollOverYearRequest& request,
                            v1::RollOverYearResponse* out) const;
  // Every project (and investor change) of one enterprise now names
  // another: the lead service merged the first into the second.
  absl::Status MoveEnterpriseProjects(pqxx::transaction_base& tx,
                                      const v1::MoveEnterpriseProjectsRequest& request,
                                      v1::MoveEnterpriseProjectsResponse* out) const;
  absl::Status ListTransitions(pqxx::transaction_base& tx,
                               const v1::ListStageTransitionsRequest& request,
                               v1::ListStageTransitionsResponse* out) const;

 private:
  // Locks the project; NOT_FOUND when missing; INVALID_ARGUMENT (field
  // "etag") when `etag` is empty; ABORTED when it is stale.
  absl::StatusOr<ProjectState> Lock(pqxx::transaction_base& tx, int64_t id,
                                    const std::string& etag) const;

  const Directory& directory_;
};

// Inserts one transition row.
struct TransitionRow {
  int64_t project_id;
  v1::StageTransition::Kind kind;
  v1::Stage from;
  v1::Stage to;
  std::string effective_date;
  int64_t investment;
  int64_t increment = 0;
  int64_t activity_id = 0;
  int64_t enterprise_id = 0;
  std::string reason = {};
};
void RecordTransition(pqxx::transaction_base& tx, const CallContext& call,
                      const TransitionRow& row);

// NOT_FOUND unless project `id` exists; returns its stage.
absl::StatusOr<v1::Stage> ProjectStage(pqxx::transaction_base& tx, int64_t id);

}  // namespace zs::project
