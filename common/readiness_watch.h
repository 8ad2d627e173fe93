// Keeps Readiness::Process() current for a running service: every few
// seconds it compares the schema's applied migrations with the binary's,
// and checks that the service's own TLS certificate (re-read from its file,
// which rotation replaces) and token have not expired. A change is logged
// with its reason and flips the health service between SERVING and
// NOT_SERVING.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/migrations.h"

namespace zs {

struct ReadinessChecks {
  std::string service;  // "lead"
  // Empty: the service owns no schema. Otherwise a connection string with
  // the schema's search_path, and the migrations the binary carries.
  std::string conninfo;
  std::string schema;
  const std::vector<Migration>* migrations = nullptr;
  std::string tls_cert_file;                             // empty: no TLS
  absl::Time token_expires_at = absl::InfiniteFuture();  // the service's own token
};

// The schema's latest applied migration (0 when none, or no table yet).
absl::StatusOr<int> AppliedSchemaVersion(const std::string& conninfo);

class ReadinessWatch {
 public:
  // Checks once at once (so a service starts NOT_SERVING when it must),
  // then every `interval`; `set_serving` is told each change.
  ReadinessWatch(ReadinessChecks checks, absl::Duration interval,
                 std::function<void(bool serving)> set_serving);
  ~ReadinessWatch();
  ReadinessWatch(const ReadinessWatch&) = delete;
  ReadinessWatch& operator=(const ReadinessWatch&) = delete;

  void CheckNow();

 private:
  void Loop();

  const ReadinessChecks checks_;
  const absl::Duration interval_;
  const std::function<void(bool)> set_serving_;
  bool serving_ = true;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zs
