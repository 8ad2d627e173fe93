#include "services/lead/lead_access.h"

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/security/scope.h"

namespace zs::lead {

using namespace access;  // NOLINT: the role table reads best with the group names bare

const AccessPolicy& LeadAccessPolicy() {
  static const AccessPolicy* const kPolicy = new AccessPolicy(
      "LeadService", {
                         {"CreateEnterprise", kRecorders},
                         {"GetEnterprise", kPeople | kService},
                         {"ListEnterprises", kPeople},
                         {"UpdateEnterprise", kBureau},
                         {"FindDuplicateEnterprises", kBureau},
                         {"MergeEnterprises", kBureau},
                         {"CreateReferrer", kRecorders},
                         {"GetReferrer", kPeople},
                         {"ListReferrers", kPeople},
                         {"CreateActivity", kRecorders},
                         {"GetActivity", kRecorders},
                         {"ListActivities", kRecorders | kService},
                         {"UpdateActivity", kRecorders},
                         {"CreateLead", kRecorders},
                         {"GetLead", kRecorders | kService},
                         {"ListLeads", kRecorders | kService},
                         {"UpdateLead", kRecorders},
                         {"AddFollowUp", kRecorders},
                         {"ListFollowUps", kRecorders},
                         // Conversion is driven by the project service (ConvertLeadToProject).
                         {"ConvertLead", kBureau | kService},
                         {"DropLead", kRecorders},
                         {"ListLeadStatusHistory", kRecorders},
                         {"ListOverdueLeads", kRecorders},
                         {"GetLeadTimeLimits", kPeople},
                         {"UpdateLeadTimeLimits", kAdmin},
                         {"FindDuplicateLeads", kBureau},
                         {"MergeLeads", kBureau},
                         {"ListMerges", kBureau},
                         // District-wide figures: everyone, and the services that compose them.
                         {"AggregateActivities", kPeople | kService},
                         {"AggregateLeads", kPeople | kService},
                         {"ListAuditEvents", kAdmin},
                         // Each row is checked against the caller's own
                         // unit or office, as CreateLead and CreateActivity are.
                         {"ImportLeads", kRecorders},
                         {"ImportActivities", kRecorders},
                         {"GetImportTemplate", kPeople},
                     });
  return *kPolicy;
}

absl::Status RequireOwnRow(pqxx::transaction_base& tx, const Principal& principal,
                           const Query& owner, int64_t id) {
  // No id names no record: the store's INVALID_ARGUMENT reveals nothing.
  if (!IsUnitScoped(principal) || id <= 0) return absl::OkStatus();
  const pqxx::result row = ExecPrepared(tx, owner, id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  return RequireOwnUnitOrOffice(principal, row[0]["unit_code"].as<std::string>(),
                                row[0]["office_code"].as<std::string>());
}

}  // namespace zs::lead
