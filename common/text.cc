#include "common/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace zs {

bool IsBlankCodePoint(int32_t c) {
  return u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_iscntrl(c);
}

bool HasText(absl::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  bool found = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;  // malformed UTF-8 says nothing we can read
    if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) ||
        u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_N_MASK) {
      found = true;
    }
  }
  return found;
}

std::string TrimText(absl::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t begin = 0;
  while (begin < length) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, length, c);
    if (c < 0) return std::string(text);
    if (!IsBlankCodePoint(c)) break;
    begin = next;
  }
  int32_t end = length;
  while (end > begin) {
    int32_t previous = end;
    UChar32 c;
    U8_PREV(s, 0, previous, c);
    if (c < 0) return std::string(text);
    if (!IsBlankCodePoint(c)) break;
    end = previous;
  }
  return std::string(text.substr(begin, end - begin));
}

}  // namespace zs
