#include "services/project/ledger_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"
#include "services/project/project_store.h"
#include "services/project/queries.h"

namespace zs::project {
namespace {

// The columns of ledger.add and ledger.list.
void EntryFromRow(const pqxx::row& row, v1::LedgerEntry* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_project_id(FieldNamed(row, "project_id").as<int64_t>());
  out->set_kind(static_cast<v1::LedgerEntry::Kind>(FieldNamed(row, "kind").as<int>()));
  out->set_entry_date(FieldNamed(row, "entry_date").as<std::string>());
  out->set_content(FieldNamed(row, "content").as<std::string>());
  out->set_author(FieldNamed(row, "author").as<std::string>());
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
}

// The columns of funds.record and funds.list.
void FundsFromRow(const pqxx::row& row, v1::FundsRecord* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_project_id(FieldNamed(row, "project_id").as<int64_t>());
  out->set_arrival_date(FieldNamed(row, "arrival_date").as<std::string>());
  out->set_amount_wan_yuan(FieldNamed(row, "amount_wan_yuan").as<int64_t>());
  out->set_note(FieldNamed(row, "note").as<std::string>());
  out->set_warning(FieldNamed(row, "warning").as<std::string>());
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  out->set_project_name(FieldNamed(row, "project_name").as<std::string>());
}

}  // namespace

absl::Status LedgerStore::AddEntry(pqxx::transaction_base& tx, const CallContext& call,
                                   const v1::AddLedgerEntryRequest& request,
                                   v1::LedgerEntry* out) const {
  v1::LedgerEntry entry = request.entry();
  if (entry.entry_date().empty()) entry.set_entry_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateLedgerEntry(entry));
  // NOT_FOUND when there is no such project.
  ZS_RETURN_IF_ERROR(ProjectStage(tx, entry.project_id()).status());
  ZS_RETURN_IF_ERROR(ValidateLedgerEntryDate(entry, TodayInChina()));
  const pqxx::row row =
      Exec(tx, queries::kLedgerAdd, entry.project_id(), static_cast<int>(entry.kind()),
           entry.entry_date(), entry.content(), call.principal.id)[0];
  EntryFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LedgerStore::ListEntries(pqxx::transaction_base& tx,
                                      const v1::ListLedgerEntriesRequest& request,
                                      v1::ListLedgerEntriesResponse* out) const {
  // NOT_FOUND when there is no such project.
  ZS_RETURN_IF_ERROR(ProjectStage(tx, request.project_id()).status());
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kLedgerList, request.project_id(), page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_entries(), out->mutable_next_page_token(), EntryFromRow);
  return absl::OkStatus();
}

absl::Status LedgerStore::RecordFunds(pqxx::transaction_base& tx,
                                      const v1::RecordFundsRequest& request,
                                      v1::FundsRecord* out) const {
  v1::FundsRecord funds = request.funds();
  if (funds.arrival_date().empty()) funds.set_arrival_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateDate("funds.arrival_date", funds.arrival_date()));
  if (funds.amount_wan_yuan() <= 0) {
    return InvalidField("funds.amount_wan_yuan", "must be greater than zero");
  }
  ZS_RETURN_IF_ERROR(ValidateMoney("funds.amount_wan_yuan", funds.amount_wan_yuan()));
  ZS_RETURN_IF_ERROR(ValidateOptionalText("funds.note", funds.note(), 1000));
  if (funds.project_id() <= 0) return InvalidField("funds.project_id", "is required");
  const pqxx::result project = Exec(tx, queries::kFundsLockProject, funds.project_id());
  if (project.empty()) return NotFound("project", funds.project_id());
  const auto stage = static_cast<v1::Stage>(project[0]["stage"].as<int>());
  ZS_RETURN_IF_ERROR(CheckFundsArrival(funds.project_id(), stage));
  ZS_RETURN_IF_ERROR(
      ValidateFundsDate(funds, project[0]["signed_date"].as<std::string>(), TodayInChina()));
  const int64_t total = project[0]["total_investment_wan_yuan"].as<int64_t>();
  const int64_t paid_in = project[0]["paid_in"].as<int64_t>() + funds.amount_wan_yuan();
  std::string warning;
  if (paid_in > total) {
    warning = absl::StrCat("paid-in total ", paid_in,
                           " 万元 exceeds the project's total "
                           "investment of ",
                           total,
                           " 万元: check the amount or record a "
                           "capital increase");
  }
  const pqxx::row row = Exec(tx, queries::kFundsRecord, funds.project_id(), funds.arrival_date(),
                             funds.amount_wan_yuan(), funds.note(), warning)[0];
  FundsFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LedgerStore::ListFunds(pqxx::transaction_base& tx, const v1::ListFundsRequest& request,
                                    v1::ListFundsResponse* out) const {
  const auto& range = request.arrival_date_range();
  if (request.project_id() != 0 || range.start_date().empty()) {
    // NOT_FOUND when there is no such project.
    ZS_RETURN_IF_ERROR(ProjectStage(tx, request.project_id()).status());
  } else {
    ZS_RETURN_IF_ERROR(ValidateDate("arrival_date_range.start_date", range.start_date()));
    ZS_RETURN_IF_ERROR(ValidateDate("arrival_date_range.end_date", range.end_date()));
  }
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kFundsList, NullIfZero(request.project_id()),
                                 NullIfEmpty(range.start_date()), NullIfEmpty(range.end_date()),
                                 page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_funds(), out->mutable_next_page_token(), FundsFromRow);
  return absl::OkStatus();
}

}  // namespace zs::project
