#include "common/page_token.h"

#include <gtest/gtest.h>

namespace zs {
namespace {

TEST(PageRequest, SizeDefaultsClampsAndRejectsNegative) {
  EXPECT_EQ(ParsePageRequest(0, "", "f")->limit, kDefaultPageSize);
  EXPECT_EQ(ParsePageRequest(10'000, "", "f")->limit, kMaxPageSize);
  EXPECT_EQ(ParsePageRequest(37, "", "f")->limit, 37);
  EXPECT_EQ(ParsePageRequest(-1, "", "f").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageToken, RoundTripsForTheSameFilters) {
  const std::string token = MakePageToken(1234, "filters-a");
  absl::StatusOr<PageRequest> page = ParsePageRequest(50, token, "filters-a");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->after_id, 1234);
  // Opaque: the id is not readable as plain text in the token.
  EXPECT_EQ(token.find("1234"), std::string::npos);
}

TEST(PageToken, RejectsOtherFiltersAndGarbage) {
  const std::string token = MakePageToken(99, "filters-a");
  EXPECT_EQ(ParsePageRequest(50, token, "filters-b").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePageRequest(50, "not a token!", "filters-a").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParsePageRequest(50, "cDEuYWJjLnh5eg", "filters-a").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace zs
