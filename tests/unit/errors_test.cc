#include "common/errors.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace zs {
namespace {

absl::StatusOr<int> Parsed(int value) {
  if (value < 0) return InvalidField("page_size", "must not be negative");
  return value;
}

absl::StatusOr<std::unique_ptr<std::string>> Boxed(std::string text) {
  if (text.empty()) return absl::NotFoundError("nothing to box");
  return std::make_unique<std::string>(std::move(text));
}

// Two unwraps in one scope: each needs its own hidden temporary.
absl::StatusOr<int> Sum(int a, int b) {
  ZS_ASSIGN_OR_RETURN(int first, Parsed(a));
  ZS_ASSIGN_OR_RETURN(int second, Parsed(b));
  return first + second;
}

absl::Status AssignInto(int value, int* out) {
  ZS_ASSIGN_OR_RETURN(*out, Parsed(value));
  return absl::OkStatus();
}

absl::StatusOr<std::string> Unboxed(std::string text) {
  ZS_ASSIGN_OR_RETURN(std::unique_ptr<std::string> box, Boxed(std::move(text)));
  return *box;
}

TEST(AssignOrReturn, DeclaresTheValueWhenThereIsOne) {
  absl::StatusOr<int> sum = Sum(2, 3);
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(*sum, 5);
}

TEST(AssignOrReturn, ReturnsTheFirstErrorWithItsField) {
  absl::StatusOr<int> sum = Sum(2, -1);
  EXPECT_EQ(sum.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorField(sum.status()), "page_size");
}

TEST(AssignOrReturn, AssignsAnExistingLvalueAndLeavesItOnError) {
  int out = 7;
  EXPECT_TRUE(AssignInto(4, &out).ok());
  EXPECT_EQ(out, 4);
  EXPECT_EQ(AssignInto(-4, &out).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(out, 4);
}

TEST(AssignOrReturn, MovesAMoveOnlyValue) {
  EXPECT_EQ(Unboxed("招商").value(), "招商");
  EXPECT_EQ(Unboxed("").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace zs
