#include "services/lead/importer.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/enterprise_name.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/idempotency.h"
#include "common/labels.h"
#include "common/request_limits.h"
#include "common/security/scope.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "common/xlsx_bytes.h"
#include "services/lead/import/csv_reader.h"
#include "services/lead/import/xlsx_reader.h"
#include "services/lead/queries.h"

namespace zs::lead {
namespace {

using import::ImportKind;
using import::PlannedRow;

constexpr int kMaxDataRows = 10'000;
constexpr int kDefaultRowsPerCall = 200;
constexpr int kMaxRowsPerCall = 1'000;
constexpr char kValidateOnly[] = "zs-import-validate-only";  // rolls a dry run's row back

// The import column a store's field error is about, by the field's last name.
std::string ImportFieldOf(const absl::Status& status) {
  static const auto* const kFields = new std::map<std::string, std::string>{
      {"name", "enterprise"},
      {"credit_code", "credit_code"},
      {"contact_name", "contact_name"},
      {"contact_phone", "contact_phone"},
      {"region", "region"},
      {"type", "enterprise_type"},
      {"industry", "industry"},
      {"title", "title"},
      {"estimated_investment_wan_yuan", "investment"},
      {"collected_date", "collected_date"},
      {"referrer_id", "referrer"},
      {"unit_code", "unit"},
      {"office_code", "office"},
      {"channel", "channel"},
      {"chain_action", "chain_action"},
      {"follow_up_owner", "owner"},
      {"description", "description"},
      {"enterprise_id", "enterprise"},
      {"enterprise_ids", "enterprise"},
      {"start_date", "date"},
      {"end_date", "end_date"},
      {"leader_code", "leader"},
      {"notes", "notes"},
      {"destination", "destination"},
      {"kind", "kind"},
  };
  std::string field = ErrorField(status);
  if (const size_t dot = field.rfind('.'); dot != std::string::npos) field = field.substr(dot + 1);
  if (const size_t bracket = field.find('['); bracket != std::string::npos) field.resize(bracket);
  auto it = kFields->find(field);
  return it == kFields->end() ? "" : it->second;
}

const char* CodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case absl::StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case absl::StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case absl::StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case absl::StatusCode::kNotFound:
      return "NOT_FOUND";
    default:
      return "UNKNOWN";
  }
}

// The sheet an import reads: a workbook's, or the CSV reading whose header
// row is recognised (a decoding that names no known column is mojibake).
struct ReadSheet {
  import::Sheet sheet;
  import::HeaderRow header;
};

absl::StatusOr<ReadSheet> Read(const ImportRequest& file, ImportKind kind) {
  if (file.content.empty()) return InvalidField("content", "is empty");
  const std::string lower_name = absl::AsciiStrToLower(file.file_name);
  if (absl::EndsWith(lower_name, ".xls") || absl::StartsWith(file.content, "\xD0\xCF\x11\xE0")) {
    return InvalidField(
        "content", "旧版 .xls 文件无法读取：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入");
  }
  std::vector<import::Sheet> readings;
  if (import::LooksLikeZip(file.content) || absl::EndsWith(lower_name, ".xlsx")) {
    ZS_ASSIGN_OR_RETURN(import::Sheet sheet, import::ReadXlsx(file.content, file.sheet_name));
    readings.push_back(std::move(sheet));
  } else {
    ZS_ASSIGN_OR_RETURN(readings, import::ReadCsv(file.content, file.encoding));
  }
  absl::Status first_problem;
  for (import::Sheet& sheet : readings) {
    absl::StatusOr<import::HeaderRow> header = import::FindHeaderRow(sheet, kind);
    if (header.ok()) return ReadSheet{std::move(sheet), *std::move(header)};
    if (first_problem.ok()) first_problem = header.status();
  }
  if (readings.size() > 1) {
    return InvalidField("content",
                        "按 GB18030 和 Big5 解码都找不到可识别的表头，文件可能不是文本或编码"
                        "不对：请指定 encoding，或另存为 UTF-8 CSV / .xlsx");
  }
  return first_problem;
}

// A row that says nothing to import: every required cell empty and at most
// one other cell filled (a 合计 line, a 注：… note under the table).
bool IsNoteRow(const import::Sheet& sheet, const import::HeaderRow& header, size_t row,
               ImportKind kind) {
  const std::vector<std::string>& cells = sheet.rows[row].cells;
  for (const import::ColumnSpec& spec : import::Columns(kind)) {
    auto it = header.fields.find(spec.field);
    if (spec.required && it != header.fields.end() && it->second < cells.size() &&
        !absl::StripAsciiWhitespace(cells[it->second]).empty()) {
      return false;
    }
  }
  int filled = 0;
  for (const std::string& cell : cells) filled += absl::StripAsciiWhitespace(cell).empty() ? 0 : 1;
  return filled <= 1;
}

}  // namespace

absl::Status Importer::CreateRow(pqxx::transaction_base& tx, const CallContext& call,
                                 ImportKind kind, const PlannedRow& plan, bool allow_similar,
                                 const std::string& request_id, v1::ImportRowResult* result) const {
  const bool leads = kind == ImportKind::kLeads;
  const std::string& unit = leads ? plan.lead.unit_code() : plan.activity.unit_code();
  const std::string& office = leads ? plan.lead.office_code() : plan.activity.office_code();
  ZS_RETURN_IF_ERROR(RequireOwnUnitOrOffice(call.principal, unit, office));
  // The referrer, by its name (or number) among those the service knows.
  int64_t referrer_id = 0;
  if (!plan.referrer_text.empty()) {
    const pqxx::result found = Exec(tx, queries::kImportReferrerByName, plan.referrer_text);
    if (found.size() != 1) {
      return InvalidField(
          "lead.referrer_id",
          absl::StrCat(
              found.empty() ? "没有登记名为“" : "有多个名为“", plan.referrer_text,
              found.empty() ? "”的招商大使或委托招商机构（请先登记）" : "”的推荐人，请写编号"));
    }
    referrer_id = found[0]["id"].as<int64_t>();
  }
  // The enterprise: one already known by credit code or name key
  // (common/enterprise_name.h: 深圳市X电子 is X电子（深圳）) is attached;
  // otherwise created here, in the row's transaction.
  const v1::Enterprise& e = plan.enterprise;
  const EnterpriseNameKey key = EnterpriseNameKeyOf(e.name());
  const pqxx::result known = Exec(tx, queries::kImportKnownEnterprise, NullIfEmpty(e.credit_code()),
                                  key.key, key.core, key.region);
  int64_t enterprise_id;
  if (!known.empty()) {
    enterprise_id = known[0]["id"].as<int64_t>();
    result->set_enterprise_existed(true);
  } else {
    v1::CreateEnterpriseRequest create;
    *create.mutable_enterprise() = e;
    create.set_allow_similar(allow_similar);
    v1::Enterprise created;
    const absl::Status status = enterprises_.Create(tx, create, &created);
    // A merged record's key: the enterprise it was merged into is named.
    const std::string existing = ErrorMetadata(status, "enterprise_id");
    if (status.code() == absl::StatusCode::kAlreadyExists && !existing.empty() &&
        absl::SimpleAtoi(existing, &enterprise_id)) {
      result->set_enterprise_existed(true);
    } else {
      ZS_RETURN_IF_ERROR(status);
      enterprise_id = created.id();
    }
  }
  result->set_enterprise_id(enterprise_id);
  if (leads) {
    v1::CreateLeadRequest create;
    create.set_request_id(absl::StrCat(request_id, "-lead"));
    *create.mutable_lead() = plan.lead;
    create.mutable_lead()->set_enterprise_id(enterprise_id);
    create.mutable_lead()->set_referrer_id(referrer_id);
    const StatementClaim claim{create.request_id(), call.method,
                               MessageFingerprint(create, {"request_id"}), call.principal.id,
                               call.principal.on_behalf_of};
    v1::Lead lead;
    ZS_RETURN_IF_ERROR(leads_.Create(tx, call, claim, create, &lead));
    result->set_record_id(lead.id());
  } else {
    v1::CreateActivityRequest create;
    create.set_request_id(request_id);
    *create.mutable_activity() = plan.activity;
    create.mutable_activity()->add_enterprise_ids(enterprise_id);
    v1::Activity activity;
    ZS_RETURN_IF_ERROR(activities_.Create(tx, create, &activity));
    result->set_record_id(activity.id());
  }
  return absl::OkStatus();
}

absl::Status Importer::Run(const CallContext& call, ConnectionSlot& slot, ImportKind kind,
                           const ImportRequest& file, v1::ImportResponse* out) const {
  const bool validate_only = file.validate_only;
  const int32_t start_row = file.start_row;
  const int32_t max_rows = file.max_rows;
  if (start_row < 0) return InvalidField("start_row", "must not be negative");
  if (max_rows < 0 || max_rows > kMaxRowsPerCall) {
    return InvalidField("max_rows", absl::StrCat("must be between 0 and ", kMaxRowsPerCall));
  }
  if (file.content.size() > static_cast<size_t>(kMaxUploadBytes)) {
    return InvalidField("content", absl::StrCat("文件有", file.content.size(), "字节，一次最多",
                                                kMaxUploadBytes, "字节（4 MiB）：请分成几个文件"));
  }
  ZS_ASSIGN_OR_RETURN(ReadSheet read, Read(file, kind));
  const import::Sheet& sheet = read.sheet;
  const import::HeaderRow& header = read.header;
  std::vector<size_t> data_rows;
  for (size_t r = header.row_index + 1; r < sheet.rows.size(); ++r) {
    if (!IsNoteRow(sheet, header, r, kind)) data_rows.push_back(r);
  }
  if (data_rows.size() > static_cast<size_t>(kMaxDataRows)) {
    return InvalidField("content", absl::StrCat("有", data_rows.size(), "行数据，一次最多导入",
                                                kMaxDataRows, "行：请分成几个文件"));
  }
  out->set_sheet_name(sheet.name);
  out->set_encoding(sheet.encoding);
  out->set_header_line(header.line);
  for (const std::string& unknown : header.unknown) out->add_unknown_columns(unknown);
  out->set_total_rows(static_cast<int32_t>(data_rows.size()));

  const size_t begin = std::min<size_t>(start_row, data_rows.size());
  const size_t end =
      std::min(data_rows.size(), begin + (max_rows == 0 ? kDefaultRowsPerCall : max_rows));
  out->set_next_start_row(end < data_rows.size() ? static_cast<int32_t>(end) : 0);
  // Rows of the caller's own collector need not name it.
  const std::string default_collector = call.principal.unit_code;
  // Rows go on while the call has time for them; the rest are the next
  // call's (next_start_row says where), so a slow database shortens a
  // chunk instead of failing it. At least one row always goes.
  const absl::Time stop_by = call.deadline - (call.deadline - absl::Now()) / 5;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin && absl::Now() > stop_by) {
      out->set_next_start_row(static_cast<int32_t>(i));
      break;
    }
    const PlannedRow plan =
        import::PlanRow(sheet, header, data_rows[i], kind, directory_, default_collector);
    v1::ImportRowResult* result = out->add_rows();
    result->set_line(plan.line);
    auto refuse = [&](const absl::Status& status) {
      result->Clear();
      result->set_line(plan.line);
      result->set_outcome(v1::ImportRowResult::OUTCOME_REFUSED);
      v1::ImportRowResult::Problem* problem = result->add_problems();
      std::string field = ImportFieldOf(status);
      if (field.empty() && status.code() == absl::StatusCode::kPermissionDenied) {
        const bool office = kind == ImportKind::kLeads ? !plan.lead.office_code().empty()
                                                       : !plan.activity.office_code().empty();
        field = office ? "office" : "unit";
      }
      problem->set_column(field.empty() ? "" : import::HeaderText(header, field));
      problem->set_message(std::string(status.message()));
      problem->set_code(CodeName(status.code()));
    };
    if (!plan.problems.empty()) {
      result->set_outcome(v1::ImportRowResult::OUTCOME_REFUSED);
      for (const import::Problem& p : plan.problems) {
        v1::ImportRowResult::Problem* problem = result->add_problems();
        problem->set_column(p.column);
        problem->set_message(p.message);
        problem->set_code(p.code);
      }
      continue;
    }
    const std::string request_id = plan.RequestId(kind);
    const google::protobuf::Message& content =
        kind == ImportKind::kLeads ? static_cast<const google::protobuf::Message&>(plan.lead)
                                   : plan.activity;
    const IdempotentCall idempotent = IdempotencyOf(call, request_id, content);
    absl::Status status;
    if (validate_only) {
      // The same statements, rolled back; a row imported before replays.
      bool replayed = false;
      status = RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
        result->Clear();
        result->set_line(plan.line);
        ZS_ASSIGN_OR_RETURN(bool done, ReplayCompleted(tx, idempotent, result));
        if (done) {
          replayed = true;
          return absl::OkStatus();
        }
        ZS_RETURN_IF_ERROR(CreateRow(tx, call, kind, plan, file.allow_similar, request_id, result));
        return absl::CancelledError(kValidateOnly);
      });
      if (status.code() == absl::StatusCode::kCancelled && status.message() == kValidateOnly) {
        status = absl::OkStatus();
        result->set_outcome(v1::ImportRowResult::OUTCOME_VALID);
        result->clear_record_id();
        if (!result->enterprise_existed()) result->clear_enterprise_id();
      } else if (status.ok() && replayed) {
        result->set_outcome(v1::ImportRowResult::OUTCOME_ALREADY_IMPORTED);
      }
    } else {
      bool ran = false;
      status = RunIdempotentTransaction(
          slot, call.deadline, idempotent, result, [&](pqxx::transaction_base& tx) {
            ran = true;
            result->set_line(plan.line);
            result->set_outcome(v1::ImportRowResult::OUTCOME_CREATED);
            return CreateRow(tx, call, kind, plan, file.allow_similar, request_id, result);
          });
      if (status.ok() && !ran) {
        result->set_outcome(v1::ImportRowResult::OUTCOME_ALREADY_IMPORTED);
      }
    }
    if (!status.ok()) {
      // The call's own end (deadline, lost database) stops the import; a
      // row's refusal is that row's result.
      if (status.code() == absl::StatusCode::kUnavailable ||
          status.code() == absl::StatusCode::kDeadlineExceeded ||
          status.code() == absl::StatusCode::kInternal ||
          status.code() == absl::StatusCode::kUnknown) {
        return status;
      }
      refuse(status);
    }
  }
  return absl::OkStatus();
}

absl::Status Importer::Template(v1::GetImportTemplateRequest::Kind kind,
                                v1::ImportTemplate* out) const {
  if (kind != v1::GetImportTemplateRequest::KIND_LEADS &&
      kind != v1::GetImportTemplateRequest::KIND_ACTIVITIES) {
    return InvalidField("kind", "must be KIND_LEADS or KIND_ACTIVITIES");
  }
  const bool leads = kind == v1::GetImportTemplateRequest::KIND_LEADS;
  const ImportKind import_kind = leads ? ImportKind::kLeads : ImportKind::kActivities;
  const std::vector<import::ColumnSpec>& columns = import::Columns(import_kind);
  // One example row, in the columns' order.
  const std::map<std::string, std::string> example =
      leads ? std::map<std::string, std::string>{{"title", "福州医疗器械扩产项目"},
                                                 {"enterprise", "福建某医疗器械有限公司"},
                                                 {"credit_code", "91440300708461136T"},
                                                 {"enterprise_type", "龙头型"},
                                                 {"contact_name", "张经理"},
                                                 {"contact_phone", "13800138000"},
                                                 {"region", "福建省福州市"},
                                                 {"industry", "医疗器械"},
                                                 {"channel", "驻地招商"},
                                                 {"chain_action", "补链"},
                                                 {"investment", "30,000"},
                                                 {"collected_date", "2026年11月12日"},
                                                 {"owner", "李四"},
                                                 {"office", "福建驻外招商办事处"},
                                                 {"description", "拟在园区建设生产基地"}}
            : std::map<std::string, std::string>{
                  {"kind", "客商来访"},       {"title", "考察医疗器械产业园"},
                  {"date", "2026/11/12"},     {"enterprise", "福建某医疗器械有限公司"},
                  {"industry", "医疗器械"},   {"leader", "副区长（分管招商）"},
                  {"unit", "医疗器械产业园"}, {"notes", "洽谈二期用地"}};
  absl::StatusOr<std::string> bytes = WorkbookBytes([&](lxw_workbook* workbook) {
    lxw_format* required = workbook_add_format(workbook);
    format_set_bold(required);
    format_set_bg_color(required, 0xFCE4D6);
    format_set_border(required, LXW_BORDER_THIN);
    lxw_format* optional = workbook_add_format(workbook);
    format_set_bold(optional);
    format_set_bg_color(optional, 0xDDEBF7);
    format_set_border(optional, LXW_BORDER_THIN);
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");  // credit codes and phone numbers stay text
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, leads ? "招商线索" : "招商活动");
    for (size_t c = 0; c < columns.size(); ++c) {
      const import::ColumnSpec& spec = columns[c];
      const std::string heading =
          absl::StrCat(spec.headers[0], spec.required ? "*" : "",
                       std::string(spec.field) == "investment" ? "（万元）" : "");
      worksheet_write_string(sheet, 0, c, heading.c_str(), spec.required ? required : optional);
      const bool as_text =
          std::string(spec.field) == "credit_code" || std::string(spec.field) == "contact_phone";
      worksheet_set_column(sheet, c, c, as_text ? 22 : 16, as_text ? text : nullptr);
      auto it = example.find(spec.field);
      if (it != example.end()) worksheet_write_string(sheet, 1, c, it->second.c_str(), nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);

    lxw_worksheet* help = workbook_add_worksheet(workbook, "填写说明");
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    int row = 0;
    const char* const kHeadings[] = {"列名", "必填", "也可写作", "怎么填"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(help, 0, c, kHeadings[c], bold);
    auto labels = [](const google::protobuf::EnumDescriptor& type) {
      std::vector<std::string> out;
      for (int i = 1; i < type.value_count(); ++i) out.push_back(EnumValueLabel(*type.value(i)));
      return absl::StrJoin(out, "、");
    };
    auto names = [&](std::initializer_list<OrgKind> kinds) {
      std::vector<std::string> out;
      for (const OrgEntry& entry : directory_.entries()) {
        if (std::find(kinds.begin(), kinds.end(), entry.kind) != kinds.end()) {
          out.push_back(entry.name);
        }
      }
      return absl::StrJoin(out, "、");
    };
    const std::map<std::string, std::string> how = {
        {"credit_code", "18位统一社会信用代码；已有企业按信用代码或名称自动关联"},
        {"enterprise_type", labels(*zhaoshang::common::v1::EnterpriseType_descriptor())},
        {"industry", labels(*zhaoshang::common::v1::Industry_descriptor())},
        {"channel", labels(*zhaoshang::common::v1::Channel_descriptor()) +
                        "；不填时办事处记为驻地招商、单位记为小分队招商"},
        {"chain_action", labels(*zhaoshang::common::v1::ChainAction_descriptor())},
        {"investment", "整数万元，可写 30000、30,000、3000万元、1.5亿；不足1万元的零头不收"},
        {"collected_date", "2026-11-12、2026/11/12、2026.11.12、2026年11月12日 或 Excel 日期"},
        {"date", "同上"},
        {"end_date", "同上；不填即与开始日期同一天"},
        {"kind", labels(*v1::ActivityKind_descriptor()) + "；不填为客商来访"},
        {"referrer", "已登记的招商大使或委托招商机构名称（或编号）"},
        {"unit",
         names({OrgKind::kTown, OrgKind::kPark, OrgKind::kDepartment, OrgKind::kSmallTeam}) +
             "；与办事处只填其一，都不填记为导入人所在单位"},
        {"office", names({OrgKind::kRemoteOffice})},
        {"leader", names({OrgKind::kLeader})},
    };
    for (const import::ColumnSpec& spec : columns) {
      ++row;
      std::vector<std::string> others(spec.headers.begin() + 1, spec.headers.end());
      worksheet_write_string(help, row, 0, spec.headers[0], nullptr);
      worksheet_write_string(help, row, 1, spec.required ? "是" : "", nullptr);
      worksheet_write_string(help, row, 2, absl::StrJoin(others, "、").c_str(), nullptr);
      auto it = how.find(spec.field);
      if (it != how.end()) worksheet_write_string(help, row, 3, it->second.c_str(), nullptr);
    }
    worksheet_write_string(help, row + 2, 0,
                           "表头上方可有标题行；表头行之外的列会在导入结果中列出，不会导入。"
                           "同一文件可重复导入，已导入的行不会重复创建。",
                           nullptr);
    worksheet_set_column(help, 0, 0, 16, nullptr);
    worksheet_set_column(help, 2, 2, 40, nullptr);
    worksheet_set_column(help, 3, 3, 80, nullptr);
  });
  if (!bytes.ok()) return bytes.status();
  out->set_file_name(leads ? "招商线索导入模板.xlsx" : "招商活动导入模板.xlsx");
  out->set_content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  out->set_content(*std::move(bytes));
  return absl::OkStatus();
}

}  // namespace zs::lead
