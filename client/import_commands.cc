// `zsctl import leads|visits FILE [--dry-run]`, `zsctl import leads
// --template`, and `zsctl config init|show`. The file goes to the lead
// service's ImportLeads / ImportActivities, which read and check it (the
// console uploads the same file to the same code); the client only sends
// it a chunk of rows at a time, to show progress, and prints the results.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli.h"
#include "common/request_limits.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::client {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;

enum class ImportKind { kLeads, kVisits };

constexpr int kRowsPerCall = 100;

struct ImportCommand {
  ImportKind kind;
  std::string file;
  std::string encoding;
  std::string sheet;
  bool dry_run = false;
  bool template_only = false;
  bool allow_similar = false;
  std::string save_as;
};

const google::protobuf::MethodDescriptor& LeadMethod(const char* name) {
  return *lv1::Lead::descriptor()->file()->FindServiceByName("LeadService")->FindMethodByName(name);
}

int SaveTemplate(const ImportCommand& command, RpcCaller& caller) {
  lv1::GetImportTemplateRequest request;
  request.set_kind(command.kind == ImportKind::kLeads
                       ? lv1::GetImportTemplateRequest::KIND_LEADS
                       : lv1::GetImportTemplateRequest::KIND_ACTIVITIES);
  lv1::ImportTemplate answer;
  grpc::Status status = caller.Call(LeadMethod("GetImportTemplate"), request, &answer);
  if (!status.ok()) return Fail(status);
  const std::string path = !command.save_as.empty() ? command.save_as
                           : !command.file.empty()  ? command.file
                                                    : answer.file_name();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << answer.content();
  if (!out) return Fail(absl::UnavailableError("cannot write " + path));
  std::cout << "wrote " << path << "\n";
  return kExitOk;
}

int RunImport(const ImportCommand& command, const GlobalOptions& options) {
  CallerOrExit caller = MakeCaller(options);
  if (caller.caller == nullptr) return caller.exit_code;
  if (command.template_only) return SaveTemplate(command, *caller.caller);
  if (command.file.empty()) {
    std::cerr << "zsctl: name the file to import (or --template to get the template)\n";
    return kExitUsage;
  }
  std::ifstream in(command.file, std::ios::binary);
  if (!in) return Fail(absl::NotFoundError("cannot read " + command.file));
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (bytes.str().size() > static_cast<size_t>(kMaxUploadBytes)) {
    std::cerr << "zsctl: " << command.file
              << " is larger than 4 MiB: split it into several files\n";
    return kExitUsage;
  }
  const std::string file_name = std::filesystem::path(command.file).filename().string();
  // The same file goes in every chunk: the service reads it whole each time
  // and takes the rows from start_row on.
  auto fill = [&](auto& request, int start) {
    request.set_content(bytes.str());
    request.set_file_name(file_name);
    request.set_sheet_name(command.sheet);
    request.set_encoding(command.encoding);
    request.set_validate_only(command.dry_run);
    request.set_allow_similar(command.allow_similar);
    request.set_start_row(start);
    request.set_max_rows(kRowsPerCall);
  };
  const bool progress = isatty(STDERR_FILENO) && !options.quiet;
  lv1::ImportResponse all;
  int start = 0;
  do {
    lv1::ImportResponse chunk;
    grpc::Status status;
    if (command.kind == ImportKind::kLeads) {
      lv1::ImportLeadsRequest request;
      fill(request, start);
      status = caller.caller->Call(LeadMethod("ImportLeads"), request, &chunk);
    } else {
      lv1::ImportActivitiesRequest request;
      fill(request, start);
      status = caller.caller->Call(LeadMethod("ImportActivities"), request, &chunk);
    }
    if (!status.ok()) {
      if (progress) std::cerr << "\n";
      if (start > 0) {
        std::cerr << "zsctl: stopped after " << start << " of " << all.total_rows()
                  << " rows; run the same import again to go on (done rows are not repeated)\n";
      }
      return Fail(status);
    }
    const int done = chunk.next_start_row() == 0 ? chunk.total_rows() : chunk.next_start_row();
    auto rows = std::move(*chunk.mutable_rows());
    chunk.clear_rows();
    all.MergeFrom(chunk);
    for (auto& row : rows) *all.add_rows() = std::move(row);
    start = chunk.next_start_row();
    if (progress) {
      std::cerr << "\r" << (command.dry_run ? "checking " : "importing ") << done << "/"
                << chunk.total_rows() << (start == 0 ? "\n" : "") << std::flush;
    }
  } while (start != 0);
  all.set_next_start_row(0);

  int created = 0, again = 0, valid = 0, refused = 0;
  for (const lv1::ImportRowResult& row : all.rows()) {
    switch (row.outcome()) {
      case lv1::ImportRowResult::OUTCOME_CREATED:
        ++created;
        break;
      case lv1::ImportRowResult::OUTCOME_ALREADY_IMPORTED:
        ++again;
        break;
      case lv1::ImportRowResult::OUTCOME_VALID:
        ++valid;
        break;
      default:
        ++refused;
    }
  }
  if (options.format() != OutputFormat::kTable) {
    if (int printed = Print(options, all); printed != kExitOk) return printed;
  } else {
    for (const lv1::ImportRowResult& row : all.rows()) {
      for (const auto& problem : row.problems()) {
        std::cout << command.file << ":" << row.line() << ": "
                  << (problem.column().empty() ? "" : problem.column() + ": ") << problem.message()
                  << "\n";
      }
    }
    if (all.unknown_columns_size() > 0) {
      std::cout << "columns not imported (no field reads them): "
                << absl::StrJoin(all.unknown_columns(), ", ") << "\n";
    }
    std::cout << all.total_rows() << " rows ("
              << (all.sheet_name().empty() ? all.encoding() : "sheet " + all.sheet_name())
              << ", header on line " << all.header_line() << "): ";
    if (command.dry_run) {
      std::cout << valid << " valid, " << again << " already imported, " << refused
                << " refused; nothing imported (dry run)\n";
    } else {
      std::cout << created << " imported, " << again << " already imported, " << refused
                << " refused\n";
    }
  }
  return refused > 0 ? kExitInvalid : kExitOk;
}

}  // namespace

void AddImportCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* import = app.add_subcommand(
      "import", "create records from a spreadsheet (.xlsx or CSV), read by the lead service");
  import->require_subcommand(1);
  for (auto [name, kind, help] :
       {std::tuple{"leads", ImportKind::kLeads,
                   "leads with their enterprises: 项目名称/线索名称 and 企业名称 required; "
                   "统一社会信用代码, 企业类型, 联系人, 联系电话, 所属产业, 招商方式, 链条, "
                   "预计投资（万元）, 收集日期, 跟进责任人, 推荐人, 所属单位 or 办事处, 备注 "
                   "optional (`--template` writes the template with every column)"},
        std::tuple{"visits", ImportKind::kVisits,
                   "activities (merchant visits unless 活动类型 says otherwise): 来访事由, "
                   "来访日期, 企业名称 required; 接待领导/带队领导, 所属单位 or 办事处, 备注 … "
                   "optional"}}) {
    auto command = std::make_shared<ImportCommand>();
    command->kind = kind;
    CLI::App* sub = import->add_subcommand(name, help);
    sub->add_option("file", command->file,
                    ".xlsx, or CSV in UTF-8 (with or without BOM), GB18030/GBK or Big5");
    sub->add_flag("--dry-run", command->dry_run,
                  "check every row exactly as an import would, import nothing");
    sub->add_option("--encoding", command->encoding,
                    "CSV only: utf-8, gb18030 or big5 (default: detected)");
    sub->add_flag("--allow-similar", command->allow_similar,
                  "create enterprises whose names are only like known ones (otherwise such "
                  "rows are refused, naming the enterprises they are like)");
    sub->add_option("--sheet", command->sheet,
                    ".xlsx only: the sheet to read (default: the first)");
    sub->add_flag("--template", command->template_only,
                  "write the import template (.xlsx) to FILE, --save or its own name");
    sub->add_option("--save", command->save_as, "with --template: where to write it");
    sub->callback([command, &options] { g_exit_code = RunImport(*command, options); });
  }
}

}  // namespace zs::client
