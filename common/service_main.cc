#include "common/service_main.h"

#include <grpcpp/create_channel.h>

#include <pqxx/pqxx>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/config.h"
#include "common/directory_refresher.h"
#include "common/logging.h"
#include "common/server.h"

ABSL_FLAG(std::string, listen, zs::EnvOr("ZS_LISTEN", ""),
          "host:port to serve on (env ZS_LISTEN; default per service)");
ABSL_FLAG(std::string, db_conninfo,
          zs::EnvOr("ZS_DB_CONNINFO", "host=127.0.0.1 port=54329 dbname=zhaoshang user=zs"),
          "libpq connection string without the password (env ZS_DB_CONNINFO)");
ABSL_FLAG(std::string, db_password_file, zs::EnvOr("ZS_DB_PASSWORD_FILE", ""),
          "file holding the database password (env ZS_DB_PASSWORD_FILE)");
ABSL_FLAG(int, db_pool_size, zs::EnvOr("ZS_DB_POOL_SIZE", 8),
          "database connections = worker threads (env ZS_DB_POOL_SIZE)");
ABSL_FLAG(int, max_queued_calls, zs::EnvOr("ZS_MAX_QUEUED_CALLS", 512),
          "calls waiting for a worker before RESOURCE_EXHAUSTED (env ZS_MAX_QUEUED_CALLS)");
ABSL_FLAG(int, max_call_seconds, zs::EnvOr("ZS_MAX_CALL_SECONDS", 30),
          "upper bound on any call's deadline (env ZS_MAX_CALL_SECONDS)");
ABSL_FLAG(int, max_message_bytes, zs::EnvOr("ZS_MAX_MESSAGE_BYTES", 4 << 20),
          "largest request or response (env ZS_MAX_MESSAGE_BYTES)");
ABSL_FLAG(int, shutdown_grace_seconds, zs::EnvOr("ZS_SHUTDOWN_GRACE_SECONDS", 20),
          "time in-flight calls get to finish on SIGTERM (env ZS_SHUTDOWN_GRACE_SECONDS)");
ABSL_FLAG(std::string, directory_address, zs::EnvOr("ZS_DIRECTORY_ADDRESS", ""),
          "the supervision service whose directory of units and leaders to follow; empty: the "
          "seeded district (env ZS_DIRECTORY_ADDRESS)");
ABSL_FLAG(int, directory_refresh_seconds, zs::EnvOr("ZS_DIRECTORY_REFRESH_SECONDS", 60),
          "how often the directory is reloaded (env ZS_DIRECTORY_REFRESH_SECONDS)");
ABSL_FLAG(std::string, migrate, zs::EnvOr("ZS_MIGRATE", "on_start"),
          "on_start: apply migrations then serve; only: apply and exit; off: serve only "
          "(env ZS_MIGRATE)");

namespace zs {

std::string ConnectionString(const std::string& conninfo, const std::string& password_file) {
  if (password_file.empty()) return conninfo;
  absl::StatusOr<std::string> password = ReadSecretFile(password_file);
  if (!password.ok()) {
    LogError(std::string(password.status().message()));
    std::exit(2);
  }
  const std::string escaped = absl::StrReplaceAll(*password, {{"\\", "\\\\"}, {"'", "\\'"}});
  return absl::StrCat(conninfo, " password='", escaped, "'");
}

int RunServiceMain(const ServiceDefinition& definition, int argc, char** argv) {
  BlockTerminationSignals();
  absl::SetProgramUsageMessage(absl::StrCat("Zhaoshang ", definition.name, " service"));
  absl::ParseCommandLine(argc, argv);
  InitLogging(definition.name);

  // A service without migrations owns no schema and never connects; its
  // worker pool only bounds the blocking calls it makes to other services.
  const bool owns_schema = definition.migrations != nullptr;
  const std::string conninfo =
      owns_schema ? WithSearchPath(ConnectionString(absl::GetFlag(FLAGS_db_conninfo),
                                                    absl::GetFlag(FLAGS_db_password_file)),
                                   definition.schema)
                  : std::string();
  const std::string migrate = absl::GetFlag(FLAGS_migrate);
  if (migrate != "on_start" && migrate != "only" && migrate != "off") {
    LogError("--migrate must be on_start, only or off");
    return 2;
  }
  if (migrate != "off" && owns_schema) {
    try {
      pqxx::connection connection(conninfo);
      absl::StatusOr<int> applied =
          ApplyMigrations(connection, definition.schema, *definition.migrations);
      if (!applied.ok()) {
        LogError(absl::StrCat("migrations failed: ", applied.status().message()));
        return 1;
      }
    } catch (const std::exception& e) {
      LogError(absl::StrCat("cannot reach the database to migrate: ", e.what()));
      return 1;
    }
    if (migrate == "only") return 0;
  }

  WorkerPool pool(conninfo, absl::GetFlag(FLAGS_db_pool_size),
                  absl::GetFlag(FLAGS_max_queued_calls));
  Directory directory(Directory::SeededEntries());
  std::unique_ptr<DirectoryRefresher> refresher;
  if (const std::string address = absl::GetFlag(FLAGS_directory_address); !address.empty()) {
    refresher = std::make_unique<DirectoryRefresher>(
        directory, grpc::CreateChannel(address, grpc::InsecureChannelCredentials()),
        absl::Seconds(absl::GetFlag(FLAGS_directory_refresh_seconds)));
  }
  std::unique_ptr<grpc::Service> service = definition.make_service(
      {.pool = pool,
       .max_call_time = absl::Seconds(absl::GetFlag(FLAGS_max_call_seconds)),
       .directory = directory});
  std::string listen = absl::GetFlag(FLAGS_listen);
  if (listen.empty()) listen = definition.default_listen;
  absl::StatusOr<std::unique_ptr<GrpcServer>> server = GrpcServer::Start(
      {.listen_address = listen, .max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes)},
      {service.get()});
  if (!server.ok()) {
    LogError(std::string(server.status().message()));
    return 1;
  }
  LogInfo(absl::StrCat(definition.name, " service listening on ", listen));

  const int signal = WaitForTerminationSignal();
  LogInfo(absl::StrCat("signal ", signal, ": draining calls"));
  (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  pool.Shutdown();
  LogInfo("stopped cleanly");
  return 0;
}

}  // namespace zs
