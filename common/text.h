// Text as a person reads it, by Unicode's rules (ICU): whether a string says
// anything at all, and what is left once its edges are trimmed. Every
// service's required text fields and the enterprise-name key use these, so
// "blank" means the same everywhere: full-width (U+3000), no-break and
// zero-width spaces, byte-order marks and other invisible characters are
// blank; punctuation alone is not text either.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace zs {

// True when `text` is valid UTF-8 holding at least one letter, digit (any
// script; letter-numbers such as Ⅻ included) or ideograph.
bool HasText(absl::string_view text);

// `text` without the blank characters at either end: white space of any
// kind (Unicode White_Space), format characters (Cf: zero-width space and
// joiners, byte-order mark, word joiner …), other default-ignorable code
// points and control characters. Inner characters are kept. Malformed UTF-8
// is returned unchanged (validation refuses it separately).
std::string TrimText(absl::string_view text);

// True for a code point TrimText strips and HasText never counts.
bool IsBlankCodePoint(int32_t code_point);

}  // namespace zs
