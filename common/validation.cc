#include "common/validation.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "common/text.h"

namespace zs {
namespace {

// The years ValidateYear allows.
constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;

constexpr absl::string_view kCreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditCodeWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                    29, 25, 13, 8,  24, 10, 30, 28};

// Decodes one UTF-8 code point at `i`, advancing it; -1 on malformed input.
int32_t NextCodePoint(absl::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return -1;
  int32_t cp = len == 1 ? b0 : b0 & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    const uint8_t b = byte(i + k);
    if ((b >> 6) != 0x2) return -1;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr std::array<int32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

}  // namespace

char CreditCodeCheckCharacter(absl::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t value = kCreditCodeAlphabet.find(first17[i]);
    if (value == absl::string_view::npos) return '\0';
    sum += static_cast<int>(value) * kCreditCodeWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kCreditCodeAlphabet[check];
}

absl::Status ValidateCreditCode(absl::string_view field, absl::string_view code) {
  if (code.size() != 18) {
    return InvalidField(field, absl::StrCat("must be 18 characters, got ", code.size()));
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (kCreditCodeAlphabet.find(code[i]) == absl::string_view::npos) {
      return InvalidField(field, absl::StrFormat("character %d '%c' is not allowed (use 0-9 "
                                                 "and A-Z without I, O, S, V, Z)",
                                                 i + 1, code[i]));
    }
  }
  const char expected = CreditCodeCheckCharacter(code.substr(0, 17));
  if (code[17] != expected) {
    return InvalidField(field, "check character mismatch");
  }
  return absl::OkStatus();
}

absl::Status ValidateDate(absl::string_view field, absl::string_view date) {
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day) || FormatDate(day) != date) {
    return InvalidField(field, "must be a date written YYYY-MM-DD");
  }
  if (day.year() < 1900 || day.year() > 2200) {
    return InvalidField(field, "year must be between 1900 and 2200");
  }
  return absl::OkStatus();
}

absl::Status ValidateYear(absl::string_view field, int year) {
  if (year < kMinYear || year > kMaxYear) {
    return InvalidField(field, absl::StrCat("must be between ", kMinYear, " and ", kMaxYear));
  }
  return absl::OkStatus();
}

absl::Status ValidateOptionalYear(absl::string_view field, int year) {
  if (year == 0 || ValidateYear(field, year).ok()) return absl::OkStatus();
  return InvalidField(field,
                      absl::StrCat("must be between ", kMinYear, " and ", kMaxYear, " (0: any)"));
}

absl::CivilDay ParseDateOrDie(absl::string_view date) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(date, &day)) std::abort();
  return day;
}

std::string FormatDate(absl::CivilDay day) { return absl::FormatCivilTime(day); }

absl::Status ValidateMoney(absl::string_view field, int64_t wan_yuan) {
  if (wan_yuan < 0) return InvalidField(field, "must not be negative");
  if (wan_yuan > 1'000'000'000) {
    return InvalidField(field, "is implausibly large (over 10^9 万元)");
  }
  return absl::OkStatus();
}

int64_t Utf8Length(absl::string_view text) {
  int64_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    if (NextCodePoint(text, i) < 0) return -1;
  }
  return count;
}

absl::Status ValidateOptionalText(absl::string_view field, absl::string_view text,
                                  size_t max_chars) {
  const int64_t length = Utf8Length(text);
  if (length < 0) return InvalidField(field, "is not valid UTF-8");
  if (static_cast<size_t>(length) > max_chars) {
    return InvalidField(field, absl::StrCat("is longer than ", max_chars, " characters"));
  }
  return absl::OkStatus();
}

absl::Status ValidateRequiredText(absl::string_view field, absl::string_view text,
                                  size_t max_chars) {
  ZS_RETURN_IF_ERROR(ValidateOptionalText(field, text, max_chars));
  if (!HasText(text)) {
    return InvalidField(field, "is required: write at least one letter, digit or character");
  }
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.empty()) {
    return InvalidField("request_id",
                        "is required: send a client-generated unique id (e.g. "
                        "a UUID) and reuse it when retrying");
  }
  if (request_id.size() > 64) {
    return InvalidField("request_id", "is longer than 64 characters");
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7E) {
      return InvalidField("request_id", "must be printable ASCII");
    }
  }
  return absl::OkStatus();
}

namespace {

absl::Status CheckText(const std::string& path, absl::string_view text) {
  if (text.find('\0') != absl::string_view::npos) {
    return InvalidField(path, "contains a NUL character");
  }
  if (Utf8Length(text) < 0) return InvalidField(path, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::Status CheckStrings(const google::protobuf::Message& message, const std::string& prefix) {
  using google::protobuf::FieldDescriptor;
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path =
        prefix.empty() ? field->name() : absl::StrCat(prefix, ".", field->name());
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          ZS_RETURN_IF_ERROR(CheckText(path, reflection->GetRepeatedString(message, field, i)));
        }
      } else {
        ZS_RETURN_IF_ERROR(CheckText(path, reflection->GetString(message, field)));
      }
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (field->is_map()) continue;  // maps hold numbers and doubles here
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          ZS_RETURN_IF_ERROR(CheckStrings(reflection->GetRepeatedMessage(message, field, i), path));
        }
      } else {
        ZS_RETURN_IF_ERROR(CheckStrings(reflection->GetMessage(message, field), path));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRequestStrings(const google::protobuf::Message& request) {
  return CheckStrings(request, "");
}

}  // namespace zs
