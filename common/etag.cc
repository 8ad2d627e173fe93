#include "common/etag.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "common/errors.h"

namespace zs {

std::string FormatEtag(int64_t version) { return absl::StrCat("\"v", version, "\""); }

absl::Status CheckEtag(absl::string_view resource, int64_t id, absl::string_view etag,
                       int64_t current_version, absl::string_view field) {
  const std::string path = field.empty() ? absl::StrCat(resource, ".etag") : std::string(field);
  absl::string_view digits = etag;
  int64_t version = 0;
  if (etag.empty()) {
    return InvalidField(path,
                        "is required: send the etag you read, so concurrent "
                        "changes are not overwritten");
  }
  if (!absl::ConsumePrefix(&digits, "\"v") || !absl::ConsumeSuffix(&digits, "\"") ||
      !absl::SimpleAtoi(digits, &version)) {
    return InvalidField(path, "is not an etag this service issued");
  }
  if (version != current_version) return StaleEtag(resource, id);
  return absl::OkStatus();
}

}  // namespace zs
