// SQL for enterprises and referrers. An enterprise's identity is its credit
// code and its name key (common/enterprise_name.h), checked against every
// record, merged ones included; a create whose name is only similar to one
// in use needs the caller's confirmation (allow_similar).
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/enterprise_name.h"
#include "common/rpc.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

// Name similarity (character-bigram Jaccard of the keys' cores) from which
// two enterprises are likely the same: CreateEnterprise asks to confirm,
// and it is FindDuplicate*'s default threshold.
inline constexpr double kLikelySameSimilarity = 0.5;

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
  // ALREADY_EXISTS naming the record whose identity `e` (named by `key`)
  // would take, with its id (or its survivor's) as ErrorInfo metadata
  // "enterprise_id". `self_id` is the record being renamed, 0 for a create.
  absl::Status CheckIdentity(pqxx::transaction_base& tx, const v1::Enterprise& e,
                             const EnterpriseNameKey& key, int64_t self_id) const;
  // FAILED_PRECONDITION SIMILAR_ENTERPRISES_EXIST listing the records in use
  // whose names are likely the same (ErrorInfo metadata "candidate_ids").
  absl::Status CheckNotSimilar(pqxx::transaction_base& tx, const EnterpriseNameKey& key) const;
};

// An enterprise from the columns of queries/enterprise.get.sql (and the
// statements selecting the same columns).
void EnterpriseFromRow(const pqxx::row& row, v1::Enterprise* out);

}  // namespace zs::lead
