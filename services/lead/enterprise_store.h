// SQL for enterprises and referrers. Enterprises are deduplicated by credit
// code and by normalised name among the records still in use.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/rpc.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

class EnterpriseStore {
 public:
  absl::Status Create(pqxx::transaction_base& tx, const v1::CreateEnterpriseRequest& request,
                      v1::Enterprise* out) const;
  absl::Status Get(pqxx::transaction_base& tx, int64_t id, v1::Enterprise* out) const;
  absl::Status List(pqxx::transaction_base& tx, const v1::ListEnterprisesRequest& request,
                    v1::ListEnterprisesResponse* out) const;
  absl::Status Update(pqxx::transaction_base& tx, const v1::UpdateEnterpriseRequest& request,
                      v1::Enterprise* out) const;
  // NOT_FOUND unless `id` names an enterprise still in use (not merged).
  absl::Status RequireActive(pqxx::transaction_base& tx, absl::string_view field, int64_t id) const;
  // The same judgement on a row already read: `found` is the enterprise's
  // id column (NULL when there is none), `merged_into` its merged_into_id.
  static absl::Status CheckActive(absl::string_view field, int64_t id, const pqxx::field& found,
                                  const pqxx::field& merged_into);

  absl::Status CreateReferrer(pqxx::transaction_base& tx, const v1::CreateReferrerRequest& request,
                              v1::Referrer* out) const;
  absl::Status GetReferrer(pqxx::transaction_base& tx, int64_t id, v1::Referrer* out) const;
  absl::Status ListReferrers(pqxx::transaction_base& tx, const v1::ListReferrersRequest& request,
                             v1::ListReferrersResponse* out) const;

 private:
  // ALREADY_EXISTS naming the record that `e` would duplicate, if any.
  absl::Status CheckNotDuplicate(pqxx::transaction_base& tx, const v1::Enterprise& e,
                                 int64_t except_id) const;
};

// Row mapping shared with the duplicate finder.
extern const char kEnterpriseColumns[];
void EnterpriseFromRow(const pqxx::row& row, v1::Enterprise* out);

}  // namespace zs::lead
