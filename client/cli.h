// What every zsctl command shares: the global options, the profile they
// select, printing a response, and the exit codes scripts can rely on.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/output.h"
#include "client/profile.h"
#include "client/rpc_caller.h"

namespace zs::client {

// Exit codes (also in `zsctl --help`).
enum ExitCode {
  kExitOk = 0,
  kExitFailure = 1,  // anything not listed below
  kExitUsage = 2,    // bad command line or config
  kExitNotFound = 3,
  kExitPermission = 4,   // UNAUTHENTICATED or PERMISSION_DENIED
  kExitUnavailable = 5,  // services unreachable or too slow, after retries
  kExitConflict = 6,     // ALREADY_EXISTS, ABORTED (stale etag), FAILED_PRECONDITION
  kExitInvalid = 7,      // the services rejected a value (INVALID_ARGUMENT)
};

int ExitCodeFor(grpc::StatusCode code);
int ExitCodeFor(const absl::Status& status);

struct GlobalOptions {
  std::string profile;  // empty: ZSCTL_PROFILE, else `zsctl config use`'s, else "default"
  std::string config;
  std::string output = "table";
  std::vector<std::string> columns;
  double timeout_seconds = 0;  // 0: the profile's
  int retries = -1;            // -1: the profile's
  bool quiet = false;

  absl::StatusOr<Profile> LoadSelectedProfile() const;
  OutputFormat format() const;
};

// Prints `response` as the options ask; returns an exit code.
int Print(const GlobalOptions& options, const google::protobuf::Message& response);
// Prints an error to stderr as "zsctl: CODE: message"; returns its exit code.
// The canonical name of a gRPC status code (INVALID_ARGUMENT …), as
// zsctl prints it in errors and in the offline journal's conflicts.
std::string StatusCodeName(grpc::StatusCode code);

int Fail(const grpc::Status& status);
int Fail(const absl::Status& status);
// A call's failure, followed by what the person can do about it (a new
// token, the bureau's CA certificate, ...) when that is not obvious.
int FailCall(const grpc::Status& status, const Profile& profile);
// A profile or config file that is wrong: printed, exit 2 whatever its code.
int FailConfiguration(const absl::Status& status);

// A caller for the selected profile, or the exit code to leave with.
struct CallerOrExit {
  std::unique_ptr<RpcCaller> caller;
  Profile profile;
  int exit_code = kExitOk;
};
CallerOrExit MakeCaller(const GlobalOptions& options);

// Subcommand registration, one file each.
void AddMethodCommands(CLI::App& app, GlobalOptions& options);
void AddOfflineCommands(CLI::App& app, GlobalOptions& options);
void AddAdminCommands(CLI::App& app, GlobalOptions& options);
void AddAuthCommands(CLI::App& app, GlobalOptions& options);
void AddImportCommands(CLI::App& app, GlobalOptions& options);
void AddConfigCommands(CLI::App& app, GlobalOptions& options);

// Set by a subcommand's callback: what main() returns.
extern int g_exit_code;

}  // namespace zs::client
