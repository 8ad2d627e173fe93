#include "client/profile.h"

#include <INIReader.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace zs::client {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

std::string HomeDir() {
  std::string home = Env("HOME");
  return home.empty() ? "." : home;
}

// "~/x" → "$HOME/x", so profiles can name files portably.
std::string ExpandHome(const std::string& path) {
  if (path.rfind("~/", 0) == 0) return HomeDir() + path.substr(1);
  return path;
}

void Override(std::string& field, const char* variable) {
  if (std::string value = Env(variable); !value.empty()) field = value;
}

}  // namespace

std::string Profile::EndpointFor(const std::string& service) const {
  const std::string* specific = service == "lead"          ? &lead_endpoint
                                : service == "project"     ? &project_endpoint
                                : service == "supervision" ? &supervision_endpoint
                                : service == "reporting"   ? &reporting_endpoint
                                                           : nullptr;
  return specific != nullptr && !specific->empty() ? *specific : endpoint;
}

std::string DefaultConfigPath() {
  if (std::string path = Env("ZSCTL_CONFIG"); !path.empty()) return path;
  std::string base = Env("XDG_CONFIG_HOME");
  if (base.empty()) base = HomeDir() + "/.config";
  return base + "/zsctl/config.ini";
}

std::string CurrentProfile(const std::string& config_path) {
  if (!std::filesystem::exists(config_path)) return "";
  INIReader ini(config_path);
  return ini.ParseError() == 0 ? ini.Get("", "current_profile", "") : "";
}

absl::Status UseProfile(const std::string& config_path, const std::string& name) {
  INIReader ini(config_path);
  if (ini.ParseError() != 0) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", config_path, " (zsctl config init writes one)"));
  }
  if (!ini.HasSection("profile " + name)) {
    return absl::NotFoundError(absl::StrCat("no [profile ", name, "] in ", config_path));
  }
  // The line is replaced where it is, or put before the first section
  // (keys there belong to no profile); every other line stays as it was.
  std::ifstream in(config_path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const std::string setting = absl::StrCat("current_profile = ", name);
  bool replaced = false;
  size_t first_section = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    const absl::string_view line = absl::StripLeadingAsciiWhitespace(lines[i]);
    if (absl::StartsWith(line, "[")) {
      first_section = std::min(first_section, i);
    } else if (i < first_section && absl::StartsWith(line, "current_profile")) {
      lines[i] = setting;
      replaced = true;
    }
  }
  if (!replaced) {
    lines.insert(lines.begin() + first_section,
                 {"# The profile used without --profile (zsctl config use NAME).", setting, ""});
  }
  std::string edited;
  for (const std::string& line : lines) absl::StrAppend(&edited, line, "\n");
  const std::string temporary = config_path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << edited;
    if (!out.flush()) return absl::UnavailableError("cannot write " + temporary);
  }
  std::error_code error;
  std::filesystem::rename(temporary, config_path, error);
  if (error) return absl::UnavailableError("cannot replace " + config_path);
  return absl::OkStatus();
}

absl::StatusOr<Profile> LoadProfile(const std::string& config_path, const std::string& requested) {
  std::string name = requested.empty() ? CurrentProfile(config_path) : requested;
  if (name.empty()) name = "default";
  Profile profile;
  profile.name = name;
  const std::string section = "profile " + name;
  if (std::filesystem::exists(config_path)) {
    INIReader ini(config_path);
    if (ini.ParseError() != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(config_path, ": cannot parse line ", ini.ParseError()));
    }
    if (!ini.HasSection(section)) {
      if (name != "default") {
        return absl::NotFoundError(
            absl::StrCat("no [", section, "] in ", config_path, " (zsctl config init writes one)"));
      }
    } else {
      auto get = [&](const char* key) { return ini.Get(section, key, ""); };
      profile.endpoint = get("endpoint");
      profile.lead_endpoint = get("lead_endpoint");
      profile.project_endpoint = get("project_endpoint");
      profile.supervision_endpoint = get("supervision_endpoint");
      profile.reporting_endpoint = get("reporting_endpoint");
      profile.token_file = ExpandHome(get("token_file"));
      profile.tls_ca_file = ExpandHome(get("tls_ca_file"));
      profile.tls_cert_file = ExpandHome(get("tls_cert_file"));
      profile.tls_key_file = ExpandHome(get("tls_key_file"));
      profile.plaintext = ini.GetBoolean(section, "plaintext", false);
      profile.dev_principal = get("dev_principal");
      profile.dev_role = get("dev_role");
      profile.dev_unit = get("dev_unit");
      profile.office = get("office");
      profile.timeout = absl::Seconds(ini.GetReal(section, "timeout_seconds", 10));
      profile.retries = static_cast<int>(ini.GetInteger(section, "retries", 4));
      profile.state_dir = ExpandHome(get("state_dir"));
      profile.queue_when_offline = ini.GetBoolean(section, "queue_when_offline", false);
    }
  } else if (name != "default") {
    return absl::NotFoundError(
        absl::StrCat("no config file ", config_path, " (zsctl config init writes one)"));
  }
  // ZSCTL_ENDPOINT points every service at one address (a tunnel, a test
  // proxy), the profile's per-service endpoints included; ZSCTL_LEAD_ENDPOINT
  // and the like then move one service.
  if (!Env("ZSCTL_ENDPOINT").empty()) {
    profile.endpoint = Env("ZSCTL_ENDPOINT");
    profile.lead_endpoint.clear();
    profile.project_endpoint.clear();
    profile.supervision_endpoint.clear();
    profile.reporting_endpoint.clear();
  }
  Override(profile.lead_endpoint, "ZSCTL_LEAD_ENDPOINT");
  Override(profile.project_endpoint, "ZSCTL_PROJECT_ENDPOINT");
  Override(profile.supervision_endpoint, "ZSCTL_SUPERVISION_ENDPOINT");
  Override(profile.reporting_endpoint, "ZSCTL_REPORTING_ENDPOINT");
  Override(profile.token_file, "ZSCTL_TOKEN_FILE");
  Override(profile.tls_ca_file, "ZSCTL_TLS_CA_FILE");
  Override(profile.office, "ZSCTL_OFFICE");
  Override(profile.state_dir, "ZSCTL_STATE_DIR");
  if (std::string plaintext = absl::AsciiStrToLower(Env("ZSCTL_PLAINTEXT")); !plaintext.empty()) {
    profile.plaintext = plaintext == "1" || plaintext == "true" || plaintext == "yes";
  }
  if (profile.state_dir.empty()) {
    std::string base = Env("XDG_STATE_HOME");
    if (base.empty()) base = HomeDir() + "/.local/state";
    profile.state_dir = base + "/zsctl";
  }
  return profile;
}

std::string ExampleConfig() {
  return R"(# zsctl profiles: one [profile NAME] section each; choose with
# `zsctl --profile NAME ...`, ZSCTL_PROFILE, or once with `zsctl config use
# NAME` (written below as current_profile). Environment variables override
# a profile: ZSCTL_ENDPOINT (every service), ZSCTL_LEAD_ENDPOINT and the
# like (one service), ZSCTL_TOKEN_FILE, ZSCTL_TLS_CA_FILE, ZSCTL_OFFICE,
# ZSCTL_STATE_DIR, ZSCTL_PLAINTEXT.

[profile fujian]
# The central services: one address (the ingress routes by gRPC service) ...
endpoint = zs.example.gov.cn:443
# ... or one per service:
# lead_endpoint = zs-lead.example.gov.cn:443
# project_endpoint = zs-project.example.gov.cn:443
# supervision_endpoint = zs-supervision.example.gov.cn:443
# reporting_endpoint = zs-reporting.example.gov.cn:443

# The bearer token the bureau issued to you (zsctl admin issue-token).
token_file = ~/.config/zsctl/fujian.token
# The certificate authority that signed the services' certificates, and for
# mutual TLS this office's own certificate and key.
tls_ca_file = ~/.config/zsctl/ca.pem
# tls_cert_file = ~/.config/zsctl/fujian.pem
# tls_key_file = ~/.config/zsctl/fujian.key

# What this office creates is recorded as its own.
office = office-fujian
# Seconds each attempt may take, and how often a failed call is retried
# (with backoff, reusing the same request id so nothing is created twice).
timeout_seconds = 20
retries = 5
# Where queued offline changes and import progress are kept.
# state_dir = ~/.local/state/zsctl
# Queue a change for `zsctl sync` whenever the services are out of reach,
# without --queue on each command.
queue_when_offline = true

[profile yrd]
endpoint = zs.example.gov.cn:443
token_file = ~/.config/zsctl/yrd.token
tls_ca_file = ~/.config/zsctl/ca.pem
office = office-yrd

[profile chengdu]
endpoint = zs.example.gov.cn:443
token_file = ~/.config/zsctl/chengdu.token
tls_ca_file = ~/.config/zsctl/ca.pem
office = office-chengdu

# A developer's machine running ./zs run: plaintext on loopback, one port per
# service, and an identity claimed through metadata (no token key there).
[profile local]
lead_endpoint = 127.0.0.1:7101
project_endpoint = 127.0.0.1:7102
supervision_endpoint = 127.0.0.1:7103
reporting_endpoint = 127.0.0.1:7104
plaintext = true
dev_principal = dev-admin
dev_role = bureau_admin
)";
}

}  // namespace zs::client
