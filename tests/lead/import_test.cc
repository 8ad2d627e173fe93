// ImportLeads / ImportActivities over a real channel against a real
// database, reading files as offices make them: .xlsx written by openpyxl
// (make_import_files.py) and by libxlsxwriter, CSV in UTF-8 with and
// without BOM, GBK, GB18030 and Big5.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/xlsx_bytes.h"
#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

using Outcome = lv1::ImportRowResult;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::unique_ptr<grpc::ClientContext> As(const std::string& role, const std::string& unit,
                                        int seconds = 60) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-zs-principal", "importer-" + role);
  context->AddMetadata("x-zs-role", role);
  if (!unit.empty()) context->AddMetadata("x-zs-unit", unit);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return context;
}

class ImportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per test process: ctest runs this suite's tests as
    // processes side by side, and one must not read a file another rewrites.
    dir_ = new std::string(::testing::TempDir() + "/import-files-" + std::to_string(getpid()));
    const std::string command =
        "mkdir -p " + *dir_ + " && /usr/bin/python3 " + ZS_MAKE_IMPORT_FILES + " " + *dir_;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  lv1::ImportResponse Import(const std::string& file_name, const std::string& content,
                             bool validate_only, const std::string& sheet = "",
                             const std::string& encoding = "",
                             std::unique_ptr<grpc::ClientContext> context = nullptr) {
    lv1::ImportLeadsRequest request;
    request.set_file_name(file_name);
    request.set_content(content);
    request.set_sheet_name(sheet);
    request.set_encoding(encoding);
    request.set_validate_only(validate_only);
    // The files name series of enterprises alike (utf8医疗器械, utf8bom医疗器械
    // …): confirmed as other enterprises.
    request.set_allow_similar(true);
    lv1::ImportResponse response;
    if (!context) context = StaffContext();
    status_ = server_.stub().ImportLeads(context.get(), request, &response);
    EXPECT_TRUE(status_.ok()) << status_.error_message();
    return response;
  }
  lv1::ImportResponse ImportFile(const std::string& name, bool validate_only,
                                 const std::string& sheet = "") {
    return Import(name, Slurp(*dir_ + "/" + name), validate_only, sheet);
  }
  static std::map<int, const lv1::ImportRowResult*> ByLine(const lv1::ImportResponse& r) {
    std::map<int, const lv1::ImportRowResult*> rows;
    for (const auto& row : r.rows()) rows[row.line()] = &row;
    return rows;
  }
  lv1::Lead LeadOf(int64_t id) {
    lv1::GetLeadRequest get;
    get.set_id(id);
    lv1::Lead lead;
    EXPECT_TRUE(server_.stub().GetLead(StaffContext().get(), get, &lead).ok());
    return lead;
  }
  int LeadCount() {
    lv1::ListLeadsRequest list;
    list.set_page_size(500);
    lv1::ListLeadsResponse leads;
    EXPECT_TRUE(server_.stub().ListLeads(StaffContext().get(), list, &leads).ok());
    return leads.leads_size();
  }

  static inline std::string* dir_ = nullptr;
  LeadServer server_;
  grpc::Status status_;
};

TEST_F(ImportTest, AnOfficeWorkbookDryRunThenImportThenAgain) {
  lv1::CreateReferrerRequest referrer;
  referrer.set_request_id("ambassador");
  referrer.mutable_referrer()->set_kind(lv1::Referrer::KIND_AMBASSADOR);
  referrer.mutable_referrer()->set_name("王大使");
  lv1::Referrer created_referrer;
  ASSERT_TRUE(
      server_.stub().CreateReferrer(StaffContext().get(), referrer, &created_referrer).ok());
  lv1::Enterprise known;
  ASSERT_TRUE(server_.stub()
                  .CreateEnterprise(StaffContext().get(),
                                    EnterpriseRequest("known", "莆田辛鞋业有限公司"), &known)
                  .ok());

  const lv1::ImportResponse dry = ImportFile("leads_openpyxl.xlsx", true);
  EXPECT_EQ(dry.sheet_name(), "福建线索");
  EXPECT_EQ(dry.header_line(), 3);  // under the merged title and the subtitle
  EXPECT_EQ(dry.total_rows(), 8);   // the note and the empty rows are not rows
  EXPECT_EQ(std::vector<std::string>(dry.unknown_columns().begin(), dry.unknown_columns().end()),
            (std::vector<std::string>{"序号", "对接进度"}));
  EXPECT_EQ(LeadCount(), 0);  // a dry run creates nothing

  const lv1::ImportResponse real = ImportFile("leads_openpyxl.xlsx", false);
  auto d = ByLine(dry), r = ByLine(real);
  ASSERT_EQ(d.size(), 8u);
  ASSERT_EQ(r.size(), 8u);
  for (int line : {4, 5, 6, 11}) {
    EXPECT_EQ(d[line]->outcome(), Outcome::OUTCOME_VALID) << line << d[line]->DebugString();
    EXPECT_EQ(r[line]->outcome(), Outcome::OUTCOME_CREATED) << line << r[line]->DebugString();
  }
  for (int line : {7, 8, 9, 10}) {  // the dry run refused exactly what the real run refuses
    EXPECT_EQ(d[line]->outcome(), Outcome::OUTCOME_REFUSED) << line;
    EXPECT_EQ(r[line]->outcome(), Outcome::OUTCOME_REFUSED) << line;
    ASSERT_EQ(r[line]->problems_size(), 1) << r[line]->DebugString();
    EXPECT_EQ(r[line]->problems(0).message(), d[line]->problems(0).message());
  }
  // Problems name the sheet's own headers.
  EXPECT_EQ(r[7]->problems(0).column(), "预计投资（万元）");
  EXPECT_NE(r[7]->problems(0).message().find("整数万元"), std::string::npos);
  EXPECT_EQ(r[8]->problems(0).column(), "预计投资（万元）");
  EXPECT_EQ(r[9]->problems(0).column(), "预计投资（万元）");
  EXPECT_EQ(r[10]->problems(0).column(), "办事处");

  // Values as people typed them.
  const lv1::Lead first = LeadOf(r[4]->record_id());
  EXPECT_EQ(first.estimated_investment_wan_yuan(), 30000);
  EXPECT_EQ(first.collected_date(), "2026-11-12");  // a real Excel date
  EXPECT_EQ(first.office_code(), "office-fujian");
  EXPECT_EQ(first.industry(), cv1::INDUSTRY_MEDICAL_DEVICES);
  EXPECT_EQ(first.channel(), cv1::CHANNEL_RESIDENT_OFFICE);
  lv1::GetEnterpriseRequest get_enterprise;
  get_enterprise.set_id(first.enterprise_id());
  lv1::Enterprise enterprise;
  ASSERT_TRUE(server_.stub().GetEnterprise(StaffContext().get(), get_enterprise, &enterprise).ok());
  EXPECT_EQ(enterprise.credit_code(), "91440300708461136T");  // no longer dropped
  EXPECT_EQ(enterprise.type(), cv1::ENTERPRISE_TYPE_DRAGON_HEAD);
  EXPECT_EQ(enterprise.contact_phone(), "13800138000");
  EXPECT_EQ(LeadOf(r[5]->record_id()).estimated_investment_wan_yuan(), 15000);  // 1.5亿
  const lv1::Lead third = LeadOf(r[6]->record_id());
  EXPECT_EQ(third.estimated_investment_wan_yuan(), 3000);  // 3000万元
  EXPECT_EQ(third.collected_date(), "2026-11-12");         // 2026.11.12
  EXPECT_EQ(third.referrer_id(), created_referrer.id());   // by name
  EXPECT_EQ(third.office_code(), "office-fujian");         // 福建
  // An enterprise already known is attached, not refused, not duplicated.
  EXPECT_TRUE(r[11]->enterprise_existed());
  EXPECT_EQ(r[11]->enterprise_id(), known.id());
  EXPECT_EQ(LeadCount(), 4);

  // Again: nothing is created twice.
  const lv1::ImportResponse again = ImportFile("leads_openpyxl.xlsx", false);
  auto a = ByLine(again);
  for (int line : {4, 5, 6, 11}) {
    EXPECT_EQ(a[line]->outcome(), Outcome::OUTCOME_ALREADY_IMPORTED) << line;
    EXPECT_EQ(a[line]->record_id(), r[line]->record_id());
  }
  EXPECT_EQ(LeadCount(), 4);
  // And a dry run now says so too.
  EXPECT_EQ(ByLine(ImportFile("leads_openpyxl.xlsx", true))[4]->outcome(),
            Outcome::OUTCOME_ALREADY_IMPORTED);
}

TEST_F(ImportTest, ANamedSheetWithAYiColumnAndExcelDates) {
  const lv1::ImportResponse response = ImportFile("leads_openpyxl.xlsx", false, "成都线索");
  ASSERT_EQ(response.rows_size(), 1);
  ASSERT_EQ(response.rows(0).outcome(), Outcome::OUTCOME_CREATED) << response.rows(0).DebugString();
  const lv1::Lead lead = LeadOf(response.rows(0).record_id());
  EXPECT_EQ(lead.estimated_investment_wan_yuan(), 25000);  // 2.5 under 投资额（亿元）
  EXPECT_EQ(lead.collected_date(), "2026-10-08");
  EXPECT_EQ(lead.office_code(), "office-chengdu");

  lv1::ImportLeadsRequest request;
  request.set_file_name("leads_openpyxl.xlsx");
  request.set_content(Slurp(*dir_ + "/leads_openpyxl.xlsx"));
  request.set_sheet_name("上海线索");
  lv1::ImportResponse refused;
  grpc::Status status = server_.stub().ImportLeads(StaffContext().get(), request, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "sheet_name");
  EXPECT_NE(status.error_message().find("成都线索"), std::string::npos);
}

TEST_F(ImportTest, CsvInEveryEncoding) {
  for (auto [name, encoding] :
       {std::pair{"utf8", "UTF-8"}, std::pair{"utf8bom", "UTF-8"}, std::pair{"gbk", "GB18030"},
        std::pair{"gb18030", "GB18030"}, std::pair{"big5", "Big5"}}) {
    const lv1::ImportResponse response = ImportFile(absl::StrCat("leads_", name, ".csv"), false);
    EXPECT_EQ(response.encoding(), encoding) << name;
    EXPECT_EQ(response.header_line(), 2) << name;
    ASSERT_EQ(response.rows_size(), 2) << name;
    for (const auto& row : response.rows()) {
      ASSERT_EQ(row.outcome(), Outcome::OUTCOME_CREATED) << name << row.DebugString();
      EXPECT_EQ(LeadOf(row.record_id()).office_code(), "office-yrd") << name;
    }
    const lv1::Lead first = LeadOf(response.rows(0).record_id());
    EXPECT_EQ(first.industry(), cv1::INDUSTRY_MEDICAL_DEVICES) << name;
    EXPECT_EQ(LeadOf(response.rows(1).record_id()).estimated_investment_wan_yuan(),
              std::string(name) == "big5" ? 20000 : 10000)
        << name;
  }
  // Big5 keeps the traditional characters the partner wrote.
  lv1::ListEnterprisesRequest list;
  list.set_name_contains("台北");
  lv1::ListEnterprisesResponse found;
  ASSERT_TRUE(server_.stub().ListEnterprises(StaffContext().get(), list, &found).ok());
  ASSERT_EQ(found.enterprises_size(), 1);
  EXPECT_EQ(found.enterprises(0).name(), "台北醫療器械股份有限公司");
}

TEST_F(ImportTest, AWrongEncodingIsRefusedNotStoredAsMojibake) {
  const std::string gbk = Slurp(*dir_ + "/leads_gbk.csv");
  lv1::ImportLeadsRequest request;
  request.set_file_name("leads_gbk.csv");
  request.set_content(gbk);
  request.set_encoding("big5");  // decodes, but as nonsense
  lv1::ImportResponse response;
  grpc::Status status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "content");
  request.set_encoding("utf-8");  // not UTF-8 at all
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_encoding("latin1");
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(ViolatedField(status), "encoding");
  EXPECT_EQ(LeadCount(), 0);
}

TEST_F(ImportTest, AWorkbookWrittenByLibxlsxwriter) {
  absl::StatusOr<std::string> bytes = WorkbookBytes([](lxw_workbook* workbook) {
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "线索");
    worksheet_merge_range(sheet, 0, 0, 0, 4, "区商务局招商线索", nullptr);
    const char* headers[] = {"线索名称", "客商名称", "产业", "投资额（亿元）", "日期", "所属单位"};
    for (int c = 0; c < 6; ++c) worksheet_write_string(sheet, 1, c, headers[c], nullptr);
    worksheet_write_string(sheet, 2, 0, "商务局物流项目", nullptr);
    worksheet_write_string(sheet, 2, 1, "驻马店寅物流有限公司", nullptr);
    worksheet_write_string(sheet, 2, 2, "商贸物流", nullptr);
    worksheet_write_number(sheet, 2, 3, 0.35, nullptr);
    lxw_datetime day = {2026, 9, 30, 0, 0, 0};
    worksheet_write_datetime(sheet, 2, 4, &day, date);
    worksheet_write_string(sheet, 2, 5, "区商务局", nullptr);
  });
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  const lv1::ImportResponse response = Import("商务局.xlsx", *bytes, false);
  ASSERT_EQ(response.rows_size(), 1);
  ASSERT_EQ(response.rows(0).outcome(), Outcome::OUTCOME_CREATED) << response.rows(0).DebugString();
  const lv1::Lead lead = LeadOf(response.rows(0).record_id());
  EXPECT_EQ(lead.estimated_investment_wan_yuan(), 3500);
  EXPECT_EQ(lead.collected_date(), "2026-09-30");
  EXPECT_EQ(lead.unit_code(), "dept-commerce");
  EXPECT_EQ(lead.channel(), cv1::CHANNEL_SMALL_TEAM);  // a unit's lead, channel unsaid
}

TEST_F(ImportTest, ARowTheCallerMayNotRecordIsRefusedTheRestImported) {
  const std::string csv =
      "项目名称,企业名称,办事处\r\n"
      "福建项目,福建卯有限公司,福建驻外招商办事处\r\n"
      "成都项目,成都辰有限公司,成都驻外招商办事处\r\n"
      "自己的项目,福建巳有限公司,\r\n";
  const lv1::ImportResponse response =
      Import("mixed.csv", csv, false, "", "", As("office_staff", "office-fujian"));
  ASSERT_EQ(response.rows_size(), 3);
  EXPECT_EQ(response.rows(0).outcome(), Outcome::OUTCOME_CREATED);
  ASSERT_EQ(response.rows(1).outcome(), Outcome::OUTCOME_REFUSED);
  EXPECT_EQ(response.rows(1).problems(0).code(), "PERMISSION_DENIED");
  EXPECT_EQ(response.rows(1).problems(0).column(), "办事处");
  // A row naming no office is the caller's own office's.
  ASSERT_EQ(response.rows(2).outcome(), Outcome::OUTCOME_CREATED);
  EXPECT_EQ(LeadOf(response.rows(2).record_id()).office_code(), "office-fujian");
}

TEST_F(ImportTest, VisitsWithLeadersByTitle) {
  lv1::ImportActivitiesRequest request;
  request.set_file_name("visits_openpyxl.xlsx");
  request.set_content(Slurp(*dir_ + "/visits_openpyxl.xlsx"));
  lv1::ImportResponse response;
  ASSERT_TRUE(server_.stub().ImportActivities(StaffContext().get(), request, &response).ok());
  ASSERT_EQ(response.rows_size(), 3);
  EXPECT_EQ(response.rows(0).outcome(), Outcome::OUTCOME_CREATED);
  EXPECT_EQ(response.rows(1).outcome(), Outcome::OUTCOME_CREATED);
  ASSERT_EQ(response.rows(2).outcome(), Outcome::OUTCOME_REFUSED);  // 王主任 is no leader
  EXPECT_EQ(response.rows(2).problems(0).column(), "接待领导");
  lv1::GetActivityRequest get;
  get.set_id(response.rows(0).record_id());
  lv1::Activity visit;
  ASSERT_TRUE(server_.stub().GetActivity(StaffContext().get(), get, &visit).ok());
  EXPECT_EQ(visit.kind(), lv1::ACTIVITY_KIND_MERCHANT_VISIT);
  EXPECT_EQ(visit.leader_code(), "leader-district-head");
  EXPECT_EQ(visit.unit_code(), "park-medical");
  EXPECT_EQ(visit.start_date(), "2026-11-20");
  ASSERT_EQ(visit.enterprise_ids_size(), 1);
}

TEST_F(ImportTest, FiveThousandRowsInChunks) {
  const std::string content = Slurp(*dir_ + "/leads_5000.csv");
  const auto start = std::chrono::steady_clock::now();
  int created = 0, next = 0, calls = 0;
  do {
    lv1::ImportLeadsRequest request;
    request.set_file_name("leads_5000.csv");
    request.set_content(content);
    request.set_start_row(next);
    request.set_max_rows(1000);       // as much as the call's time allows
    request.set_allow_similar(true);  // 批量企业0001, 0002 … are other enterprises
    lv1::ImportResponse response;
    grpc::Status status =
        server_.stub().ImportLeads(As("bureau_staff", "", 240).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.total_rows(), 5000);
    for (const auto& row : response.rows()) {
      created += row.outcome() == Outcome::OUTCOME_CREATED ? 1 : 0;
    }
    next = response.next_start_row();
    ++calls;
  } while (next != 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("imported 5000 rows in %d calls, %.1f s (%.0f rows/s)\n", calls, seconds,
              5000 / seconds);
  EXPECT_GE(calls, 5);
  EXPECT_EQ(created, 5000);
}

TEST_F(ImportTest, TheTemplateReadsBack) {
  lv1::GetImportTemplateRequest request;
  request.set_kind(lv1::GetImportTemplateRequest::KIND_LEADS);
  lv1::ImportTemplate answer;
  ASSERT_TRUE(server_.stub().GetImportTemplate(StaffContext().get(), request, &answer).ok());
  EXPECT_EQ(answer.file_name(), "招商线索导入模板.xlsx");
  const lv1::ImportResponse response = Import(answer.file_name(), answer.content(), true);
  EXPECT_TRUE(response.unknown_columns().empty());
  ASSERT_EQ(response.rows_size(), 1);
  EXPECT_EQ(response.rows(0).outcome(), Outcome::OUTCOME_VALID) << response.rows(0).DebugString();
  request.set_kind(lv1::GetImportTemplateRequest::KIND_UNSPECIFIED);
  grpc::Status status = server_.stub().GetImportTemplate(StaffContext().get(), request, &answer);
  EXPECT_EQ(ViolatedField(status), "kind");
}

TEST_F(ImportTest, BadRequestsNameTheField) {
  lv1::ImportLeadsRequest request;
  lv1::ImportResponse response;
  grpc::Status status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "content");
  request.set_content("a,b\r\n1,2\r\n");
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(ViolatedField(status), "content");  // no header row it knows
  request.set_file_name("old.xls");
  request.set_content(std::string("\xD0\xCF\x11\xE0", 4) + "rest");
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(ViolatedField(status), "content");
  request.set_file_name("x.xlsx");
  request.set_content("PK\x03\x04 not really a zip");
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(ViolatedField(status), "content");
  request.set_max_rows(-1);
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(ViolatedField(status), "max_rows");
  // A file over 4 MiB fits the message limit (room for the other fields)
  // and is refused by name, saying how large a file may be.
  request.set_max_rows(0);
  request.set_file_name("big.csv");
  request.set_content(std::string((4 << 20) + 1, 'x'));
  status = server_.stub().ImportLeads(StaffContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(ViolatedField(status), "content");
  EXPECT_NE(status.error_message().find("4194304"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace zs::testing
