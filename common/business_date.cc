#include "common/business_date.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs {

absl::Status ValidateBusinessDate(absl::string_view field, absl::string_view date,
                                  absl::CivilDay today, const std::optional<DateFloor>& floor) {
  ZS_RETURN_IF_ERROR(ValidateDate(field, date));
  const absl::CivilDay day = ParseDateOrDie(date);
  if (day > today) {
    return InvalidField(
        field, absl::StrCat("is in the future (today in China is ", FormatDate(today), ")"));
  }
  if (floor.has_value() && !floor->date.empty() && day < ParseDateOrDie(floor->date)) {
    return InvalidField(field, absl::StrCat("is before ", floor->what, " (", floor->date, ")"));
  }
  return absl::OkStatus();
}

}  // namespace zs
