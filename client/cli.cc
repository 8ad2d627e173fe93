#include "client/cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "client/token_payload.h"
#include "common/clock.h"

namespace zs::client {

int g_exit_code = kExitOk;

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitPermission;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return kExitUnavailable;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return kExitConflict;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    default:
      return kExitFailure;
  }
}

int ExitCodeFor(const absl::Status& status) {
  return ExitCodeFor(static_cast<grpc::StatusCode>(status.code()));
}

absl::StatusOr<Profile> GlobalOptions::LoadSelectedProfile() const {
  absl::StatusOr<Profile> profile =
      LoadProfile(config.empty() ? DefaultConfigPath() : config, this->profile);
  if (!profile.ok()) return profile;
  if (timeout_seconds > 0) profile->timeout = absl::Seconds(timeout_seconds);
  if (retries >= 0) profile->retries = retries;
  return profile;
}

OutputFormat GlobalOptions::format() const {
  OutputFormat format = OutputFormat::kTable;
  ParseOutputFormat(output, &format);  // CLI11 already checked the choice
  return format;
}

int Print(const GlobalOptions& options, const google::protobuf::Message& response) {
  if (options.format() == OutputFormat::kXlsx && isatty(STDOUT_FILENO)) {
    std::cerr << "zsctl: -o xlsx writes a workbook: redirect it to a file (> list.xlsx)\n";
    return kExitUsage;
  }
  absl::StatusOr<std::string> text = Render(response, options.format(), options.columns);
  if (!text.ok()) {
    std::cerr << "zsctl: " << text.status().message() << "\n";
    return kExitUsage;
  }
  std::cout << *text;
  if (options.format() == OutputFormat::kJson) std::cout << "\n";
  return kExitOk;
}

std::string StatusCodeName(grpc::StatusCode code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  const int n = static_cast<int>(code);
  return n >= 0 && n <= 16 ? kNames[n] : "ERROR";
}

int Fail(const grpc::Status& status) {
  std::cerr << "zsctl: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
            << "\n";
  return ExitCodeFor(status.error_code());
}

int FailCall(const grpc::Status& status, const Profile& profile) {
  if (IsUntrustedCertificate(status)) {
    std::cerr << "zsctl: the services' certificate is not trusted: it is not signed by the CA in "
              << (profile.tls_ca_file.empty() ? "tls_ca_file" : profile.tls_ca_file)
              << ".\n  Get the bureau's CA certificate and set tls_ca_file in profile "
              << profile.name
              << ", or check the endpoint is the bureau's (something on the link may be "
                 "intercepting it).\n  ("
              << status.error_message() << ")\n";
    return kExitPermission;
  }
  const int code = Fail(status);
  const std::string token =
      profile.token_file.empty() ? std::string("the profile's token_file") : profile.token_file;
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    std::cerr << "  The services refused the token in " << token
              << " (expired, revoked or not theirs): ask the bureau's administrator for a new "
                 "one and save it there.\n";
  } else if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
    std::cerr << "  Your role may not do this to that record; ask the bureau if it should.\n";
  }
  return code;
}

int FailConfiguration(const absl::Status& status) {
  Fail(status);
  return kExitUsage;
}

int Fail(const absl::Status& status) {
  return Fail(
      grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message())));
}

CallerOrExit MakeCaller(const GlobalOptions& options) {
  CallerOrExit result;
  absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
  if (!profile.ok()) {
    Fail(profile.status());
    result.exit_code = kExitUsage;
    return result;
  }
  absl::StatusOr<std::unique_ptr<RpcCaller>> caller = RpcCaller::Create(*profile);
  if (!caller.ok()) {
    Fail(caller.status());
    result.exit_code = kExitUsage;
    return result;
  }
  // An expired token is refused by every service: say so now, before a
  // call or a queued change that could only fail later.
  if (const TokenPayload token = ReadTokenPayload((*caller)->token());
      token.expires_at.has_value() && *token.expires_at <= absl::Now()) {
    std::cerr << "zsctl: UNAUTHENTICATED: the token in " << profile->token_file << " expired "
              << absl::FormatTime("%Y-%m-%d %H:%M", *token.expires_at, ChinaTimeZone())
              << " (China Standard Time).\n  Ask the bureau's administrator for a new one and "
                 "save it there. Nothing was sent or queued.\n";
    result.exit_code = kExitPermission;
    return result;
  }
  result.caller = *std::move(caller);
  result.profile = *std::move(profile);
  return result;
}

}  // namespace zs::client
