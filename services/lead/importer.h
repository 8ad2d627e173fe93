// ImportLeads / ImportActivities: a spreadsheet read on the server, each
// data row planned (import/import_plan.h) and then created in its own
// transaction — enterprise (found again or created) and lead or activity
// together — under a request id derived from the row's content. With
// validate_only each row's transaction runs the same statements and is
// rolled back, so a dry run refuses exactly what a real run would.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "services/lead/activity_store.h"
#include "services/lead/enterprise_store.h"
#include "services/lead/import/import_plan.h"
#include "services/lead/lead_store.h"

namespace zs::lead {

// The fields ImportLeadsRequest and ImportActivitiesRequest share.
struct ImportRequest {
  const std::string& content;
  const std::string& file_name;
  const std::string& sheet_name;
  const std::string& encoding;
  bool validate_only;
  int32_t start_row;
  int32_t max_rows;
  bool allow_similar;

  template <typename Request>
  static ImportRequest Of(const Request& r) {
    return {r.content(),       r.file_name(), r.sheet_name(), r.encoding(),
            r.validate_only(), r.start_row(), r.max_rows(),   r.allow_similar()};
  }
};

class Importer {
 public:
  Importer(const Directory& directory, const EnterpriseStore& enterprises, const LeadStore& leads,
           const ActivityStore& activities)
      : directory_(directory), enterprises_(enterprises), leads_(leads), activities_(activities) {}

  // Whole-call errors (INVALID_ARGUMENT naming content, encoding,
  // sheet_name, start_row or max_rows) fail the call; a row's problems
  // are that row's result.
  absl::Status Run(const CallContext& call, ConnectionSlot& slot, import::ImportKind kind,
                   const ImportRequest& file, v1::ImportResponse* out) const;

  // The template workbook: the columns as headers, an example row, and a
  // 填写说明 sheet with every column's names and accepted values.
  absl::Status Template(v1::GetImportTemplateRequest::Kind kind, v1::ImportTemplate* out) const;

 private:
  // The row's records, created in `tx`; a refusal's status names the field.
  absl::Status CreateRow(pqxx::transaction_base& tx, const CallContext& call,
                         import::ImportKind kind, const import::PlannedRow& plan,
                         bool allow_similar, const std::string& request_id,
                         v1::ImportRowResult* result) const;

  const Directory& directory_;
  const EnterpriseStore& enterprises_;
  const LeadStore& leads_;
  const ActivityStore& activities_;
};

}  // namespace zs::lead
