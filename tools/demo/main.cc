// zs-demo: the run command's helper.
//   zs-demo wait    --lead HOST:PORT --service NAME   wait until SERVING (30 s)
//   zs-demo load    --lead HOST:PORT                  load the demo district
//   zs-demo summary --lead HOST:PORT [--from D --to D] print the period's figures
// Loading uses fixed request ids, so a second run changes nothing.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/demo/demo_district.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

ABSL_FLAG(std::string, lead, "127.0.0.1:7101", "lead service address (or the one to wait for)");
ABSL_FLAG(std::string, service, "lead", "name shown while waiting");
ABSL_FLAG(std::string, from, "2026-01-01", "summary: first day");
ABSL_FLAG(std::string, to, "2026-06-30", "summary: last day");

namespace zs::demo {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-zs-principal", "demo-loader");
  context->AddMetadata("x-zs-role", "bureau_admin");
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

int Load(lv1::LeadService::Stub& stub) {
  absl::Status loaded = LoadDemoDistrict(stub, Context);
  if (!loaded.ok()) {
    std::cerr << "zs-demo: " << loaded.message() << "\n";
    return 1;
  }
  return 0;
}

int Summary(lv1::LeadService::Stub& stub, const std::string& from, const std::string& to) {
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
      "（预计投资%.2f亿元）。\n",
      from, to, trips, visits, fairs, total.rows(0).count(),
      total.rows(0).investment_wan_yuan() / 10000.0);
  return 0;
}

}  // namespace
}  // namespace zs::demo

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() > 1 ? args[1] : "";
  const std::string address = absl::GetFlag(FLAGS_lead);
  if (command == "wait") return zs::demo::Wait(address, absl::GetFlag(FLAGS_service));
  auto stub = zhaoshang::lead::v1::LeadService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  if (command == "load") return zs::demo::Load(*stub);
  if (command == "summary") {
    return zs::demo::Summary(*stub, absl::GetFlag(FLAGS_from), absl::GetFlag(FLAGS_to));
  }
  std::cerr << "usage: zs-demo wait|load|summary [--lead HOST:PORT]\n";
  return 2;
}
