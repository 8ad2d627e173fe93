// Opaque keyset page tokens (AIP-158). A token remembers where the previous
// page ended (the last id in the list's order) and a fingerprint of the
// filters it was issued for, so a token cannot be replayed against another
// query. Lists order by id descending (newest first).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs {

inline constexpr int32_t kDefaultPageSize = 50;
inline constexpr int32_t kMaxPageSize = 500;

struct PageRequest {
  int32_t limit = kDefaultPageSize;
  // Rows must have id < after_id; unset on the first page.
  std::optional<int64_t> after_id;
};

// Validates page_size (negative → INVALID_ARGUMENT, 0 → default, too large →
// clamped) and decodes the token against `filter_fingerprint` (any string
// that is equal for equal filters, e.g. the request with paging fields cleared).
absl::StatusOr<PageRequest> ParsePageRequest(int32_t page_size, absl::string_view page_token,
                                             absl::string_view filter_fingerprint);

// What any list request can be checked for without knowing its filters:
// page_size not negative, page_token empty or in the form this suite issues.
absl::Status ValidatePageFields(int32_t page_size, absl::string_view page_token);

std::string MakePageToken(int64_t last_id, absl::string_view filter_fingerprint);

}  // namespace zs
