#include "common/text.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/validation.h"

namespace zs {
namespace {

TEST(HasText, LettersDigitsAndIdeographsCount) {
  EXPECT_TRUE(HasText("美的物流园"));
  EXPECT_TRUE(HasText("a"));
  EXPECT_TRUE(HasText("7"));
  EXPECT_TRUE(HasText("\u3000曙光\u3000"));
  EXPECT_TRUE(HasText("Ⅻ"));  // a letter-number
}

TEST(HasText, BlanksInvisiblesAndPunctuationDoNot) {
  EXPECT_FALSE(HasText(""));
  EXPECT_FALSE(HasText("   \t\n"));
  EXPECT_FALSE(HasText("\u3000\u3000"));        // ideographic spaces
  EXPECT_FALSE(HasText("\u00a0\u00a0"));        // no-break spaces
  EXPECT_FALSE(HasText("\u200b\u200c\u200d"));  // zero-width space and joiners
  EXPECT_FALSE(HasText("\ufeff"));              // byte-order mark
  EXPECT_FALSE(HasText("\u2060\u180e\u00ad"));  // word joiner, Mongolian vowel sep, soft hyphen
  EXPECT_FALSE(HasText("。、——（）〔〕"));      // punctuation only
  EXPECT_FALSE(HasText("\xff\xfe"));            // not UTF-8
}

TEST(TrimText, StripsWhitespaceAndInvisiblesAtBothEnds) {
  EXPECT_EQ(TrimText("\u3000\u00a0\ufeff曙光 健士\u200b \t"), "曙光 健士");
  EXPECT_EQ(TrimText("  abc  "), "abc");
  EXPECT_EQ(TrimText("\u200b\u3000"), "");
  // Inner spaces are text's own business.
  EXPECT_EQ(TrimText("a\u3000b"), "a\u3000b");
}

TEST(RequiredText, RefusesTextWithoutLettersDigitsOrIdeographs) {
  for (const char* blank : {"\u3000", "\u00a0\u200b", "\ufeff", " \u3000 ", "…"}) {
    absl::Status status = ValidateRequiredText("follow_up.content", blank, 100);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << blank;
    EXPECT_EQ(ErrorField(status), "follow_up.content");
  }
  EXPECT_TRUE(ValidateRequiredText("t", "\u3000已电话联系\u3000", 100).ok());
  // The limit counts the text as given.
  EXPECT_FALSE(ValidateRequiredText("t", "美的物流园区", 5).ok());
}

}  // namespace
}  // namespace zs
