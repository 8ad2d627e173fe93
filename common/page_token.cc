#include "common/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "common/sha256.h"

namespace zs {
namespace {

constexpr absl::string_view kVersion = "p1";

// A short digest keeps tokens small whatever the filters are.
std::string FilterDigest(absl::string_view filter_fingerprint) {
  return Sha256Hex(filter_fingerprint).substr(0, 16);
}

}  // namespace

std::string MakePageToken(int64_t last_id, absl::string_view filter_fingerprint) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kVersion, ".", FilterDigest(filter_fingerprint), ".", last_id));
}

namespace {

struct DecodedToken {
  std::string filter_digest;
  int64_t last_id = 0;
};

absl::StatusOr<DecodedToken> DecodeToken(absl::string_view page_token) {
  std::string raw;
  DecodedToken token;
  if (!absl::WebSafeBase64Unescape(page_token, &raw)) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(raw, '.');
  if (parts.size() != 3 || parts[0] != kVersion || !absl::SimpleAtoi(parts[2], &token.last_id)) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  token.filter_digest = std::string(parts[1]);
  return token;
}

}  // namespace

absl::Status ValidatePageFields(int32_t page_size, absl::string_view page_token) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (page_token.empty()) return absl::OkStatus();
  return DecodeToken(page_token).status();
}

absl::StatusOr<PageRequest> ParsePageRequest(int32_t page_size, absl::string_view page_token,
                                             absl::string_view filter_fingerprint) {
  ZS_RETURN_IF_ERROR(ValidatePageFields(page_size, page_token));
  PageRequest page;
  page.limit = page_size == 0 ? kDefaultPageSize : std::min(page_size, kMaxPageSize);
  if (page_token.empty()) return page;
  ZS_ASSIGN_OR_RETURN(DecodedToken token, DecodeToken(page_token));
  if (token.filter_digest != FilterDigest(filter_fingerprint)) {
    return InvalidField("page_token",
                        "was issued for different filters; start again "
                        "without a token");
  }
  page.after_id = token.last_id;
  return page;
}

}  // namespace zs
