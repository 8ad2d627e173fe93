// Whether this process may serve calls now, and if not why: its schema is
// behind its binary (the migration has not run), or its own certificate or
// token has expired. While any reason stands, health checks answer
// NOT_SERVING (so Kubernetes sends it no traffic and a rollout waits) and
// every call is refused with UNAVAILABLE naming the reason: never INTERNAL
// from a statement that finds its table missing.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "absl/strings/string_view.h"

namespace zs {

class Readiness {
 public:
  // The process's one instance (RpcExecutor consults it on every call).
  static Readiness& Process();

  // Records (or replaces) the reason named `key` ("schema", "tls_certificate",
  // "service_token"); returns true when it is new or changed.
  bool Block(absl::string_view key, absl::string_view reason);
  // Withdraws the reason `key`; returns true when there was one.
  bool Unblock(absl::string_view key);

  bool ready() const { return blocked_.load(std::memory_order_relaxed) == 0; }
  // The standing reasons, "; "-separated; empty when ready.
  std::string Reasons() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string, std::less<>> reasons_;
  std::atomic<int> blocked_{0};
};

}  // namespace zs
