// `zsctl admin issue-token` and `revoke-token`: the bureau's administrator
// signs a bearer token for a person, an office or a service with the
// token signing key (the private half; services hold only the public key),
// and revokes one by its id. `zsctl auth status`: who the profile's token
// names, and when it expires.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/cli.h"
#include "common/config.h"
#include "common/security/token.h"

namespace zs::client {
namespace {

struct IssueTokenOptions {
  std::string signing_key_file, principal, kind, unit, ttl = "720h", out;
};

struct RevokeTokenOptions {
  std::string revoked_file, token_id, note;
};

int IssueTokenCommand(const IssueTokenOptions& o) {
  absl::StatusOr<TokenSigner> signer = TokenSigner::FromFile(o.signing_key_file);
  if (!signer.ok()) {
    Fail(signer.status());
    return kExitUsage;
  }
  TokenClaims claims;
  claims.principal.id = o.principal;
  if (!ParsePrincipalKind(o.kind, &claims.principal.kind) ||
      claims.principal.kind == PrincipalKind::kAnonymous) {
    std::cerr << "zsctl: --kind: one of bureau_admin, bureau_staff, unit_staff, office_staff, "
                 "leader, service\n";
    return kExitUsage;
  }
  claims.principal.unit_code = o.unit;
  absl::Duration ttl;
  if (!absl::ParseDuration(o.ttl, &ttl) || ttl <= absl::ZeroDuration()) {
    std::cerr << "zsctl: --ttl: a duration such as 720h or 90m\n";
    return kExitUsage;
  }
  claims.token_id = NewTokenId();
  claims.issued_at = absl::Now();
  claims.expires_at = claims.issued_at + ttl;
  absl::StatusOr<std::string> token = signer->Issue(claims);
  if (!token.ok()) return Fail(token.status());
  if (o.out.empty()) {
    std::cout << *token << "\n";
  } else {
    // Only its owner may read a credential, also when it replaces another.
    std::ofstream file(o.out, std::ios::trunc);
    std::error_code error;
    std::filesystem::permissions(
        o.out, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, error);
    file << *token << "\n";
    file.flush();
    if (!file || error) return Fail(absl::UnavailableError("cannot write " + o.out));
  }
  std::cerr << "token id " << claims.token_id << " for " << o.principal << " (" << o.kind
            << (o.unit.empty() ? "" : ", " + o.unit) << "), expires "
            << absl::FormatTime(absl::RFC3339_sec, claims.expires_at, absl::UTCTimeZone())
            << ", key " << signer->public_key().kid << "\n";
  return kExitOk;
}

int RevokeTokenCommand(const RevokeTokenOptions& o) {
  std::ofstream file(o.revoked_file, std::ios::app);
  file << o.token_id << (o.note.empty() ? "" : "  # " + o.note) << "\n";
  if (!file) return Fail(absl::UnavailableError("cannot write " + o.revoked_file));
  std::cout << "revoked " << o.token_id << ": services reading " << o.revoked_file
            << " refuse it within a second\n";
  return kExitOk;
}

}  // namespace

void AddAdminCommands(CLI::App& app, GlobalOptions&) {
  CLI::App* admin = app.add_subcommand("admin", "credentials (bureau administrators)");
  admin->require_subcommand(1);

  auto issue = std::make_shared<IssueTokenOptions>();
  CLI::App* sub = admin->add_subcommand("issue-token", "sign a bearer token naming a principal");
  sub->add_option("--signing-key-file", issue->signing_key_file,
                  "the token signing key (EC P-256 private key, PEM)")
      ->required();
  sub->add_option("--principal", issue->principal, "who: a person's or service's id")->required();
  sub->add_option("--kind", issue->kind,
                  "bureau_admin|bureau_staff|unit_staff|office_staff|leader|service")
      ->required();
  sub->add_option("--unit", issue->unit, "the unit or office (unit and office staff)");
  sub->add_option("--ttl", issue->ttl, "how long it is valid, e.g. 720h (default)");
  sub->add_option("--out", issue->out, "write it to this file (mode 600) instead of stdout");
  sub->callback([issue] { g_exit_code = IssueTokenCommand(*issue); });

  auto revoke = std::make_shared<RevokeTokenOptions>();
  sub = admin->add_subcommand("revoke-token", "add a token id to the revocation list");
  sub->add_option("--revoked-file", revoke->revoked_file, "the services' --revoked_tokens_file")
      ->required();
  sub->add_option("--token-id", revoke->token_id, "the id issue-token printed")->required();
  sub->add_option("--note", revoke->note, "why, kept as a comment");
  sub->callback([revoke] { g_exit_code = RevokeTokenCommand(*revoke); });
}

}  // namespace zs::client
