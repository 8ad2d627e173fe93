#include "common/security/gatekeeper.h"

#include <sys/stat.h>

#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/logging.h"
#include "common/security/token.h"
#include "common/security/token_peek.h"
#include "common/telemetry/metrics.h"

namespace zs {
namespace {

constexpr absl::Duration kRevocationRecheck = absl::Seconds(1);
constexpr size_t kMaxBuckets = 100000;        // principals tracked before idle ones are forgotten
constexpr size_t kMaxVerifiedTokens = 10000;  // remembered before the cache starts afresh

std::string Metadata(const grpc::ServerContextBase& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

int64_t ModificationTimeNs(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Gatekeeper>> Gatekeeper::Create(GatekeeperConfig config) {
  std::unique_ptr<Gatekeeper> gatekeeper(new Gatekeeper(std::move(config)));
  if (!gatekeeper->config_.revoked_tokens_file.empty()) {
    std::lock_guard lock(gatekeeper->revocation_mu_);
    if (absl::Status loaded = gatekeeper->ReloadRevocations(); !loaded.ok()) return loaded;
  }
  return gatekeeper;
}

const Gatekeeper& Gatekeeper::TrustingMetadata() {
  static const Gatekeeper* const kTrusting = new Gatekeeper(GatekeeperConfig{});
  return *kTrusting;
}

absl::StatusOr<Principal> Gatekeeper::Admit(const grpc::ServerContextBase& context,
                                            AdmissionFailure* failure) const {
  AdmissionFailure why;
  absl::StatusOr<Principal> principal = Authenticate(context, why);
  if (principal.ok()) {
    if (absl::Status active = CheckStillActive(*principal); !active.ok()) {
      why.reason = "inactive_directory_entry";
      principal = active;
    } else if (!TakeToken(principal->id)) {
      why.reason = "rate_limited";
      principal =
          absl::ResourceExhaustedError("too many calls from this principal; retry with backoff");
    }
  }
  if (!principal.ok()) {
    if (why.reason == "rate_limited") {
      metrics::CountRateLimited();
    } else {
      metrics::CountAuthFailure(why.reason);
    }
    if (failure != nullptr) *failure = std::move(why);
  }
  return principal;
}

absl::Status Gatekeeper::CheckStillActive(const Principal& principal) const {
  const Directory* directory = directory_.load();
  if (directory == nullptr) return absl::OkStatus();
  bool listed = true;
  switch (principal.kind) {
    case PrincipalKind::kUnitStaff:
      listed = directory->IsUnit(principal.unit_code);
      break;
    case PrincipalKind::kOfficeStaff:
      listed = directory->IsOffice(principal.unit_code);
      break;
    case PrincipalKind::kLeader:
      listed = directory->IsLeader(LeaderCodeOf(principal));
      break;
    default:
      break;
  }
  if (listed) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "the unit, office or leader this principal acts for is not active in the directory");
}

absl::StatusOr<Principal> Gatekeeper::Authenticate(const grpc::ServerContextBase& context,
                                                   AdmissionFailure& failure) const {
  Principal principal;
  if (!verifies_tokens()) {
    principal = PrincipalFromMetadata(context);
    if (principal.kind == PrincipalKind::kAnonymous) {
      failure.reason = "missing_principal";
      return absl::UnauthenticatedError("no principal: set x-zs-principal (development mode)");
    }
  } else {
    const std::string header = Metadata(context, "authorization");
    absl::string_view token = header;
    if (!absl::ConsumePrefix(&token, "Bearer ")) {
      failure.reason = "missing_token";
      return absl::UnauthenticatedError("missing bearer token (authorization: Bearer …)");
    }
    const absl::Time now = absl::Now();
    absl::StatusOr<TokenClaims> claims = Verify(token, now);
    if (!claims.ok()) {
      UnverifiedClaims said = PeekTokenClaims(token);
      failure.reason = said.expires_at <= now ? "expired_token" : "invalid_token";
      failure.token_id = std::move(said.token_id);
      return claims.status();
    }
    if (IsRevoked(claims->token_id)) {
      failure.reason = "revoked_token";
      failure.token_id = claims->token_id;
      return absl::UnauthenticatedError("the bearer token has been revoked");
    }
    principal = std::move(claims->principal);
  }
  if (principal.kind == PrincipalKind::kServiceAccount) {
    principal.on_behalf_of = Metadata(context, kOnBehalfOfMetadataKey).substr(0, 128);
  }
  return principal;
}

absl::StatusOr<TokenClaims> Gatekeeper::Verify(absl::string_view token, absl::Time now) const {
  {
    std::lock_guard lock(verified_mu_);
    auto it = verified_.find(token);
    if (it != verified_.end()) {
      if (it->second.expires_at > now) return it->second;
      verified_.erase(it);  // expired: VerifyToken says so below
    }
  }
  absl::StatusOr<TokenClaims> claims = config_.token_verifier.Verify(token, now);
  if (claims.ok()) {
    std::lock_guard lock(verified_mu_);
    if (verified_.size() >= kMaxVerifiedTokens) verified_.clear();
    verified_.emplace(token, *claims);
  }
  return claims;
}

bool Gatekeeper::IsRevoked(const std::string& token_id) const {
  if (config_.revoked_tokens_file.empty()) return false;
  std::lock_guard lock(revocation_mu_);
  const absl::Time now = absl::Now();
  if (now - revocations_checked_ >= kRevocationRecheck) {
    revocations_checked_ = now;
    if (ModificationTimeNs(config_.revoked_tokens_file) != revocations_mtime_ns_) {
      // A list that cannot be read keeps the last good one (and says so):
      // failing open would un-revoke, failing closed would lock everyone out.
      if (absl::Status reloaded = ReloadRevocations(); !reloaded.ok()) {
        LogError(std::string(reloaded.message()));
      }
    }
  }
  return revoked_.contains(token_id);
}

absl::Status Gatekeeper::ReloadRevocations() const {
  const int64_t mtime = ModificationTimeNs(config_.revoked_tokens_file);
  std::ifstream in(config_.revoked_tokens_file);
  if (mtime < 0 || !in) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the revoked tokens file ", config_.revoked_tokens_file));
  }
  std::set<std::string> revoked;
  for (std::string line; std::getline(in, line);) {
    absl::string_view id = line;
    id = absl::StripAsciiWhitespace(id.substr(0, id.find('#')));
    if (!id.empty()) revoked.emplace(id);
  }
  revoked_ = std::move(revoked);
  revocations_mtime_ns_ = mtime;
  return absl::OkStatus();
}

bool Gatekeeper::TakeToken(const std::string& principal_id) const {
  if (config_.calls_per_second <= 0) return true;
  const absl::Time now = absl::Now();
  const double burst = std::max(1, config_.burst);
  std::lock_guard lock(rate_mu_);
  if (buckets_.size() >= kMaxBuckets) buckets_.clear();
  auto [it, inserted] = buckets_.try_emplace(principal_id, Bucket{burst, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(burst, bucket.tokens + absl::ToDoubleSeconds(now - bucket.refilled) *
                                                      config_.calls_per_second);
  bucket.refilled = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

}  // namespace zs
