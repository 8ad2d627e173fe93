// `zsctl config init|show|use`: the profiles file, the profile in effect
// after environment overrides, and the one used without --profile.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "client/cli.h"

namespace zs::client {
namespace {

std::string ConfigPath(const GlobalOptions& options) {
  return options.config.empty() ? DefaultConfigPath() : options.config;
}

int ConfigInit(const GlobalOptions& options, bool force) {
  const std::string path = ConfigPath(options);
  if (std::filesystem::exists(path) && !force) {
    std::cerr << "zsctl: " << path << " exists; --force overwrites it\n";
    return kExitConflict;
  }
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  std::ofstream out(path, std::ios::trunc);
  out << ExampleConfig();
  if (!out) return Fail(absl::UnavailableError("cannot write " + path));
  std::cout << "wrote " << path << ": edit its profiles, then zsctl config use NAME\n";
  return kExitOk;
}

int ConfigShow(const GlobalOptions& options) {
  absl::StatusOr<Profile> p = options.LoadSelectedProfile();
  if (!p.ok()) return FailConfiguration(p.status());
  std::vector<std::vector<std::string>> rows = {{"setting", "value"}};
  for (const char* service : {"lead", "project", "supervision", "reporting"}) {
    rows.push_back({absl::StrCat(service, " endpoint"), p->EndpointFor(service)});
  }
  rows.push_back({"token file", p->token_file});
  rows.push_back({"tls ca file", p->tls_ca_file});
  rows.push_back({"plaintext", p->plaintext ? "yes (loopback only)" : "no"});
  rows.push_back({"office", p->office});
  rows.push_back({"timeout per attempt", absl::FormatDuration(p->timeout)});
  rows.push_back({"retries", absl::StrCat(p->retries)});
  rows.push_back({"queue when offline", p->queue_when_offline ? "yes" : "no"});
  rows.push_back({"state dir", p->state_dir});
  std::cout << "profile " << p->name << "\n" << FormatTable(rows);
  return kExitOk;
}

int ConfigUse(const GlobalOptions& options, const std::string& name) {
  const std::string path = ConfigPath(options);
  if (absl::Status used = UseProfile(path, name); !used.ok()) return FailConfiguration(used);
  std::cout << "profile " << name << " is now used without --profile (" << path << ")\n";
  return kExitOk;
}

}  // namespace

void AddConfigCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* config = app.add_subcommand("config", "profiles");
  config->require_subcommand(1);
  auto force = std::make_shared<bool>(false);
  CLI::App* init = config->add_subcommand("init", "write a commented example config file");
  init->add_flag("--force", *force, "overwrite an existing file");
  init->callback([force, &options] { g_exit_code = ConfigInit(options, *force); });
  config->add_subcommand("show", "the selected profile after environment overrides")
      ->callback([&options] { g_exit_code = ConfigShow(options); });
  auto name = std::make_shared<std::string>();
  CLI::App* use = config->add_subcommand(
      "use", "use this profile from now on when --profile and ZSCTL_PROFILE are not given");
  use->add_option("name", *name, "a [profile NAME] of the config file")->required();
  use->callback([name, &options] { g_exit_code = ConfigUse(options, *name); });
}

}  // namespace zs::client
