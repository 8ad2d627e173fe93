// SQL for the directory: units (towns, parks, departments, remote offices,
// small teams) and county-level leaders.
#pragma once

#include <pqxx/pqxx>
#include <vector>

#include "absl/status/status.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;

class DirectoryStore {
 public:
  absl::Status ListUnits(pqxx::transaction_base& tx, const v1::ListUnitsRequest& request,
                         v1::ListUnitsResponse* out) const;
  absl::Status GetUnit(pqxx::transaction_base& tx, const std::string& code, v1::Unit* out) const;
  absl::Status CreateUnit(pqxx::transaction_base& tx, const v1::CreateUnitRequest& request,
                          v1::Unit* out) const;
  absl::Status UpdateUnit(pqxx::transaction_base& tx, const v1::UpdateUnitRequest& request,
                          v1::Unit* out) const;
  absl::Status ListLeaders(pqxx::transaction_base& tx, v1::ListLeadersResponse* out) const;
  absl::Status CreateLeader(pqxx::transaction_base& tx, const v1::CreateLeaderRequest& request,
                            v1::Leader* out) const;
  // Every active unit (offices included), ordered by code.
  std::vector<v1::Unit> ActiveUnits(pqxx::transaction_base& tx) const;
};

}  // namespace zs::supervision
