// SQL for a project's ledger (台账: progress, measures, difficulties) and
// its funds in place (到资).
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/rpc.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;

class LedgerStore {
 public:
  absl::Status AddEntry(pqxx::transaction_base& tx, const CallContext& call,
                        const v1::AddLedgerEntryRequest& request, v1::LedgerEntry* out) const;
  absl::Status ListEntries(pqxx::transaction_base& tx, const v1::ListLedgerEntriesRequest& request,
                           v1::ListLedgerEntriesResponse* out) const;
  // Records arrived funds; when the paid-in total passes the project's total
  // investment the record is kept but carries a warning.
  absl::Status RecordFunds(pqxx::transaction_base& tx, const v1::RecordFundsRequest& request,
                           v1::FundsRecord* out) const;
  absl::Status ListFunds(pqxx::transaction_base& tx, const v1::ListFundsRequest& request,
                         v1::ListFundsResponse* out) const;
};

}  // namespace zs::project
