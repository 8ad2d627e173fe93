// Etags (AIP-154) derive from a row's version counter, which every update
// increments in the same statement that changes the row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace zs {

std::string FormatEtag(int64_t version);
// OK when `etag` names `current_version`; INVALID_ARGUMENT when missing or
// malformed, naming `field` (the request's path: "etag" for a custom verb's
// top-level etag; empty: "<resource>.etag", an update's resource); ABORTED
// when stale.
absl::Status CheckEtag(absl::string_view resource, int64_t id, absl::string_view etag,
                       int64_t current_version, absl::string_view field = "");

}  // namespace zs
