// The identity service process: wiring only (see common/service_main.h).
// Beyond the shared flags it holds the one private key that signs people's
// access tokens.
#include "absl/flags/flag.h"
#include "common/config.h"
#include "common/db_flags.h"
#include "common/logging.h"
#include "common/service_main.h"
#include "services/identity/identity_service.h"

ABSL_FLAG(std::string, token_signing_key_file, zs::EnvOr("ZS_TOKEN_SIGNING_KEY_FILE", ""),
          "EC P-256 private key (PEM) access tokens are signed with; only this service and "
          "zsctl admin issue-token hold one (env ZS_TOKEN_SIGNING_KEY_FILE)");
ABSL_FLAG(int, access_token_minutes, zs::EnvOr("ZS_ACCESS_TOKEN_MINUTES", 10),
          "how long an access token lives (env ZS_ACCESS_TOKEN_MINUTES)");
ABSL_FLAG(int, session_hours, zs::EnvOr("ZS_SESSION_HOURS", 12),
          "how long a sign-in session lives at most (env ZS_SESSION_HOURS)");
ABSL_FLAG(bool, allow_demo_accounts, zs::EnvOr("ZS_ALLOW_DEMO_ACCOUNTS", 0) != 0,
          "CreateAccount may make demo accounts that keep their printed password (no change "
          "at the first sign-in): ./zs run and test suites only, never production "
          "(env ZS_ALLOW_DEMO_ACCOUNTS)");

namespace zs::identity {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::identity

int main(int argc, char** argv) {
  std::unique_ptr<zs::TokenSigner> signer;
  return zs::RunServiceMain(
      {.name = "identity",
       .schema = "identity",
       .default_listen = "127.0.0.1:7105",
       .grpc_service = "zhaoshang.identity.v1.IdentityService",
       .migrations = &zs::identity::kMigrations,
       .database = zs::DatabaseSettingsFromFlags,
       .make_service = [&signer](const zs::ServiceEnv& env) -> std::unique_ptr<grpc::Service> {
         absl::StatusOr<zs::TokenSigner> loaded =
             zs::TokenSigner::FromFile(absl::GetFlag(FLAGS_token_signing_key_file));
         if (!loaded.ok()) {
           zs::LogError(absl::StrCat("--token_signing_key_file: ", loaded.status().message()));
           std::exit(2);
         }
         signer = std::make_unique<zs::TokenSigner>(*std::move(loaded));
         // Published: the signing key and every other key services trust
         // (the one being rotated out, or in).
         std::vector<zs::TokenPublicKey> published = {signer->public_key()};
         for (const zs::TokenPublicKey& key : env.gatekeeper.token_verifier().keys()) {
           if (key.kid != signer->public_key().kid) published.push_back(key);
         }
         return std::make_unique<zs::identity::IdentityServiceImpl>(
             env.pool, env.directory, env.max_call_time, env.gatekeeper, *signer,
             std::move(published),
             zs::identity::SessionSettings{
                 .access_token_ttl = absl::Minutes(absl::GetFlag(FLAGS_access_token_minutes)),
                 .session_ttl = absl::Hours(absl::GetFlag(FLAGS_session_hours)),
                 .allow_demo_accounts = absl::GetFlag(FLAGS_allow_demo_accounts)});
       }},
      argc, argv);
}
