// The rules of signing in without a server: user names, the password
// policy (each rule names the field and never echoes the password), and
// how failures lock an account for a growing while.
#include "services/identity/sign_in_rules.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "services/identity/password_hash.h"

namespace zs::identity {
namespace {

TEST(SignInRules, UserNames) {
  EXPECT_TRUE(CheckUserName("u", "zhang.wei").ok());
  EXPECT_TRUE(CheckUserName("u", "fujian-chen_2").ok());
  for (const char* bad : {"", "ab", "Zhang", "9lives", "zhang wei", "张伟", "a/b",
                          "abcdefghijklmnopqrstuvwxyz0123456"}) {
    const absl::Status status = CheckUserName("account.user_name", bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ErrorField(status), "account.user_name") << bad;
  }
}

TEST(SignInRules, PasswordPolicy) {
  EXPECT_TRUE(CheckPasswordPolicy("p", "Correct-Horse-7", "zhang.wei").ok());
  EXPECT_TRUE(CheckPasswordPolicy("p", "招商引资项目落地见效2026年上半年", "zhang.wei").ok())
      << "a pass phrase of 16 or more: two kinds (non-ASCII counts as other) suffice";
  EXPECT_FALSE(CheckPasswordPolicy("p", "招商引资2026年", "zhang.wei").ok())
      << "shorter: three kinds";
  struct Case {
    const char* password;
    const char* says;
  };
  for (const Case& c :
       {Case{"Short-1a", "shorter than 10"}, Case{"alllowercaseletters", "at least two"},
        Case{"lowercase1", "at least three"}, Case{"ALLUPPER1234", "at least three"},
        Case{"Zhang.Wei-2026!", "user name"}, Case{"Password123", "commonly used"},
        Case{"", "required"}}) {
    const absl::Status status = CheckPasswordPolicy("new_password", c.password, "zhang.wei");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.password;
    EXPECT_EQ(ErrorField(status), "new_password");
    EXPECT_NE(status.message().find(c.says), absl::string_view::npos) << status.message();
    if (*c.password != '\0') {
      EXPECT_EQ(status.message().find(c.password), absl::string_view::npos)
          << "the password is echoed";
    }
  }
  EXPECT_EQ(CheckPasswordPolicy("p", std::string(129, 'a') + "A1", "x").code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SignInRules, FiveFailuresLockForAGrowingWhile) {
  const absl::Time t0 = absl::FromUnixSeconds(1'780'000'000);
  Throttle throttle;
  for (int i = 0; i < 4; ++i) {
    throttle = AfterFailure(throttle, t0 + absl::Minutes(i));
    EXPECT_FALSE(IsLocked(throttle, t0 + absl::Minutes(i))) << i;
  }
  throttle = AfterFailure(throttle, t0 + absl::Minutes(4));
  EXPECT_TRUE(IsLocked(throttle, t0 + absl::Minutes(4)));
  EXPECT_EQ(throttle.locked_until, t0 + absl::Minutes(5)) << "the first lock is a minute";
  EXPECT_FALSE(IsLocked(throttle, t0 + absl::Minutes(5)));
  throttle = AfterFailure(throttle, t0 + absl::Minutes(6));
  EXPECT_EQ(throttle.locked_until, t0 + absl::Minutes(8)) << "then two";
  throttle = AfterFailure(throttle, t0 + absl::Minutes(30));
  EXPECT_EQ(throttle.locked_until, t0 + absl::Minutes(34))
      << "then four: the count does not fade once locked";
  for (int i = 0; i < 10; ++i) throttle = AfterFailure(throttle, t0 + absl::Hours(10 + i));
  EXPECT_EQ(throttle.locked_until - (t0 + absl::Hours(19)), kLongestLockout) << "capped";
}

TEST(SignInRules, FailuresOutsideTheWindowAreForgiven) {
  const absl::Time t0 = absl::FromUnixSeconds(1'780'000'000);
  Throttle throttle;
  for (int i = 0; i < 4; ++i) throttle = AfterFailure(throttle, t0 + absl::Minutes(i));
  throttle = AfterFailure(throttle, t0 + absl::Minutes(20));
  EXPECT_EQ(throttle.failures, 1) << "a new window";
  EXPECT_FALSE(IsLocked(throttle, t0 + absl::Minutes(20)));
}

TEST(SignInRules, ASessionCountsUntilEndedOrExpired) {
  EXPECT_TRUE(CheckSessionLive(false, false).ok());
  const absl::Status ended = CheckSessionLive(true, false);
  EXPECT_EQ(ended.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ErrorReason(ended), "SESSION_REVOKED");
  EXPECT_NE(ended.message().find("sign in again"), std::string::npos) << ended;
  const absl::Status expired = CheckSessionLive(false, true);
  EXPECT_EQ(expired.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(ErrorReason(expired), "SESSION_EXPIRED");
  EXPECT_EQ(ErrorReason(CheckSessionLive(true, true)), "SESSION_REVOKED");  // ended first
}

TEST(PasswordHash, Argon2idRoundTrip) {
  absl::StatusOr<std::string> hash = HashPassword("Correct-Horse-7");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_EQ(hash->find("Correct-Horse-7"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "Correct-Horse-7"));
  EXPECT_FALSE(VerifyPassword(*hash, "Correct-Horse-8"));
  EXPECT_FALSE(VerifyPassword("not a hash", "Correct-Horse-7"));
  EXPECT_NE(*HashPassword("Correct-Horse-7"), *hash) << "salted";
}

}  // namespace
}  // namespace zs::identity
