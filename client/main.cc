// zsctl: the remote offices' and scripts' client for the central services.
// See README.md ("The office client") and `zsctl --help`.
#include <clocale>
#include <cstdlib>
#include <iostream>

#include "client/cli.h"
#include "client/completion.h"
#include "client/suggest.h"
#include "client/version.h"

int main(int argc, char** argv) {
  using namespace zs::client;
  // Display widths of Chinese text need a UTF-8 character type.
  std::setlocale(LC_CTYPE, "C.UTF-8");
  GlobalOptions options;
  if (const char* profile = std::getenv("ZSCTL_PROFILE"); profile != nullptr && *profile) {
    options.profile = profile;
  }
  CLI::App app{
      "zsctl: the Zhaoshang client for remote offices, bureau staff and scripts.\n\n"
      "Exit codes: 0 ok, 1 other failure, 2 usage or configuration, 3 not found,\n"
      "4 unauthenticated or permission denied, 5 services unavailable (after retries),\n"
      "6 conflict (exists, stale etag, precondition), 7 invalid value.",
      "zsctl"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.add_option("--profile,-p", options.profile, "profile to use (env ZSCTL_PROFILE)");
  app.add_option("--config", options.config, "config file (env ZSCTL_CONFIG)");
  app.add_option("--output,-o", options.output,
                 "table, json, csv (Excel-safe, UTF-8 with BOM) or xlsx (to a file)")
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  app.add_option("--columns", options.columns, "columns of a list, e.g. id,title,status")
      ->delimiter(',');
  app.add_option("--timeout", options.timeout_seconds, "seconds per attempt");
  app.add_option("--retries", options.retries, "retries of a call that could not get through");
  app.add_flag("--quiet,-q", options.quiet, "no progress or retry messages");
  app.set_version_flag("--version", VersionText(), "print zsctl's and its contracts' versions");

  AddMethodCommands(app, options);
  AddImportCommands(app, options);
  AddOfflineCommands(app, options);
  AddAdminCommands(app, options);
  AddAuthCommands(app, options);
  AddConfigCommands(app, options);
  AddCompletionCommand(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (const std::string unknown = UnknownCommandMessage(app, argc, argv); !unknown.empty()) {
      std::cerr << unknown;
      return kExitUsage;
    }
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return g_exit_code;
}
