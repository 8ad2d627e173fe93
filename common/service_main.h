// The one main() every service shares: flags (with env defaults) → logging →
// migrations → database worker pool → service → server; then it waits for
// SIGTERM/SIGINT and shuts down in order: stop accepting and drain calls,
// then stop the workers and close connections. The flags every service
// takes are defined here; those of a database (common/db_flags.h) and of
// report rollups (common/rollup_flags.h) only in the binaries that link
// them, so each binary accepts only the flags it uses.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/impl/codegen/service_type.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/db/migrations.h"
#include "common/db/worker_pool.h"
#include "common/db_flags.h"
#include "common/directory.h"
#include "common/rollup_flags.h"
#include "common/security/gatekeeper.h"

namespace zs {

// What a service is built from.
struct ServiceEnv {
  WorkerPool& pool;
  // A few workers of their own for reports (the aggregates they ask of lead
  // and project; the reports reporting builds at once): a report's scans
  // never hold every worker the offices' calls need.
  WorkerPool& report_pool;
  absl::Duration max_call_time;
  // Units, offices and leaders: the seed, or the supervision service's
  // directory when --directory_address is set.
  const Directory& directory;
  // Authenticates and rate-limits every call (tokens, or development metadata).
  const Gatekeeper& gatekeeper;
  // --aggregate_source=records: aggregates computed from the records rather
  // than read from the report rollups (common/report_rollup.h).
  bool aggregates_from_records = false;
};

struct ServiceDefinition {
  std::string name;                          // "lead"
  std::string schema;                        // PostgreSQL schema it owns
  std::string default_listen;                // e.g. "127.0.0.1:7101"
  std::string grpc_service;                  // e.g. "zhaoshang.lead.v1.LeadService"
  const std::vector<Migration>* migrations;  // null: owns no schema
  // With migrations: DatabaseSettingsFromFlags (common/db_flags.h), which
  // links the database flags into the binary.
  absl::StatusOr<DatabaseSettings> (*database)() = nullptr;
  // Upkeep of the schema's data that SQL cannot do alone, run after the
  // migrations on the same connection (e.g. re-keying enterprise names when
  // the normaliser changed); optional.
  std::function<absl::Status(pqxx::connection&)> after_migrations;
  // Keeps report rollups (common/report_rollup.h): folds their deltas in
  // the background and answers --rebuild_report_rollups. Set to
  // RollupSettingsFromFlags (common/rollup_flags.h), or null for none.
  absl::StatusOr<RollupSettings> (*report_rollups)() = nullptr;
  // Builds the gRPC service on the worker pool.
  std::function<std::unique_ptr<grpc::Service>(const ServiceEnv& env)> make_service;
};

// A channel to another Zhaoshang service with this process's outbound TLS
// settings (--outbound_tls_ca_file; plaintext when unset). Valid inside
// make_service.
std::shared_ptr<grpc::Channel> ServiceChannel(const std::string& address);

// The process's exit status: 0 after a clean shutdown (or --migrate=only),
// 1 when the database or the listener fails, 2 for a bad configuration.
int RunServiceMain(const ServiceDefinition& definition, int argc, char** argv);

}  // namespace zs
