#include "common/service_main.h"

#include <grpcpp/create_channel.h>

#include <atomic>
#include <cstdio>
#include <pqxx/pqxx>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/config.h"
#include "common/db/audit_retention.h"
#include "common/db/idempotency_purge.h"
#include "common/directory_refresher.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/outbound.h"
#include "common/readiness.h"
#include "common/readiness_watch.h"
#include "common/report_rollup.h"
#include "common/request_limits.h"
#include "common/security/tls.h"
#include "common/security/token_peek.h"
#include "common/server.h"
#include "common/telemetry/metrics.h"
#include "common/telemetry/metrics_endpoint.h"

ABSL_FLAG(std::string, listen, zs::EnvOr("ZS_LISTEN", ""),
          "host:port to serve on (env ZS_LISTEN; default per service)");
ABSL_FLAG(int, db_report_pool_size, zs::EnvOr("ZS_DB_REPORT_POOL_SIZE", 2),
          "workers kept for reports: the aggregates they ask of lead and project, the "
          "reports reporting builds at once (env ZS_DB_REPORT_POOL_SIZE)");
ABSL_FLAG(int, db_pool_size, zs::EnvOr("ZS_DB_POOL_SIZE", 8),
          "database connections = worker threads (env ZS_DB_POOL_SIZE)");
ABSL_FLAG(int, max_queued_calls, zs::EnvOr("ZS_MAX_QUEUED_CALLS", 512),
          "calls waiting for a worker before RESOURCE_EXHAUSTED (env ZS_MAX_QUEUED_CALLS)");
ABSL_FLAG(int, max_call_seconds, zs::EnvOr("ZS_MAX_CALL_SECONDS", 30),
          "upper bound on any call's deadline (env ZS_MAX_CALL_SECONDS)");
ABSL_FLAG(int, max_message_bytes, zs::EnvOr("ZS_MAX_MESSAGE_BYTES", zs::kMaxMessageBytes),
          "largest request or response (env ZS_MAX_MESSAGE_BYTES)");
ABSL_FLAG(int, shutdown_grace_seconds, zs::EnvOr("ZS_SHUTDOWN_GRACE_SECONDS", 20),
          "time in-flight calls get to finish on SIGTERM (env ZS_SHUTDOWN_GRACE_SECONDS)");
ABSL_FLAG(std::string, directory_address, zs::EnvOr("ZS_DIRECTORY_ADDRESS", ""),
          "the supervision service whose directory of units and leaders to follow; empty: the "
          "seeded district (env ZS_DIRECTORY_ADDRESS)");
ABSL_FLAG(int, directory_refresh_seconds, zs::EnvOr("ZS_DIRECTORY_REFRESH_SECONDS", 60),
          "how often the directory is reloaded (env ZS_DIRECTORY_REFRESH_SECONDS)");
ABSL_FLAG(std::string, tls_cert_file, zs::EnvOr("ZS_TLS_CERT_FILE", ""),
          "PEM certificate chain to serve TLS with (env ZS_TLS_CERT_FILE)");
ABSL_FLAG(std::string, tls_key_file, zs::EnvOr("ZS_TLS_KEY_FILE", ""),
          "PEM private key of --tls_cert_file (env ZS_TLS_KEY_FILE)");
ABSL_FLAG(std::string, tls_client_ca_file, zs::EnvOr("ZS_TLS_CLIENT_CA_FILE", ""),
          "require client certificates signed by this CA: mutual TLS (env ZS_TLS_CLIENT_CA_FILE)");
ABSL_FLAG(bool, allow_plaintext, zs::EnvOr("ZS_ALLOW_PLAINTEXT", 0) != 0,
          "loopback development only: serve without TLS and, without --token_public_keys_file, "
          "trust "
          "x-zs-* metadata as the principal (env ZS_ALLOW_PLAINTEXT=1)");
ABSL_FLAG(std::string, health_listen, zs::EnvOr("ZS_HEALTH_LISTEN", ""),
          "host:port of a plaintext listener serving only grpc.health.v1, for probes "
          "(env ZS_HEALTH_LISTEN)");
ABSL_FLAG(std::string, token_public_keys_file, zs::EnvOr("ZS_TOKEN_PUBLIC_KEYS_FILE", ""),
          "PEM file of the EC P-256 public keys bearer tokens are verified with, one or more "
          "(two while the signing key is rotated; env ZS_TOKEN_PUBLIC_KEYS_FILE)");
ABSL_FLAG(std::string, revoked_tokens_file, zs::EnvOr("ZS_REVOKED_TOKENS_FILE", ""),
          "file listing revoked token ids, one per line, re-read on change "
          "(env ZS_REVOKED_TOKENS_FILE)");
ABSL_FLAG(int, rate_limit_per_second, zs::EnvOr("ZS_RATE_LIMIT_PER_SECOND", 200),
          "calls per second each principal may make; 0: unlimited (env ZS_RATE_LIMIT_PER_SECOND)");
ABSL_FLAG(int, rate_limit_burst, zs::EnvOr("ZS_RATE_LIMIT_BURST", 400),
          "calls a principal may make at once above its rate (env ZS_RATE_LIMIT_BURST)");
ABSL_FLAG(std::string, service_token_file, zs::EnvOr("ZS_SERVICE_TOKEN_FILE", ""),
          "this service's own bearer token, sent on its calls to other services "
          "(env ZS_SERVICE_TOKEN_FILE)");
ABSL_FLAG(std::string, outbound_tls_ca_file, zs::EnvOr("ZS_OUTBOUND_TLS_CA_FILE", ""),
          "CA that other services' certificates are checked against; with "
          "--tls_client_ca_file set, this service's certificate is presented as its client "
          "certificate (env ZS_OUTBOUND_TLS_CA_FILE)");
ABSL_FLAG(std::string, metrics_listen, zs::EnvOr("ZS_METRICS_LISTEN", ""),
          "host:port serving Prometheus metrics over plain HTTP at /metrics; empty: none "
          "(env ZS_METRICS_LISTEN)");
ABSL_FLAG(int, tls_reload_seconds, zs::EnvOr("ZS_TLS_RELOAD_SECONDS", 10),
          "how often the TLS certificate and key files are checked for a renewal, which is "
          "then served without a restart (env ZS_TLS_RELOAD_SECONDS)");
ABSL_FLAG(int, readiness_check_seconds, zs::EnvOr("ZS_READINESS_CHECK_SECONDS", 5),
          "how often the schema version and the service's own credentials are checked; while "
          "one is wrong the service is NOT_SERVING (env ZS_READINESS_CHECK_SECONDS)");

namespace zs {

namespace {

// --rebuild_report_rollups: the exit status it documents.
int RebuildReportRollupsCommand(const std::string& conninfo) {
  try {
    pqxx::connection connection(conninfo);
    pqxx::work tx(connection);
    const absl::Time started = absl::Now();
    const std::vector<RollupDifference> differences = RebuildReportRollups(tx);
    tx.commit();
    for (const RollupDifference& d : differences) {
      std::printf("%s %s %s=%s: count %ld, rollup had %ld; amount %ld 万元, rollup had %ld\n",
                  d.figure.c_str(), d.day.c_str(), d.dimension.c_str(), d.key.c_str(),
                  d.expected_count, d.found_count, d.expected_amount, d.found_amount);
    }
    std::printf(
        "report rollups rebuilt in %s: %zu cells differed\n",
        absl::FormatDuration(absl::Trunc(absl::Now() - started, absl::Milliseconds(1))).c_str(),
        differences.size());
    return differences.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    LogError(absl::StrCat("rebuilding the report rollups failed: ", e.what()));
    return 2;
  }
}

std::shared_ptr<grpc::ChannelCredentials>& OutboundCredentials() {
  static std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  return credentials;
}

// Reads the security flags: the gatekeeper for incoming calls, the
// credentials and identity for outgoing ones. A bad configuration is an
// error rather than serving with less security than asked for.
absl::StatusOr<std::unique_ptr<Gatekeeper>> ConfigureSecurity(const std::string& service,
                                                              absl::Time* token_expires_at) {
  const bool plaintext = absl::GetFlag(FLAGS_allow_plaintext);
  TokenVerifier verifier;
  if (const std::string keys = absl::GetFlag(FLAGS_token_public_keys_file); !keys.empty()) {
    ZS_ASSIGN_OR_RETURN(verifier, TokenVerifier::FromFile(keys));
  }
  GatekeeperConfig config{
      .token_verifier = std::move(verifier),
      .revoked_tokens_file = absl::GetFlag(FLAGS_revoked_tokens_file),
      .calls_per_second = static_cast<double>(absl::GetFlag(FLAGS_rate_limit_per_second)),
      .burst = absl::GetFlag(FLAGS_rate_limit_burst)};
  if (config.token_verifier.empty() && !plaintext) {
    return absl::FailedPreconditionError(
        "--token_public_keys_file is required (or --allow_plaintext for loopback development)");
  }
  ZS_ASSIGN_OR_RETURN(std::unique_ptr<Gatekeeper> gatekeeper,
                      Gatekeeper::Create(std::move(config)));
  std::string own_token;
  if (const std::string path = absl::GetFlag(FLAGS_service_token_file); !path.empty()) {
    ZS_ASSIGN_OR_RETURN(own_token, ReadSecretFile(path));
  }
  if (!own_token.empty()) {
    *token_expires_at = PeekTokenClaims(own_token).expires_at;
    if (*token_expires_at != absl::InfiniteFuture()) {
      metrics::SetCredentialExpiry("service_token", *token_expires_at);
    }
  }
  SetOutboundIdentity({.service = service, .token = own_token});
  const bool mutual = !absl::GetFlag(FLAGS_tls_client_ca_file).empty();
  ZS_ASSIGN_OR_RETURN(
      OutboundCredentials(),
      MakeChannelCredentials(
          {.ca_file = absl::GetFlag(FLAGS_outbound_tls_ca_file),
           .cert_file = mutual ? absl::GetFlag(FLAGS_tls_cert_file) : std::string(),
           .key_file = mutual ? absl::GetFlag(FLAGS_tls_key_file) : std::string()}));
  return gatekeeper;
}

}  // namespace

std::shared_ptr<grpc::Channel> ServiceChannel(const std::string& address) {
  return grpc::CreateChannel(address, OutboundCredentials());
}

int RunServiceMain(const ServiceDefinition& definition, int argc, char** argv) {
  BlockTerminationSignals();
  absl::SetProgramUsageMessage(absl::StrCat("Zhaoshang ", definition.name, " service"));
  absl::ParseCommandLine(argc, argv);
  // Abseil's mutex deadlock detection (on in Debian's build) builds a lock
  // graph on every acquisition inside gRPC: a debugging aid, not for serving.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  InitLogging(definition.name);
  metrics::SetServiceName(definition.name);

  // A service without migrations owns no schema and never connects; its
  // worker pool only bounds the blocking calls it makes to other services.
  const bool owns_schema = definition.migrations != nullptr;
  if (owns_schema != (definition.database != nullptr)) {
    LogError(
        absl::StrCat("zs-", definition.name, ": migrations and database settings go together"));
    return 2;
  }
  DatabaseSettings database{.migrate = DatabaseSettings::Migrate::kOff};
  std::string conninfo, read_conninfo;
  if (owns_schema) {
    absl::StatusOr<DatabaseSettings> settings = definition.database();
    if (!settings.ok()) {
      LogError(std::string(settings.status().message()));
      return 2;
    }
    database = *std::move(settings);
    conninfo = WithSearchPath(database.conninfo, definition.schema);
    if (!database.read_conninfo.empty()) {
      read_conninfo = WithSearchPath(database.read_conninfo, definition.schema);
    }
  }
  RollupSettings rollups;
  if (definition.report_rollups != nullptr) {
    absl::StatusOr<RollupSettings> settings = definition.report_rollups();
    if (!settings.ok()) {
      LogError(std::string(settings.status().message()));
      return 2;
    }
    rollups = *settings;
  }
  if (database.migrate != DatabaseSettings::Migrate::kOff) {
    try {
      pqxx::connection connection(conninfo);
      absl::StatusOr<int> applied =
          ApplyMigrations(connection, definition.schema, *definition.migrations);
      if (!applied.ok()) {
        LogError(absl::StrCat("migrations failed: ", applied.status().message()));
        return 1;
      }
      if (definition.after_migrations) {
        if (absl::Status upkeep = definition.after_migrations(connection); !upkeep.ok()) {
          LogError(absl::StrCat("data upkeep after migrations failed: ", upkeep.message()));
          return 1;
        }
      }
    } catch (const std::exception& e) {
      LogError(absl::StrCat("cannot reach the database to migrate: ", e.what()));
      return 1;
    }
    if (database.migrate == DatabaseSettings::Migrate::kOnly) return 0;
  }
  if (rollups.rebuild) return RebuildReportRollupsCommand(conninfo);

  absl::Time token_expires_at = absl::InfiniteFuture();
  absl::StatusOr<std::unique_ptr<Gatekeeper>> configured =
      ConfigureSecurity(definition.name, &token_expires_at);
  if (!configured.ok()) {
    LogError(std::string(configured.status().message()));
    return 2;
  }
  std::unique_ptr<Gatekeeper> gatekeeper = *std::move(configured);
  absl::StatusOr<std::unique_ptr<MetricsEndpoint>> metrics_endpoint =
      MetricsEndpoint::Start(absl::GetFlag(FLAGS_metrics_listen));
  if (!metrics_endpoint.ok()) {
    LogError(std::string(metrics_endpoint.status().message()));
    return 2;
  }
  std::string listen = absl::GetFlag(FLAGS_listen);
  if (listen.empty()) listen = definition.default_listen;
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials({.cert_file = absl::GetFlag(FLAGS_tls_cert_file),
                             .key_file = absl::GetFlag(FLAGS_tls_key_file),
                             .client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file),
                             .reload_seconds = absl::GetFlag(FLAGS_tls_reload_seconds)},
                            listen, absl::GetFlag(FLAGS_allow_plaintext));
  if (!credentials.ok()) {
    LogError(std::string(credentials.status().message()));
    return 2;
  }

  WorkerPool pool(conninfo, absl::GetFlag(FLAGS_db_pool_size),
                  absl::GetFlag(FLAGS_max_queued_calls), "calls", read_conninfo);
  WorkerPool report_pool(conninfo, absl::GetFlag(FLAGS_db_report_pool_size),
                         absl::GetFlag(FLAGS_max_queued_calls), "reports", read_conninfo);
  std::unique_ptr<IdempotencyPurger> purger;
  if (owns_schema && database.idempotency_retention > absl::ZeroDuration()) {
    purger =
        std::make_unique<IdempotencyPurger>(pool, database.idempotency_retention, absl::Hours(1));
  }
  std::unique_ptr<AuditRetention> audit_retention;
  if (owns_schema) {
    audit_retention =
        std::make_unique<AuditRetention>(pool, database.audit_retention_months, absl::Hours(1));
  }
  std::unique_ptr<ReportRollupFolder> folder;
  if (definition.report_rollups != nullptr) {
    folder = std::make_unique<ReportRollupFolder>(pool, rollups.fold_interval,
                                                  /*batch_rows=*/20'000);
  }
  Directory directory(Directory::SeededEntries());
  std::unique_ptr<DirectoryRefresher> refresher;
  if (const std::string address = absl::GetFlag(FLAGS_directory_address); !address.empty()) {
    refresher = std::make_unique<DirectoryRefresher>(
        directory, ServiceChannel(address),
        absl::Seconds(absl::GetFlag(FLAGS_directory_refresh_seconds)));
  }
  gatekeeper->FollowDirectory(directory);
  std::unique_ptr<grpc::Service> service = definition.make_service(
      {.pool = pool,
       .report_pool = report_pool,
       .max_call_time = absl::Seconds(absl::GetFlag(FLAGS_max_call_seconds)),
       .directory = directory,
       .gatekeeper = *gatekeeper,
       .aggregates_from_records = rollups.aggregates_from_records});
  // Before the server starts, so it never answers SERVING while its schema
  // is behind or its own credentials have expired.
  std::atomic<GrpcServer*> started_server{nullptr};
  ReadinessWatch readiness({.service = definition.name,
                            .conninfo = conninfo,
                            .schema = definition.schema,
                            .migrations = definition.migrations,
                            .tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file),
                            .token_expires_at = token_expires_at},
                           absl::Seconds(absl::GetFlag(FLAGS_readiness_check_seconds)),
                           [&started_server](bool serving) {
                             if (GrpcServer* server = started_server.load())
                               server->SetServing(serving);
                           });
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start({.listen_address = listen,
                         .max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes),
                         .credentials = *credentials,
                         .health_listen_address = absl::GetFlag(FLAGS_health_listen)},
                        {{service.get(), definition.grpc_service}});
  if (!server.ok()) {
    LogError(std::string(server.status().message()));
    return 1;
  }
  started_server = server->get();
  (*server)->SetServing(Readiness::Process().ready());
  LogInfo(absl::StrCat(
      definition.name, " service listening on ", listen,
      absl::GetFlag(FLAGS_tls_cert_file).empty() ? " (plaintext)" : " (TLS)",
      gatekeeper->verifies_tokens() ? ", bearer tokens required" : ", development principals"));

  const int signal = WaitForTerminationSignal();
  LogInfo(absl::StrCat("signal ", signal, ": draining calls"));
  started_server = nullptr;
  (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  purger.reset();
  audit_retention.reset();
  folder.reset();
  pool.Shutdown();
  report_pool.Shutdown();
  LogInfo("stopped cleanly");
  return 0;
}

}  // namespace zs
