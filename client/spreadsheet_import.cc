#include "client/spreadsheet_import.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "client/request_fields.h"
#include "common/fingerprint.h"
#include "common/sha256.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::client {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;
namespace cv1 = ::zhaoshang::common::v1;
using zhaoshang::zsctl::v1::ImportReport;

// A column and the header names it goes by in Chinese and English exports.
struct Column {
  const char* key;
  std::vector<std::string> headers;
  bool required;
};

const std::vector<Column>& LeadColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"enterprise", {"企业名称", "企业", "enterprise"}, true},
      {"title", {"线索名称", "线索", "title"}, true},
      {"industry", {"产业", "行业", "产业类别", "industry"}, true},
      {"channel", {"招商渠道", "渠道", "channel"}, true},
      {"investment", {"预计投资(万元)", "预计投资（万元）", "预计投资", "investment"}, false},
      {"chain_action", {"链条", "补链延链强链", "chain_action"}, false},
      {"collected_date", {"收集日期", "日期", "collected_date"}, false},
      {"owner", {"跟进责任人", "责任人", "owner"}, false},
      {"referrer_id", {"推荐人编号", "referrer_id"}, false},
      {"region", {"所在地区", "地区", "region"}, false},
      {"unit", {"单位", "unit"}, false},
      {"office", {"办事处", "office"}, false},
      {"description", {"说明", "备注", "description"}, false},
  };
  return *kColumns;
}

const std::vector<Column>& VisitColumns() {
  static const auto* const kColumns = new std::vector<Column>{
      {"title", {"来访事由", "标题", "title"}, true},
      {"date", {"来访日期", "日期", "date"}, true},
      {"enterprise", {"企业名称", "企业", "enterprise"}, true},
      {"industry", {"产业", "行业", "industry"}, false},
      {"leader", {"接待领导", "带队领导", "leader"}, false},
      {"unit", {"单位", "unit"}, false},
      {"office", {"办事处", "office"}, false},
      {"notes", {"备注", "说明", "notes"}, false},
  };
  return *kColumns;
}

// The Chinese labels the bureau's spreadsheets use for the shared enums.
const std::map<std::string, cv1::Industry>& IndustryLabels() {
  static const auto* const kLabels =
      new std::map<std::string, cv1::Industry>{{"商贸物流", cv1::INDUSTRY_COMMERCE_LOGISTICS},
                                               {"医疗器械", cv1::INDUSTRY_MEDICAL_DEVICES},
                                               {"电子信息", cv1::INDUSTRY_ELECTRONIC_INFORMATION},
                                               {"其他", cv1::INDUSTRY_OTHER}};
  return *kLabels;
}
const std::map<std::string, cv1::Channel>& ChannelLabels() {
  static const auto* const kLabels =
      new std::map<std::string, cv1::Channel>{{"小分队招商", cv1::CHANNEL_SMALL_TEAM},
                                              {"以商招商", cv1::CHANNEL_BUSINESS_BRINGS_BUSINESS},
                                              {"产业链招商", cv1::CHANNEL_INDUSTRIAL_CHAIN},
                                              {"委托招商", cv1::CHANNEL_ENTRUSTED_AGENCY},
                                              {"专业园区招商", cv1::CHANNEL_SPECIALISED_PARK},
                                              {"亲情招商", cv1::CHANNEL_KINSHIP},
                                              {"驻地招商", cv1::CHANNEL_RESIDENT_OFFICE},
                                              {"节会招商", cv1::CHANNEL_FAIR}};
  return *kLabels;
}
const std::map<std::string, cv1::ChainAction>& ChainActionLabels() {
  static const auto* const kLabels =
      new std::map<std::string, cv1::ChainAction>{{"补链", cv1::CHAIN_ACTION_FILL_GAP},
                                                  {"延链", cv1::CHAIN_ACTION_EXTEND},
                                                  {"强链", cv1::CHAIN_ACTION_STRENGTHEN}};
  return *kLabels;
}

struct RowError {
  std::string column;
  std::string message;
};

// One row's cells by column key.
class Row {
 public:
  Row(const std::map<std::string, size_t>& positions, const CsvRecord& record)
      : positions_(positions), record_(record) {}
  std::string Get(const std::string& key) const {
    auto it = positions_.find(key);
    if (it == positions_.end() || it->second >= record_.fields.size()) return "";
    return std::string(absl::StripAsciiWhitespace(record_.fields[it->second]));
  }
  int line() const { return record_.line; }

 private:
  const std::map<std::string, size_t>& positions_;
  const CsvRecord& record_;
};

// A label, an enum value name with or without its prefix, or a number.
template <typename Enum>
std::optional<Enum> ParseLabelled(const std::string& text,
                                  const std::map<std::string, Enum>& labels,
                                  const google::protobuf::EnumDescriptor& type) {
  if (auto it = labels.find(text); it != labels.end()) return it->second;
  const google::protobuf::EnumValueDescriptor* value = FindEnumValue(type, text);
  if (value == nullptr || value->number() == 0) return std::nullopt;
  return static_cast<Enum>(value->number());
}

template <typename Enum>
std::string Choices(const std::map<std::string, Enum>& labels) {
  std::vector<std::string> names;
  for (const auto& [label, value] : labels) names.push_back(label);
  return absl::StrJoin(names, "|");
}

// YYYY-MM-DD, also from Excel's YYYY/M/D and YYYY.M.D.
std::optional<std::string> ParseDate(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, absl::ByAnyChar("-/."));
  int year, month, day;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    return std::nullopt;
  }
  const absl::CivilDay date(year, month, day);
  if (date.year() != year || date.month() != month || date.day() != day || year < 2000) {
    return std::nullopt;
  }
  return absl::FormatCivilTime(date);
}

struct Planned {
  lv1::Enterprise enterprise;
  lv1::Lead lead;          // enterprise_id filled in when sent
  lv1::Activity activity;  // enterprise_ids filled in when sent
};

std::optional<RowError> PlanCollector(const Row& row, const std::string& default_office,
                                      std::string* unit, std::string* office) {
  *unit = row.Get("unit");
  *office = row.Get("office");
  if (!unit->empty() && !office->empty()) {
    return RowError{"unit", "name a unit or an office, not both"};
  }
  if (unit->empty() && office->empty()) *office = default_office;
  if (unit->empty() && office->empty()) {
    return RowError{"office", "is empty and the profile names no office"};
  }
  return std::nullopt;
}

std::optional<RowError> PlanEnterprise(const Row& row, lv1::Enterprise& enterprise) {
  enterprise.set_name(row.Get("enterprise"));
  enterprise.set_region(row.Get("region"));
  const std::string industry = row.Get("industry");
  if (!industry.empty()) {
    auto value = ParseLabelled(industry, IndustryLabels(), *cv1::Industry_descriptor());
    if (!value) {
      return RowError{"industry", absl::StrCat("unknown industry '", industry, "' (one of ",
                                               Choices(IndustryLabels()), ")")};
    }
    enterprise.set_industry(*value);
  } else {
    enterprise.set_industry(cv1::INDUSTRY_OTHER);
  }
  return std::nullopt;
}

std::optional<RowError> PlanLead(const Row& row, const std::string& office, Planned& plan) {
  if (auto error = PlanEnterprise(row, plan.enterprise)) return error;
  lv1::Lead& lead = plan.lead;
  lead.set_title(row.Get("title"));
  lead.set_industry(plan.enterprise.industry());
  const std::string channel = row.Get("channel");
  auto channel_value = ParseLabelled(channel, ChannelLabels(), *cv1::Channel_descriptor());
  if (!channel_value) {
    return RowError{"channel", absl::StrCat("unknown channel '", channel, "' (one of ",
                                            Choices(ChannelLabels()), ")")};
  }
  lead.set_channel(*channel_value);
  if (const std::string chain = row.Get("chain_action"); !chain.empty()) {
    auto value = ParseLabelled(chain, ChainActionLabels(), *cv1::ChainAction_descriptor());
    if (!value)
      return RowError{"chain_action", absl::StrCat("unknown '", chain, "' (补链|延链|强链)")};
    lead.set_chain_action(*value);
  }
  if (const std::string investment = row.Get("investment"); !investment.empty()) {
    double wan_yuan;
    if (!absl::SimpleAtod(investment, &wan_yuan) || wan_yuan < 0) {
      return RowError{"investment", absl::StrCat("'", investment, "' is not an amount in 万元")};
    }
    lead.set_estimated_investment_wan_yuan(static_cast<int64_t>(wan_yuan + 0.5));
  }
  if (const std::string date = row.Get("collected_date"); !date.empty()) {
    auto parsed = ParseDate(date);
    if (!parsed) return RowError{"collected_date", absl::StrCat("'", date, "' is not a date")};
    lead.set_collected_date(*parsed);
  }
  if (const std::string referrer = row.Get("referrer_id"); !referrer.empty()) {
    int64_t id;
    if (!absl::SimpleAtoi(referrer, &id) || id <= 0) {
      return RowError{"referrer_id", absl::StrCat("'", referrer, "' is not a referrer number")};
    }
    lead.set_referrer_id(id);
  } else if (lead.channel() == cv1::CHANNEL_BUSINESS_BRINGS_BUSINESS ||
             lead.channel() == cv1::CHANNEL_ENTRUSTED_AGENCY) {
    return RowError{"referrer_id", "is required for 以商招商 and 委托招商 leads"};
  }
  lead.set_follow_up_owner(row.Get("owner"));
  lead.set_description(row.Get("description"));
  std::string unit, collector_office;
  if (auto error = PlanCollector(row, office, &unit, &collector_office)) return error;
  lead.set_unit_code(unit);
  lead.set_office_code(collector_office);
  return std::nullopt;
}

std::optional<RowError> PlanVisit(const Row& row, const std::string& office, Planned& plan) {
  if (auto error = PlanEnterprise(row, plan.enterprise)) return error;
  lv1::Activity& visit = plan.activity;
  visit.set_kind(lv1::ACTIVITY_KIND_MERCHANT_VISIT);
  visit.set_title(row.Get("title"));
  const std::string date = row.Get("date");
  auto parsed = ParseDate(date);
  if (!parsed) return RowError{"date", absl::StrCat("'", date, "' is not a date")};
  visit.set_start_date(*parsed);
  visit.set_end_date(*parsed);
  visit.set_leader_code(row.Get("leader"));
  visit.set_notes(row.Get("notes"));
  std::string unit, collector_office;
  if (auto error = PlanCollector(row, office, &unit, &collector_office)) return error;
  visit.set_unit_code(unit);
  visit.set_office_code(collector_office);
  return std::nullopt;
}

// The same row always gives the same id, so a re-run replays, never repeats.
std::string RequestId(absl::string_view kind, const google::protobuf::Message& content) {
  const std::string fingerprint = MessageFingerprint(content, {});  // "type:sha256"
  return absl::StrCat("import-", kind, "-", fingerprint.substr(fingerprint.find(':') + 1, 40));
}

// The request ids of rows imported by earlier runs, one per line.
class DoneRows {
 public:
  explicit DoneRows(const std::string& state_dir) : path_(state_dir + "/imported-rows") {
    std::ifstream in(path_);
    for (std::string line; std::getline(in, line);) done_.insert(line);
  }
  bool Contains(const std::string& id) const { return done_.contains(id); }
  void Add(const std::string& id) {
    if (!out_.is_open()) {
      std::error_code ignored;
      std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ignored);
      out_.open(path_, std::ios::app);
    }
    out_ << id << "\n";
    out_.flush();
    done_.insert(id);
  }

 private:
  std::string path_;
  std::set<std::string> done_;
  std::ofstream out_;
};

const google::protobuf::MethodDescriptor& LeadMethod(const char* name) {
  return *lv1::Lead::descriptor()->file()->FindServiceByName("LeadService")->FindMethodByName(name);
}

// The id of the enterprise named in `plan`: made by an earlier row or run
// (the same request id replays), or already known to the services under
// that name.
absl::StatusOr<int64_t> EnterpriseId(RpcCaller& caller, const lv1::Enterprise& enterprise,
                                     std::map<std::string, int64_t>& known) {
  if (auto it = known.find(enterprise.name()); it != known.end()) return it->second;
  lv1::CreateEnterpriseRequest create;
  *create.mutable_enterprise() = enterprise;
  create.set_request_id(RequestId("enterprise", enterprise));
  lv1::Enterprise created;
  grpc::Status status = caller.Call(LeadMethod("CreateEnterprise"), create, &created);
  if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
    lv1::ListEnterprisesRequest find;
    find.set_name_contains(enterprise.name());
    find.set_page_size(100);
    lv1::ListEnterprisesResponse found;
    status = caller.Call(LeadMethod("ListEnterprises"), find, &found);
    if (status.ok()) {
      for (const lv1::Enterprise& e : found.enterprises()) {
        if (e.name() == enterprise.name()) created = e;
      }
      if (created.id() == 0)
        status = grpc::Status(grpc::StatusCode::ALREADY_EXISTS,
                              "an enterprise with a similar name exists");
    }
  }
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  known[enterprise.name()] = created.id();
  return created.id();
}

}  // namespace

absl::StatusOr<ImportReport> ImportSpreadsheet(RpcCaller& caller, const std::string& path,
                                               const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream bytes;
  bytes << in.rdbuf();
  absl::StatusOr<CsvTable> table = ReadCsv(bytes.str(), options.encoding);
  if (!table.ok()) return table.status();
  if (table->records.empty()) return absl::InvalidArgumentError(absl::StrCat(path, " is empty"));

  const std::vector<Column>& columns =
      options.kind == ImportKind::kLeads ? LeadColumns() : VisitColumns();
  std::map<std::string, size_t> positions;
  const CsvRecord& header = table->records.front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(absl::StripAsciiWhitespace(header.fields[i]));
    for (const Column& column : columns) {
      for (const std::string& alias : column.headers) {
        if (absl::AsciiStrToLower(name) == alias) positions.emplace(column.key, i);
      }
    }
  }
  for (const Column& column : columns) {
    if (column.required && !positions.contains(column.key)) {
      return absl::InvalidArgumentError(absl::StrCat("line ", header.line, ": no ", column.key,
                                                     " column (", column.headers.front(), ")"));
    }
  }

  ImportReport report;
  report.set_file(path);
  report.set_encoding(table->encoding);
  report.set_dry_run(options.dry_run);
  auto reject = [&report](int line, const RowError& error) {
    ImportReport::RowError* e = report.add_errors();
    e->set_line(line);
    e->set_column(error.column);
    e->set_message(error.message);
    report.set_invalid(report.invalid() + 1);
  };

  // Check every row before sending any.
  std::vector<std::pair<const CsvRecord*, Planned>> plans;
  for (size_t i = 1; i < table->records.size(); ++i) {
    const CsvRecord& record = table->records[i];
    Row row(positions, record);
    report.set_rows(report.rows() + 1);
    std::optional<RowError> error;
    for (const Column& column : columns) {
      if (column.required && row.Get(column.key).empty()) {
        error = RowError{column.key, absl::StrCat(column.headers.front(), " is empty")};
        break;
      }
    }
    Planned plan;
    if (!error) {
      error = options.kind == ImportKind::kLeads ? PlanLead(row, options.office, plan)
                                                 : PlanVisit(row, options.office, plan);
    }
    if (error) {
      reject(record.line, *error);
      continue;
    }
    plans.emplace_back(&record, std::move(plan));
  }
  if (options.dry_run) return report;

  DoneRows done(options.state_dir);
  std::map<std::string, int64_t> enterprises;
  int processed = 0;
  for (auto& [record, plan] : plans) {
    ++processed;
    // The record's enterprise id is not known yet: its name stands in.
    const std::string id = options.kind == ImportKind::kLeads ? RequestId("lead", plan.lead)
                                                              : RequestId("visit", plan.activity);
    const std::string row_id =
        absl::StrCat(id, "-", Sha256Hex(plan.enterprise.name()).substr(0, 8));
    if (done.Contains(row_id)) {
      report.set_already_imported(report.already_imported() + 1);
      if (options.progress) options.progress(processed, static_cast<int>(plans.size()));
      continue;
    }
    absl::StatusOr<int64_t> enterprise_id = EnterpriseId(caller, plan.enterprise, enterprises);
    grpc::Status status;
    if (!enterprise_id.ok()) {
      status = grpc::Status(static_cast<grpc::StatusCode>(enterprise_id.status().code()),
                            std::string(enterprise_id.status().message()));
    } else if (options.kind == ImportKind::kLeads) {
      lv1::CreateLeadRequest create;
      create.set_request_id(row_id);
      *create.mutable_lead() = plan.lead;
      create.mutable_lead()->set_enterprise_id(*enterprise_id);
      lv1::Lead created;
      status = caller.Call(LeadMethod("CreateLead"), create, &created);
    } else {
      lv1::CreateActivityRequest create;
      create.set_request_id(row_id);
      *create.mutable_activity() = plan.activity;
      create.mutable_activity()->add_enterprise_ids(*enterprise_id);
      lv1::Activity created;
      status = caller.Call(LeadMethod("CreateActivity"), create, &created);
    }
    if (status.ok()) {
      done.Add(row_id);
      report.set_imported(report.imported() + 1);
    } else if (IsTransient(status.error_code()) ||
               status.error_code() == grpc::StatusCode::UNAUTHENTICATED ||
               status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
      // Nothing later would fare better: stop, keep what is done.
      return absl::Status(
          static_cast<absl::StatusCode>(status.error_code()),
          absl::StrCat("line ", record->line, ": ", status.error_message(), " (", report.imported(),
                       " rows imported before; run the same "
                       "import again to go on)"));
    } else {
      reject(record->line, {"", status.error_message()});
    }
    if (options.progress) options.progress(processed, static_cast<int>(plans.size()));
  }
  return report;
}

}  // namespace zs::client
