// Row scoping: which records a principal may see and change. Units and
// offices act on their own records only; the bureau and service accounts
// see the whole district; leaders see what they lead or command. Denials
// name no record and none of its data.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/principal.h"

namespace zs {

// Whether the principal acts district-wide (bureau, service accounts).
bool SeesWholeDistrict(const Principal& principal);

// Whether the principal acts for one unit or office only.
inline bool IsUnitScoped(const Principal& principal) {
  return principal.kind == PrincipalKind::kUnitStaff ||
         principal.kind == PrincipalKind::kOfficeStaff;
}

// PERMISSION_DENIED unless the principal may act on a record owned by
// `owner_code` (a unit or office code).
absl::Status RequireOwnRecord(const Principal& principal, absl::string_view owner_code);

// For a list filtered by owner: a unit-scoped principal's filter is forced to
// its own unit (asking for another unit is PERMISSION_DENIED); others keep
// theirs. `filter` is the request's unit filter.
absl::Status ScopeOwnerFilter(const Principal& principal, std::string* filter);

// The same for records owned by a unit or an office (leads, activities):
// unit staff are held to `unit_filter`, office staff to `office_filter`.
absl::Status ScopeOwnerFilters(const Principal& principal, std::string* unit_filter,
                               std::string* office_filter);

// For a record owned by exactly one of `unit_code` / `office_code` (leads,
// activities), about to be created or already there.
absl::Status RequireOwnUnitOrOffice(const Principal& principal, const std::string& unit_code,
                                    const std::string& office_code);

// RequireOwnRecord for unit-scoped principals; everyone else passes (the
// role table has already decided they may call).
absl::Status RequireOwnRecordIfScoped(const Principal& principal, absl::string_view owner_code);

absl::Status DeniedRecord();

}  // namespace zs
