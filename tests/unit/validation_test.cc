#include "common/validation.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace zs {
namespace {

TEST(CreditCode, AcceptsPublishedCodes) {
  // Codes printed on real business licences.
  for (const char* code : {"91350100M000100Y43", "91110000600037341L", "91440300708461136T"}) {
    EXPECT_TRUE(ValidateCreditCode("code", code).ok()) << code;
  }
}

TEST(CreditCode, RejectsWrongCheckCharacter) {
  absl::Status status = ValidateCreditCode("enterprise.credit_code", "91350100M000100Y44");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "enterprise.credit_code: check character mismatch");
  EXPECT_EQ(ErrorField(status), "enterprise.credit_code");
}

TEST(CreditCode, RejectsWrongLengthAndForbiddenLetters) {
  EXPECT_EQ(ValidateCreditCode("c", "9135010").code(), absl::StatusCode::kInvalidArgument);
  // I, O, S, V and Z are not in the alphabet.
  absl::Status status = ValidateCreditCode("c", "91350100O000100Y43");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("character 9 'O'"), absl::string_view::npos);
}

TEST(CreditCode, CheckCharacterMatchesEveryPrefixItAccepts) {
  const std::string prefix = "91410000MA00000000";
  const char check = CreditCodeCheckCharacter(prefix.substr(0, 17));
  ASSERT_NE(check, '\0');
  EXPECT_TRUE(ValidateCreditCode("c", prefix.substr(0, 17) + check).ok());
}

TEST(Dates, AcceptOnlyRealCalendarDays) {
  EXPECT_TRUE(ValidateDate("d", "2026-06-30").ok());
  EXPECT_TRUE(ValidateDate("d", "2024-02-29").ok());
  EXPECT_FALSE(ValidateDate("d", "2026-02-29").ok());
  EXPECT_FALSE(ValidateDate("d", "2026-6-30").ok());
  EXPECT_FALSE(ValidateDate("d", "30/06/2026").ok());
  EXPECT_FALSE(ValidateDate("d", "").ok());
}

TEST(Years, From2000To2100NamingTheField) {
  EXPECT_TRUE(ValidateYear("year", 2000).ok());
  EXPECT_TRUE(ValidateYear("year", 2026).ok());
  EXPECT_TRUE(ValidateYear("year", 2100).ok());
  const absl::Status early = ValidateYear("targets.year", 1999);
  EXPECT_EQ(early.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(early), "targets.year");
  EXPECT_EQ(early.message(), "targets.year: must be between 2000 and 2100");
  EXPECT_FALSE(ValidateYear("year", 2101).ok());
  EXPECT_FALSE(ValidateYear("year", 0).ok());
}

TEST(Years, AFilterTakesZeroForAnyYear) {
  EXPECT_TRUE(ValidateOptionalYear("continuing_in_year", 0).ok());
  EXPECT_TRUE(ValidateOptionalYear("continuing_in_year", 2030).ok());
  const absl::Status late = ValidateOptionalYear("continuing_in_year", 2101);
  EXPECT_EQ(ErrorField(late), "continuing_in_year");
  EXPECT_EQ(late.message(), "continuing_in_year: must be between 2000 and 2100 (0: any)");
  EXPECT_FALSE(ValidateOptionalYear("continuing_in_year", -1).ok());
}

TEST(Money, NeverNegativeOrAbsurd) {
  EXPECT_TRUE(ValidateMoney("m", 0).ok());
  EXPECT_TRUE(ValidateMoney("m", 420000).ok());
  EXPECT_FALSE(ValidateMoney("m", -1).ok());
  EXPECT_FALSE(ValidateMoney("m", 2'000'000'000).ok());
}

TEST(Text, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length("美的物流园"), 5);
  EXPECT_TRUE(ValidateRequiredText("t", "美的物流园", 5).ok());
  EXPECT_FALSE(ValidateRequiredText("t", "美的物流园区", 5).ok());
  EXPECT_FALSE(ValidateRequiredText("t", "   ", 5).ok());
  EXPECT_FALSE(ValidateOptionalText("t", "\xff\xfe", 5).ok());
}

TEST(RequestId, RequiredPrintableAndShort) {
  EXPECT_TRUE(ValidateRequestId("3f2b-01").ok());
  EXPECT_FALSE(ValidateRequestId("").ok());
  EXPECT_FALSE(ValidateRequestId(std::string(65, 'a')).ok());
  EXPECT_FALSE(ValidateRequestId("has space").ok());
}

}  // namespace
}  // namespace zs
