#include "services/supervision/supervision_access.h"

#include "common/db/prepared.h"
#include "common/security/scope.h"
#include "services/supervision/queries.h"

namespace zs::supervision {

using namespace access;  // NOLINT: the role table reads best with the group names bare

const AccessPolicy& SupervisionAccessPolicy() {
  static const AccessPolicy* const kPolicy = new AccessPolicy(
      "SupervisionService", {
                                // The directory every service validates codes against.
                                {"ListUnits", kPeople | kService},
                                {"GetUnit", kPeople | kService},
                                {"ListLeaders", kPeople | kService},
                                {"CreateUnit", kAdmin},
                                {"UpdateUnit", kAdmin},
                                {"CreateLeader", kAdmin},
                                {"ListTargetCategories", kPeople},
                                {"UpsertTargetCategory", kAdmin},
                                {"SetUnitTargets", kBureau},
                                {"GetUnitTargets", kPeople},
                                {"GetProgress", kPeople},
                                // The weekly and monthly CronJobs publish with a service token.
                                {"PublishWeeklySummary", kBureau | kService},
                                {"PublishMonthlyRanking", kBureau | kService},
                                {"GetSnapshot", kPeople},
                                {"ListSnapshots", kPeople},
                                {"CreateTask", kBureau},
                                {"GetTask", kRecorders},
                                {"ListTasks", kRecorders},
                                {"CompleteTask", kRecorders},
                                {"SetScoringRules", kAdmin},
                                {"GetScoringRules", kPeople},
                                {"GenerateBulletin", kBureau},
                                {"CreateBulletin", kBureau},
                                {"ListBulletins", kPeople},
                                {"RecordSanction", kBureau},
                                {"ListSanctions", kPeople},
                                {"ListAuditEvents", kAdmin},
                            });
  return *kPolicy;
}

absl::Status RequireOwnTask(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t task_id) {
  // No id names no record: the store's INVALID_ARGUMENT reveals nothing.
  if (!IsUnitScoped(principal) || task_id <= 0) return absl::OkStatus();
  const pqxx::result row = Exec(tx, queries::kTaskOwner, task_id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  return RequireOwnRecord(principal, row[0]["unit_code"].as<std::string>());
}

}  // namespace zs::supervision
