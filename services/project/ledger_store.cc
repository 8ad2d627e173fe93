#include "services/project/ledger_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"
#include "services/project/project_store.h"

namespace zs::project {
namespace {

const char kEntryColumns[] =
    "id, project_id, kind, to_char(entry_date, 'YYYY-MM-DD'), content, author, " ZS_MICROS(
        "created_at");

void EntryFromRow(const pqxx::row& row, v1::LedgerEntry* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_project_id(row[1].as<int64_t>());
  out->set_kind(static_cast<v1::LedgerEntry::Kind>(row[2].as<int>()));
  out->set_entry_date(row[3].as<std::string>());
  out->set_content(row[4].as<std::string>());
  out->set_author(row[5].as<std::string>());
  SetTimestampMicros(row[6], out->mutable_create_time());
}

const char kFundsColumns[] =
    "f.id, f.project_id, to_char(f.arrival_date, 'YYYY-MM-DD'), f.amount_wan_yuan, f.note, "
    "f.warning, " ZS_MICROS("f.created_at") ", "
    "(SELECT p.name FROM projects p WHERE p.id = f.project_id)";

void FundsFromRow(const pqxx::row& row, v1::FundsRecord* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_project_id(row[1].as<int64_t>());
  out->set_arrival_date(row[2].as<std::string>());
  out->set_amount_wan_yuan(row[3].as<int64_t>());
  out->set_note(row[4].as<std::string>());
  out->set_warning(row[5].as<std::string>());
  SetTimestampMicros(row[6], out->mutable_create_time());
  out->set_project_name(row[7].as<std::string>());
}

}  // namespace

absl::Status LedgerStore::AddEntry(pqxx::transaction_base& tx, const CallContext& call,
                                   const v1::AddLedgerEntryRequest& request,
                                   v1::LedgerEntry* out) const {
  v1::LedgerEntry entry = request.entry();
  if (entry.entry_date().empty()) entry.set_entry_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateLedgerEntry(entry));
  absl::StatusOr<v1::Stage> stage = ProjectStage(tx, entry.project_id());
  if (!stage.ok()) return stage.status();
  ZS_RETURN_IF_ERROR(ValidateLedgerEntryDate(entry, TodayInChina()));
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO ledger_entries (project_id, kind, entry_date, content, author) "
                   "VALUES ($1, $2, $3, $4, $5) RETURNING ",
                   kEntryColumns),
      entry.project_id(), static_cast<int>(entry.kind()), entry.entry_date(), entry.content(),
      call.principal.id);
  EntryFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LedgerStore::ListEntries(pqxx::transaction_base& tx,
                                      const v1::ListLedgerEntriesRequest& request,
                                      v1::ListLedgerEntriesResponse* out) const {
  absl::StatusOr<v1::Stage> stage = ProjectStage(tx, request.project_id());
  if (!stage.ok()) return stage.status();
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kEntryColumns,
                                  " FROM ledger_entries WHERE project_id = $1 "
                                  "AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"),
                     request.project_id(), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_entries(), out->mutable_next_page_token(),
           EntryFromRow);
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
  const pqxx::result project = tx.exec_params(
      "SELECT stage, total_investment_wan_yuan, "
      "  (SELECT COALESCE(sum(amount_wan_yuan), 0) FROM funds WHERE project_id = $1), "
      "  COALESCE(to_char(signed_date, 'YYYY-MM-DD'), '') "
      "FROM projects WHERE id = $1 FOR UPDATE",
      funds.project_id());
  if (project.empty()) return NotFound("project", funds.project_id());
  const auto stage = static_cast<v1::Stage>(project[0][0].as<int>());
  if (!IsSignedStage(stage)) {
    return FailedPrecondition(
        "NOT_SIGNED", absl::StrCat("project ", funds.project_id(), " is ", v1::Stage_Name(stage),
                                   "; funds arrive for signed projects"));
  }
  ZS_RETURN_IF_ERROR(ValidateFundsDate(funds, project[0][3].as<std::string>(), TodayInChina()));
  const int64_t total = project[0][1].as<int64_t>();
  const int64_t paid_in = project[0][2].as<int64_t>() + funds.amount_wan_yuan();
  std::string warning;
  if (paid_in > total) {
    warning = absl::StrCat("paid-in total ", paid_in,
                           " 万元 exceeds the project's total "
                           "investment of ",
                           total,
                           " 万元: check the amount or record a "
                           "capital increase");
  }
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO funds AS f (project_id, arrival_date, amount_wan_yuan, note, "
                   "warning) VALUES ($1, $2, $3, $4, $5) RETURNING ",
                   kFundsColumns),
      funds.project_id(), funds.arrival_date(), funds.amount_wan_yuan(), funds.note(), warning);
  FundsFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LedgerStore::ListFunds(pqxx::transaction_base& tx, const v1::ListFundsRequest& request,
                                    v1::ListFundsResponse* out) const {
  const auto& range = request.arrival_date_range();
  if (request.project_id() != 0 || range.start_date().empty()) {
    absl::StatusOr<v1::Stage> stage = ProjectStage(tx, request.project_id());
    if (!stage.ok()) return stage.status();
  } else {
    ZS_RETURN_IF_ERROR(ValidateDate("arrival_date_range.start_date", range.start_date()));
    ZS_RETURN_IF_ERROR(ValidateDate("arrival_date_range.end_date", range.end_date()));
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kFundsColumns,
                   " FROM funds f WHERE ($1::bigint IS NULL OR f.project_id = $1) "
                   "AND ($2::date IS NULL OR f.arrival_date BETWEEN $2 AND $3::date) "
                   "AND ($4::bigint IS NULL OR f.id < $4) ORDER BY f.id DESC LIMIT $5"),
      NullIfZero(request.project_id()), NullIfEmpty(range.start_date()),
      NullIfEmpty(range.end_date()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_funds(), out->mutable_next_page_token(),
           FundsFromRow);
  return absl::OkStatus();
}

}  // namespace zs::project
