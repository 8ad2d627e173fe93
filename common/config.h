// Configuration: every flag takes its default from an environment variable
// (12-factor), so Kubernetes sets them through env; secrets are read from
// files named by flags, never passed as values.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs {

std::string EnvOr(const char* name, absl::string_view fallback);
int EnvOr(const char* name, int fallback);

// The contents of a secret file with trailing whitespace removed.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path);

}  // namespace zs
