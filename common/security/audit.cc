#include "common/security/audit.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/paging.h"
#include "common/queries.h"
#include "common/sql_row.h"

namespace zs {
namespace {

namespace cv1 = zhaoshang::common::v1;

// Tables auditing would only echo: bookkeeping, and append-only histories
// whose every row already names who and when and is written in the same
// transaction as the audited change it records (a lead's status history
// beside the audited update of the lead).
// As a text[] literal, the parameter of audit.untriggered_tables and
// audit.echoing_tables.
constexpr char kUnaudited[] =
    "{audit_log,idempotency_keys,schema_migrations,lead_status_history,"
    // the report rollups: derived from the audited records, rebuilt from them
    // at will (common/report_rollup.h), and written by every change and fold.
    "report_deltas,report_rollup_days,report_rollup_months,project_facts,"
    // identity: secrets' hashes and throttling stay out of the trail; sign-in
    // events and sessions are the record of signing in themselves.
    "account_passwords,sign_in_throttle,sessions,sign_in_events}";

}  // namespace

void InstallAuditTriggers(pqxx::transaction_base& tx) {
  if (!Exec(tx, queries::kAuditInstalled)[0]["installed"].as<bool>()) {
    throw std::runtime_error(
        "the schema \"audit\" is missing: run deploy/k8s/base/db/audit.sql as the database "
        "owner (the zs-db-roles Job; ./zs run does) before the services migrate");
  }
  Exec(tx, queries::kAuditCreateTriggerFunction);
  // This month's and the next two months' partitions exist before a row
  // needs them (the retention job keeps this true as months pass).
  Exec(tx, queries::kAuditEnsurePartitions);
  // A table's name is an identifier, not a value: quoted into the text.
  for (const pqxx::row& row : Exec(tx, queries::kAuditUntriggeredTables, kUnaudited)) {
    tx.exec("CREATE TRIGGER zs_audit AFTER INSERT OR UPDATE OR DELETE ON " +
            tx.quote_name(row["relname"].as<std::string>()) +
            " FOR EACH ROW EXECUTE FUNCTION zs_audit()");
  }
  for (const pqxx::row& row : Exec(tx, queries::kAuditEchoingTables, kUnaudited)) {
    tx.exec("DROP TRIGGER zs_audit ON " + tx.quote_name(row["relname"].as<std::string>()));
  }
}

absl::Status ListAuditEvents(pqxx::transaction_base& tx, const cv1::ListAuditEventsRequest& request,
                             cv1::ListAuditEventsResponse* response) {
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kAuditListEvents, request.table(), request.record_id(),
           request.request_id(), page.after_id(), page.fetch_limit());
  page.Fill(rows, response->mutable_events(), response->mutable_next_page_token(),
            [](const pqxx::row& row, cv1::AuditEvent* event) {
              event->set_id(FieldNamed(row, "id").as<int64_t>());
              SetTimestampMicros(FieldNamed(row, "at_micros"), event->mutable_time());
              event->set_principal(FieldNamed(row, "principal").as<std::string>());
              event->set_on_behalf_of(FieldNamed(row, "on_behalf_of").as<std::string>());
              event->set_method(FieldNamed(row, "method").as<std::string>());
              event->set_request_id(FieldNamed(row, "request_id").as<std::string>());
              event->set_table(FieldNamed(row, "table_name").as<std::string>());
              event->set_record_id(FieldNamed(row, "record_id").as<std::string>());
              event->set_operation(FieldNamed(row, "operation").as<std::string>());
              event->set_before_json(FieldNamed(row, "before_json").as<std::string>());
              event->set_after_json(FieldNamed(row, "after_json").as<std::string>());
            });
  return absl::OkStatus();
}

}  // namespace zs

namespace zs {

void RecordDenial(ConnectionSlot& slot, const CallContext& call, absl::string_view request_id,
                  absl::string_view peer, absl::string_view reason) {
  const absl::Status recorded =
      RunStatements(slot, absl::Now() + absl::Seconds(2), [&](pqxx::transaction_base& tx) {
        Exec(tx, queries::kAuditRecordDenial, call.principal.id, call.principal.on_behalf_of,
             call.method, std::string(request_id), std::string(reason), std::string(peer));
        return absl::OkStatus();
      });
  if (!recorded.ok()) {
    LogWarning(absl::StrCat("could not record the refusal of ", call.method, " for ",
                            call.principal.id, " in the audit trail: ", recorded.message()));
  }
}

}  // namespace zs
