// zs-publish: what the scheduler (a Kubernetes CronJob) runs every Monday
// and on the 1st of each month.
//   zs-publish weekly  --supervision HOST:PORT [--today YYYY-MM-DD]
//       publishes the summary of the week that ended yesterday (Mon–Sun)
//   zs-publish monthly --supervision HOST:PORT [--today YYYY-MM-DD]
//       publishes the ranking of the previous month
// The request id is derived from the period, and a period is published only
// once, so a retried or doubled run changes nothing.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/security/tls.h"
#include "common/validation.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

ABSL_FLAG(std::string, supervision, zs::EnvOr("ZS_SUPERVISION_ADDRESS", "127.0.0.1:7103"),
          "the supervision service (env ZS_SUPERVISION_ADDRESS)");
ABSL_FLAG(std::string, today, "", "the date to act as of (default: today in China)");
ABSL_FLAG(int, deadline_seconds, 60, "deadline of the publish call");
ABSL_FLAG(std::string, token_file, zs::EnvOr("ZS_SERVICE_TOKEN_FILE", ""),
          "this job's bearer token (env ZS_SERVICE_TOKEN_FILE); empty: development "
          "metadata, which only a service started with --allow_plaintext accepts");
ABSL_FLAG(std::string, tls_ca_file, zs::EnvOr("ZS_OUTBOUND_TLS_CA_FILE", ""),
          "CA of the supervision service's certificate (env ZS_OUTBOUND_TLS_CA_FILE); "
          "empty: plaintext (loopback development)");

namespace sv1 = ::zhaoshang::supervision::v1;

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() > 1 ? args[1] : "";
  const std::string today_flag = absl::GetFlag(FLAGS_today);
  if (!today_flag.empty() && !zs::ValidateDate("--today", today_flag).ok()) {
    std::cerr << "zs-publish: --today must be YYYY-MM-DD\n";
    return 2;
  }
  const absl::CivilDay today =
      today_flag.empty() ? zs::TodayInChina() : zs::ParseDateOrDie(today_flag);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      zs::MakeChannelCredentials({.ca_file = absl::GetFlag(FLAGS_tls_ca_file)});
  if (!credentials.ok()) {
    std::cerr << "zs-publish: " << credentials.status().message() << "\n";
    return 2;
  }
  auto stub = sv1::SupervisionService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_supervision), *credentials));
  grpc::ClientContext context;
  if (const std::string token_file = absl::GetFlag(FLAGS_token_file); !token_file.empty()) {
    absl::StatusOr<std::string> token = zs::ReadSecretFile(token_file);
    if (!token.ok()) {
      std::cerr << "zs-publish: " << token.status().message() << "\n";
      return 2;
    }
    context.AddMetadata("authorization", "Bearer " + *token);
  } else {
    context.AddMetadata("x-zs-principal", "zs-publish");
    context.AddMetadata("x-zs-role", "service");
  }
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(absl::GetFlag(FLAGS_deadline_seconds)));
  sv1::Snapshot snapshot;
  grpc::Status status;
  if (command == "weekly") {
    // The Monday of the week before the one `today` is in.
    const int since_monday =
        (static_cast<int>(absl::GetWeekday(today)) + 7 - static_cast<int>(absl::Weekday::monday)) %
        7;
    const std::string monday = zs::FormatDate(today - since_monday - 7);
    sv1::PublishWeeklySummaryRequest request;
    request.set_request_id(absl::StrCat("weekly-summary-", monday));
    request.set_week_start_date(monday);
    status = stub->PublishWeeklySummary(&context, request, &snapshot);
  } else if (command == "monthly") {
    const absl::CivilMonth previous = absl::CivilMonth(today) - 1;
    const std::string month = absl::StrFormat("%04d-%02d", previous.year(), previous.month());
    sv1::PublishMonthlyRankingRequest request;
    request.set_request_id(absl::StrCat("monthly-ranking-", month));
    request.set_month(month);
    status = stub->PublishMonthlyRanking(&context, request, &snapshot);
  } else {
    std::cerr << "usage: zs-publish weekly|monthly [--supervision HOST:PORT] [--today D]\n";
    return 2;
  }
  if (!status.ok()) {
    std::cerr << "zs-publish: " << status.error_message() << "\n";
    return status.error_code() == grpc::StatusCode::UNAVAILABLE ? 75 : 1;  // 75: try again
  }
  std::cout << absl::StrFormat("snapshot %d: %s to %s, %d units, first %s\n", snapshot.id(),
                               snapshot.period().start_date(), snapshot.period().end_date(),
                               snapshot.units_size(),
                               snapshot.units().empty() ? "-" : snapshot.units(0).unit_code());
  return 0;
}
