// zsctl's profiles: named sections of an INI file (~/.config/zsctl/config.ini
// or $ZSCTL_CONFIG), each saying where the central services are, how to
// prove who we are and which office we work for. Environment variables and
// command-line flags override a profile's values, in that order.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace zs::client {

struct Profile {
  std::string name = "default";
  // One address for every service (an ingress routing by gRPC service) or,
  // where set, one per service.
  std::string endpoint;
  std::string lead_endpoint, project_endpoint, supervision_endpoint, reporting_endpoint;
  std::string token_file;     // bearer token from `zsctl admin issue-token`
  std::string tls_ca_file;    // empty with plaintext = true: loopback development
  std::string tls_cert_file;  // client certificate for mutual TLS
  std::string tls_key_file;
  bool plaintext = false;
  // Development only (services started with --allow_plaintext and no token
  // key): who to claim to be through x-zs-* metadata instead of a token.
  std::string dev_principal, dev_role, dev_unit;
  std::string office;                          // default office_code for what this profile creates
  absl::Duration timeout = absl::Seconds(10);  // per attempt
  int retries = 4;
  std::string state_dir;  // offline journal and import progress
  // Queue a change that cannot get through (services unreachable or too
  // slow) without being asked to with --queue: for offices whose link is
  // often down.
  bool queue_when_offline = false;

  // The address for `service` (lead, project, supervision, reporting).
  std::string EndpointFor(const std::string& service) const;
};

// $ZSCTL_CONFIG, else $XDG_CONFIG_HOME/zsctl/config.ini, else ~/.config/...
std::string DefaultConfigPath();

// Reads profile `requested` from `config_path` (a missing file is fine for
// the "default" profile, which then comes from the environment alone) and
// applies ZSCTL_* environment overrides. An empty `requested` is the file's
// current profile (`zsctl config use`), else "default". NOT_FOUND for an
// unknown profile, INVALID_ARGUMENT for a malformed file.
absl::StatusOr<Profile> LoadProfile(const std::string& config_path, const std::string& requested);

// The profile `zsctl config use` chose (`current_profile = NAME` before the
// first section of the file), or empty.
std::string CurrentProfile(const std::string& config_path);

// Makes `name` the current profile, editing the file in place (its
// comments stay). NOT_FOUND when the file has no such profile.
absl::Status UseProfile(const std::string& config_path, const std::string& name);

// The commented example `zsctl config init` writes.
std::string ExampleConfig();

}  // namespace zs::client
