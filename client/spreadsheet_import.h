// `zsctl import leads|visits FILE`: rows of a spreadsheet export become
// leads (with their enterprises) or merchant visits. Every row is checked
// first and a bad one is reported by its line and column, never sent; the
// rest are created with request ids derived from their content, so a re-run
// — after a crash, a dropped link or fixing the bad rows — creates nothing
// twice. Rows done are remembered in the state directory and skipped.
#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "client/csv_table.h"
#include "client/rpc_caller.h"
#include "zhaoshang/zsctl/v1/journal.pb.h"

namespace zs::client {

enum class ImportKind { kLeads, kVisits };

struct ImportOptions {
  ImportKind kind = ImportKind::kLeads;
  TextEncoding encoding = TextEncoding::kAuto;
  bool dry_run = false;
  std::string office;     // collector for rows that name no unit or office
  std::string state_dir;  // where the rows already imported are remembered
  // Called after each row with (rows done, rows in all).
  std::function<void(int, int)> progress;
};

// The report lists every invalid row; a row the services refuse counts as
// invalid with their message. UNAVAILABLE when the services cannot be
// reached: what was imported stays imported, and a re-run goes on from there.
absl::StatusOr<zhaoshang::zsctl::v1::ImportReport> ImportSpreadsheet(RpcCaller& caller,
                                                                     const std::string& path,
                                                                     const ImportOptions& options);

}  // namespace zs::client
