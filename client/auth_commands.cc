// `zsctl auth status`: who the selected profile's bearer token names (or a
// token file given directly), its kind, unit and expiry, so an office sees
// in time that its token needs renewing. It reads the token's claims
// without the services' keys; `--public-keys-file` also checks the
// signature against them.
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/cli.h"
#include "common/config.h"
#include "common/security/token.h"

namespace zs::client {
namespace {

// A token this close to its expiry is reported as about to expire.
constexpr absl::Duration kExpiryWarning = absl::Hours(24 * 7);

struct AuthStatusOptions {
  std::string token_file, public_keys_file;
};

std::string When(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S CST", time, absl::FixedTimeZone(8 * 3600));
}

int AuthStatusCommand(const GlobalOptions& options, const AuthStatusOptions& o) {
  std::string path = o.token_file;
  if (path.empty()) {
    absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
    if (!profile.ok()) {
      Fail(profile.status());
      return kExitUsage;
    }
    path = profile->token_file;
  }
  if (path.empty()) {
    std::cerr << "zsctl: the profile names no token_file (and --token-file is not set)\n";
    return kExitUsage;
  }
  absl::StatusOr<std::string> token = ReadSecretFile(path);
  if (!token.ok()) {
    Fail(token.status());
    return kExitUsage;
  }
  absl::StatusOr<TokenClaims> claims = ReadUnverifiedClaims(absl::StripAsciiWhitespace(*token));
  if (!claims.ok()) return Fail(claims.status());
  std::string signature = "not checked (no --public-keys-file)";
  if (!o.public_keys_file.empty()) {
    absl::StatusOr<TokenVerifier> verifier = TokenVerifier::FromFile(o.public_keys_file);
    if (!verifier.ok()) {
      Fail(verifier.status());
      return kExitUsage;
    }
    // Checked as at its issue, so an expired token still shows whose it is.
    absl::StatusOr<TokenClaims> verified =
        verifier->Verify(absl::StripAsciiWhitespace(*token), claims->issued_at);
    signature = verified.ok() ? "valid" : "NOT VALID for these keys";
  }
  const absl::Time now = absl::Now();
  const Principal& who = claims->principal;
  std::cout << "principal: " << who.id << "\n"
            << "kind:      " << PrincipalKindName(who.kind) << "\n"
            << "unit:      " << (who.unit_code.empty() ? "-" : who.unit_code) << "\n"
            << "token id:  " << claims->token_id << "\n"
            << "issued:    " << When(claims->issued_at) << "\n"
            << "expires:   " << When(claims->expires_at) << "\n"
            << "signature: " << signature << "\n";
  if (claims->expires_at <= now) {
    std::cout << "status:    EXPIRED: ask the bureau's administrator for a new token\n";
    return kExitPermission;
  }
  const absl::Duration left = claims->expires_at - now;
  const int64_t days = absl::ToInt64Hours(left) / 24;
  std::cout << "status:    valid for " << days << " days " << absl::ToInt64Hours(left) % 24
            << " hours\n";
  if (left < kExpiryWarning) {
    std::cerr << "zsctl: warning: the token expires within a week (" << When(claims->expires_at)
              << "): ask the bureau's administrator for a new one\n";
  }
  return signature.starts_with("NOT") ? kExitPermission : kExitOk;
}

}  // namespace

void AddAuthCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* auth = app.add_subcommand("auth", "the bearer token this client uses");
  auth->require_subcommand(1);
  auto status = std::make_shared<AuthStatusOptions>();
  CLI::App* sub = auth->add_subcommand(
      "status", "who the token is, its kind, unit and expiry (warns a week before)");
  sub->add_option("--token-file", status->token_file, "a token file instead of the profile's");
  sub->add_option("--public-keys-file", status->public_keys_file,
                  "also check the signature against these public keys (PEM)");
  sub->callback([&options, status] { g_exit_code = AuthStatusCommand(options, *status); });
}

}  // namespace zs::client
