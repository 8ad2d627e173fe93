// zs-demo: the run command's helper.
//   zs-demo wait    --address HOST:PORT --service NAME   wait until SERVING (30 s)
//   zs-demo load    --lead HOST:PORT [--project HOST:PORT]  load the demo district
//   zs-demo summary --lead HOST:PORT [--project HOST:PORT] [--from D --to D]
//                                                     print the period's figures
//   zs-demo bulletin --reporting HOST:PORT [--from D --to D]
//                                                     print the bulletin, ZH and EN
//   zs-demo accounts --identity HOST:PORT             create the demo accounts
//                                                     and print how to sign in
// Loading uses fixed request ids, so a second run changes nothing. With
// --token_file the calls carry that bearer token (services verifying
// tokens); without, the development metadata of a bureau admin.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "common/config.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/demo/demo_accounts.h"
#include "tools/demo/demo_district.h"
#include "tools/demo/demo_projects.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"

ABSL_FLAG(std::string, lead, "127.0.0.1:7101", "the lead service");
ABSL_FLAG(std::string, address, "", "wait: the service to wait for");
ABSL_FLAG(std::string, project, "", "project service address; empty: leave projects out");
ABSL_FLAG(std::string, reporting, "127.0.0.1:7104", "bulletin: the reporting service");
ABSL_FLAG(std::string, service, "lead", "name shown while waiting");
ABSL_FLAG(std::string, from, "2026-01-01", "summary: first day");
ABSL_FLAG(std::string, to, "2026-06-30", "summary: last day");
ABSL_FLAG(std::string, identity, "127.0.0.1:7105", "accounts: the identity service");
ABSL_FLAG(std::string, token_file, "", "a bureau admin's bearer token; empty: dev metadata");

namespace zs::demo {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

// The bearer token read from --token_file; empty: development metadata.
std::string& BearerToken() {
  static std::string token;
  return token;
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!BearerToken().empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", BearerToken()));
  } else {
    context->AddMetadata("x-zs-principal", "demo-loader");
    context->AddMetadata("x-zs-role", "bureau_admin");
  }
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

bool Check(const grpc::Status& status, const std::string& what) {
  if (status.ok()) return true;
  std::cerr << "zs-demo: " << what << ": " << status.error_message() << "\n";
  return false;
}

int Wait(const std::string& address, const std::string& service) {
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  for (int attempt = 0; attempt < 150; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, {}, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::cerr << "zs-demo: " << service << " at " << address << " is not serving\n";
  return 1;
}

int Load(lv1::LeadService::Stub& leads, const std::string& project_address) {
  absl::StatusOr<LoadedDistrict> district = LoadDemoDistrict(leads, Context);
  absl::Status status = district.status();
  if (status.ok() && !project_address.empty()) {
    auto projects = pv1::ProjectService::NewStub(
        grpc::CreateChannel(project_address, grpc::InsecureChannelCredentials()));
    status = LoadDemoProjects(*projects, *district, Context);
  }
  if (!status.ok()) {
    std::cerr << "zs-demo: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

// "新签约项目12个，总投资42亿元；…" from the project service's aggregates.
std::string ProjectFigures(const std::string& address, const std::string& from,
                           const std::string& to) {
  auto stub = pv1::ProjectService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  auto bands = [&](pv1::Stage stage) {
    pv1::AggregateTransitionsRequest request;
    request.mutable_effective_date_range()->set_start_date(from);
    request.mutable_effective_date_range()->set_end_date(to);
    request.set_to_stage(stage);
    request.set_group_by(cv1::GROUP_BY_INVESTMENT_BAND);
    pv1::AggregateTransitionsResponse response;
    Check(stub->AggregateTransitions(Context().get(), request, &response), "projects");
    return response;
  };
  pv1::AggregateContinuingRequest continuing_request;
  continuing_request.set_year(std::stoi(from.substr(0, 4)));
  pv1::AggregateContinuingResponse continuing;
  Check(stub->AggregateContinuing(Context().get(), continuing_request, &continuing), "continuing");
  const auto signed_rows = bands(pv1::STAGE_SIGNED);
  const auto started = bands(pv1::STAGE_STARTED);
  if (signed_rows.rows_size() != 3 || started.rows_size() != 3 || continuing.rows_size() != 1) {
    return "";
  }
  auto yi = [](int64_t wan) { return absl::StrFormat("%g", wan / 10000.0); };
  return absl::StrFormat(
      "新签约项目%d个，总投资%s亿元；在续建项目%d个，总投资%s亿元；开工项目%d个，总投资%s亿元，"
      "其中10亿元以上项目%d个、亿元以上项目%d个。",
      signed_rows.rows(0).count(), yi(signed_rows.rows(0).investment_wan_yuan()),
      continuing.rows(0).count(), yi(continuing.rows(0).investment_wan_yuan()),
      started.rows(0).count(), yi(started.rows(0).investment_wan_yuan()), started.rows(2).count(),
      started.rows(1).count());
}

int Summary(lv1::LeadService::Stub& stub, const std::string& from, const std::string& to,
            const std::string& project_address) {
  lv1::AggregateActivitiesRequest activities;
  activities.mutable_start_date_range()->set_start_date(from);
  activities.mutable_start_date_range()->set_end_date(to);
  activities.set_group_by(cv1::GROUP_BY_ACTIVITY_KIND);
  lv1::AggregateActivitiesResponse by_kind;
  if (!Check(stub.AggregateActivities(Context().get(), activities, &by_kind), "activities")) {
    return 1;
  }
  int64_t trips = 0, visits = 0, fairs = 0;
  for (const auto& row : by_kind.rows()) {
    if (row.key() == "ACTIVITY_KIND_OUTBOUND_TRIP") trips = row.count();
    if (row.key() == "ACTIVITY_KIND_MERCHANT_VISIT") visits = row.count();
    if (row.key() == "ACTIVITY_KIND_FAIR") fairs = row.count();
  }
  lv1::AggregateLeadsRequest leads;
  *leads.mutable_collected_date_range() = activities.start_date_range();
  lv1::AggregateLeadsResponse total;
  if (!Check(stub.AggregateLeads(Context().get(), leads, &total), "leads")) return 1;
  std::cout << absl::StrFormat(
      "%s 至 %s：全区共外出招商%d次，邀请客商来访%d次，参加节会%d次，收集招商线索%d条"
      "（预计投资%.2f亿元）；",
      from, to, trips, visits, fairs, total.rows(0).count(),
      total.rows(0).investment_wan_yuan() / 10000.0);
  if (!project_address.empty()) std::cout << ProjectFigures(project_address, from, to);
  std::cout << "\n";
  return 0;
}

// The period's bulletin paragraph from the reporting service, in Chinese and English.
int Bulletin(const std::string& address, const std::string& from, const std::string& to) {
  namespace rv1 = ::zhaoshang::reporting::v1;
  auto stub = rv1::ReportingService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  for (rv1::Language language : {rv1::LANGUAGE_ZH, rv1::LANGUAGE_EN}) {
    rv1::GetBulletinTextRequest request;
    request.mutable_period()->set_start_date(from);
    request.mutable_period()->set_end_date(to);
    request.set_language(language);
    rv1::BulletinText text;
    if (!Check(stub->GetBulletinText(Context().get(), request, &text), "bulletin")) return 1;
    std::cout << text.text() << "\n";
  }
  return 0;
}

// Demo passwords are printed, so they are for a suite on this machine only.
int Accounts(const std::string& address) {
  if (!absl::StartsWith(address, "127.0.0.1:") && !absl::StartsWith(address, "localhost:") &&
      !absl::StartsWith(address, "[::1]:")) {
    std::cerr << "zs-demo: demo accounts only on a loopback address, not " << address << "\n";
    return 2;
  }
  auto stub = iv1::IdentityService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  if (absl::Status loaded = LoadDemoAccounts(*stub, Context); !loaded.ok()) {
    std::cerr << "zs-demo: " << loaded.message() << "\n";
    return 1;
  }
  std::cout << "demo accounts (loopback only), password " << kDemoPassword << ":\n";
  for (const iv1::Account& account : DemoAccounts()) {
    std::cout << absl::StrFormat("  %-16s %-14s %s\n", account.user_name(),
                                 account.unit_code() + account.leader_code(),
                                 account.display_name());
  }
  return 0;
}

}  // namespace
}  // namespace zs::demo

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() > 1 ? args[1] : "";
  if (const std::string path = absl::GetFlag(FLAGS_token_file); !path.empty()) {
    absl::StatusOr<std::string> token = zs::ReadSecretFile(path);
    if (!token.ok()) {
      std::cerr << "zs-demo: " << token.status().message() << "\n";
      return 2;
    }
    zs::demo::BearerToken() = std::string(absl::StripAsciiWhitespace(*token));
  }
  const std::string address = absl::GetFlag(FLAGS_lead);
  if (command == "wait") {
    return zs::demo::Wait(absl::GetFlag(FLAGS_address), absl::GetFlag(FLAGS_service));
  }
  auto stub = zhaoshang::lead::v1::LeadService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  if (command == "load") return zs::demo::Load(*stub, absl::GetFlag(FLAGS_project));
  if (command == "summary") {
    return zs::demo::Summary(*stub, absl::GetFlag(FLAGS_from), absl::GetFlag(FLAGS_to),
                             absl::GetFlag(FLAGS_project));
  }
  if (command == "accounts") return zs::demo::Accounts(absl::GetFlag(FLAGS_identity));
  if (command == "bulletin") {
    return zs::demo::Bulletin(absl::GetFlag(FLAGS_reporting), absl::GetFlag(FLAGS_from),
                              absl::GetFlag(FLAGS_to));
  }
  std::cerr << "usage: zs-demo wait|load|summary|bulletin|accounts [--lead HOST:PORT]\n";
  return 2;
}
