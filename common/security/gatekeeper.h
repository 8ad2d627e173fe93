// The door every call passes: who is calling (a verified bearer token, or in
// loopback development the trusted x-zs-* metadata) and whether they are
// still within their rate. RpcExecutor asks it before anything else runs.
#pragma once

#include <grpcpp/server_context.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/directory.h"
#include "common/principal.h"
#include "common/security/token.h"

namespace zs {

struct GatekeeperConfig {
  // The public keys tokens are verified with (two while the signing key is
  // rotated); none: development mode, where the principal is read from plain
  // metadata (only for loopback development and tests).
  TokenVerifier token_verifier;
  // One revoked token id per line ('#' starts a comment); re-read when it
  // changes. Empty: no revocations.
  std::string revoked_tokens_file;
  // Per-principal token bucket: calls per second and burst. 0: unlimited.
  double calls_per_second = 0;
  int burst = 0;
};

// Why a call was refused at the door, for the log line and the metrics;
// never the token itself.
struct AdmissionFailure {
  // missing_token, invalid_token, expired_token, revoked_token,
  // missing_principal (development metadata), inactive_directory_entry,
  // rate_limited
  std::string reason;
  std::string token_id;  // the refused token's jti, as it claims; may be empty
};

class Gatekeeper {
 public:
  static absl::StatusOr<std::unique_ptr<Gatekeeper>> Create(GatekeeperConfig config);
  // Development mode without limits: what in-process tests and fuzzers use.
  static const Gatekeeper& TrustingMetadata();

  // UNAUTHENTICATED for a missing, malformed, forged, expired or revoked
  // token; PERMISSION_DENIED when it names a unit, office or leader that the
  // followed directory no longer lists (deactivated: the token is genuine,
  // but what it speaks for is closed); RESOURCE_EXHAUSTED when the principal
  // is over its rate. `failure`, when given, learns why a refused call was
  // refused.
  absl::StatusOr<Principal> Admit(const grpc::ServerContextBase& context,
                                  AdmissionFailure* failure = nullptr) const;

  // From now on, unit staff, office staff and leaders are admitted only
  // while `directory` lists their unit, office or leader code as active.
  // The directory follows the supervision service's (DirectoryRefresher), so
  // a deactivation takes effect within its refresh interval. `directory`
  // must outlive the gatekeeper's calls.
  void FollowDirectory(const Directory& directory) { directory_.store(&directory); }

  bool verifies_tokens() const { return !config_.token_verifier.empty(); }
  // The public keys it trusts (what an issuer publishes beside its own).
  const TokenVerifier& token_verifier() const { return config_.token_verifier; }

 private:
  explicit Gatekeeper(GatekeeperConfig config) : config_(std::move(config)) {}
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context,
                                         AdmissionFailure& failure) const;
  absl::StatusOr<TokenClaims> Verify(absl::string_view token, absl::Time now) const;
  bool IsRevoked(const std::string& token_id) const;
  absl::Status ReloadRevocations() const;
  bool TakeToken(const std::string& principal_id) const;

  absl::Status CheckStillActive(const Principal& principal) const;

  const GatekeeperConfig config_;
  std::atomic<const Directory*> directory_{nullptr};

  // Tokens already verified, by their exact text (signature included): a
  // client sends the same token on every call, and checking the signature and
  // parsing the claims each time cost more than the rest of admission.
  // Expiry is checked on every use, revocation by IsRevoked as before.
  mutable std::mutex verified_mu_;
  mutable absl::flat_hash_map<std::string, TokenClaims> verified_;

  mutable std::mutex revocation_mu_;
  mutable std::set<std::string> revoked_;
  mutable absl::Time revocations_checked_ = absl::InfinitePast();
  mutable int64_t revocations_mtime_ns_ = -1;

  struct Bucket {
    double tokens;
    absl::Time refilled;
  };
  mutable std::mutex rate_mu_;
  mutable std::map<std::string, Bucket> buckets_;
};

// Metadata a service account adds when it acts for a person, so records and
// the audit trail name both. Honoured only from service accounts.
inline constexpr char kOnBehalfOfMetadataKey[] = "x-zs-on-behalf-of";

}  // namespace zs
