#include "common/readiness_watch.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/prepared.h"
#include "common/logging.h"
#include "common/queries.h"
#include "common/readiness.h"
#include "common/security/tls.h"
#include "common/telemetry/metrics.h"

namespace zs {

absl::StatusOr<int> AppliedSchemaVersion(const std::string& conninfo) {
  try {
    pqxx::connection connection(conninfo + " connect_timeout=3");
    pqxx::nontransaction tx(connection);
    if (!Exec(tx, queries::kSchemaMigrated)[0]["migrated"].as<bool>()) return 0;
    return Exec(tx, queries::kSchemaVersion)[0]["version"].as<int>();
  } catch (const std::exception& e) {
    return absl::UnavailableError(e.what());
  }
}

ReadinessWatch::ReadinessWatch(ReadinessChecks checks, absl::Duration interval,
                               std::function<void(bool serving)> set_serving)
    : checks_(std::move(checks)), interval_(interval), set_serving_(std::move(set_serving)) {
  CheckNow();
  thread_ = std::thread([this] { Loop(); });
}

ReadinessWatch::~ReadinessWatch() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReadinessWatch::Loop() {
  std::unique_lock lock(mu_);
  while (
      !wake_.wait_for(lock, absl::ToChronoMilliseconds(interval_), [this] { return stopping_; })) {
    lock.unlock();
    CheckNow();
    lock.lock();
  }
}

namespace {

// Records `reason` under `key` (or withdraws it when empty), logging a change.
void Decide(absl::string_view key, const std::string& reason) {
  Readiness& readiness = Readiness::Process();
  if (!reason.empty()) {
    if (readiness.Block(key, reason)) LogError(absl::StrCat("not ready: ", reason));
  } else if (readiness.Unblock(key)) {
    LogInfo(absl::StrCat("ready again: the ", key, " problem is resolved"));
  }
}

}  // namespace

void ReadinessWatch::CheckNow() {
  const absl::Time now = absl::Now();
  if (checks_.migrations != nullptr && !checks_.migrations->empty()) {
    const int needed = checks_.migrations->back().version;
    absl::StatusOr<int> applied = AppliedSchemaVersion(checks_.conninfo);
    // An unreachable database is not a reason to stop serving: calls say
    // UNAVAILABLE themselves, and the service recovers when it returns.
    if (applied.ok()) {
      Decide("schema",
             *applied >= needed
                 ? std::string()
                 : absl::StrCat("schema ", checks_.schema, " is at migration ", *applied,
                                " but this binary needs ", needed, ": run the migration (zs-",
                                checks_.service, " --migrate=only) before this version serves"));
    }
  }
  if (!checks_.tls_cert_file.empty()) {
    absl::StatusOr<absl::Time> expires = CertificateExpiry(checks_.tls_cert_file);
    if (expires.ok()) {
      metrics::SetCredentialExpiry("tls_certificate", *expires);
      Decide("tls_certificate", *expires > now
                                    ? std::string()
                                    : absl::StrCat("the TLS certificate ", checks_.tls_cert_file,
                                                   " expired at ", absl::FormatTime(*expires),
                                                   ": renew the secret it is mounted from"));
    }
  }
  if (checks_.token_expires_at != absl::InfiniteFuture()) {
    Decide("service_token", checks_.token_expires_at > now
                                ? std::string()
                                : absl::StrCat("this service's own token expired at ",
                                               absl::FormatTime(checks_.token_expires_at),
                                               ": issue a new one and restart"));
  }
  const bool serving = Readiness::Process().ready();
  if (serving != serving_) {
    serving_ = serving;
    if (set_serving_) set_serving_(serving);
  }
}

}  // namespace zs
