// `zsctl import leads|visits FILE [--dry-run]`.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "client/cli.h"
#include "client/spreadsheet_import.h"

namespace zs::client {
namespace {

using zhaoshang::zsctl::v1::ImportReport;

struct ImportCommand {
  ImportKind kind;
  std::string file;
  std::string encoding = "auto";
  bool dry_run = false;
};

int RunImport(const ImportCommand& command, const GlobalOptions& options) {
  ImportOptions import;
  import.kind = command.kind;
  import.dry_run = command.dry_run;
  if (!ParseTextEncoding(command.encoding, &import.encoding)) {
    std::cerr << "zsctl: --encoding: auto, utf-8 or gbk\n";
    return kExitUsage;
  }
  CallerOrExit caller = MakeCaller(options);
  if (caller.caller == nullptr) return caller.exit_code;
  import.office = caller.profile.office;
  import.state_dir = caller.profile.state_dir;
  if (isatty(STDERR_FILENO) && !options.quiet) {
    import.progress = [](int done, int total) {
      std::cerr << "\rimporting " << done << "/" << total << (done == total ? "\n" : "")
                << std::flush;
  };
}
absl::StatusOr<ImportReport> report = ImportSpreadsheet(*caller.caller, command.file, import);
if (!report.ok()) return Fail(report.status());
if (options.format() != OutputFormat::kTable) {
  if (int printed = Print(options, *report); printed != kExitOk) return printed;
} else {
  for (const ImportReport::RowError& error : report->errors()) {
    std::cout << command.file << ":" << error.line() << ": "
              << (error.column().empty() ? "" : error.column() + ": ") << error.message() << "\n";
  }
  std::cout << report->rows() << " rows (" << report->encoding() << "): ";
  if (report->dry_run()) {
    std::cout << report->rows() - report->invalid() << " valid, " << report->invalid()
              << " invalid; nothing sent (dry run)\n";
  } else {
    std::cout << report->imported() << " imported, " << report->already_imported()
              << " already imported, " << report->invalid() << " invalid\n";
  }
}
return report->invalid() > 0 ? kExitInvalid : kExitOk;
}  // namespace

}  // namespace zs::client

void AddImportCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* import = app.add_subcommand("import", "create records from a spreadsheet (CSV)");
  import->require_subcommand(1);
  for (auto [name, kind, help] :
       {std::tuple{"leads", ImportKind::kLeads,
                   "leads: 企业名称, 线索名称, 产业, 招商渠道 required; 预计投资(万元), 收集日期, "
                   "跟进责任人, 链条, 推荐人编号, 所在地区, 单位 or 办事处, 说明 optional"},
        std::tuple{"visits", ImportKind::kVisits,
                   "merchant visits: 来访事由, 来访日期, 企业名称 required; 产业, 接待领导, "
                   "单位 or 办事处, 备注 optional"}}) {
    auto command = std::make_shared<ImportCommand>();
    command->kind = kind;
    CLI::App* sub = import->add_subcommand(name, help);
    sub->add_option("file", command->file, "CSV file (UTF-8 with or without BOM, or GBK)")
        ->required();
    sub->add_flag("--dry-run", command->dry_run, "check every row, send nothing");
    sub->add_option("--encoding", command->encoding, "auto (default), utf-8 or gbk");
    sub->callback([command, &options] { g_exit_code = RunImport(*command, options); });
  }
}

}  // namespace zs::client
