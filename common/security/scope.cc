#include "common/security/scope.h"

namespace zs {

bool SeesWholeDistrict(const Principal& principal) {
  return principal.kind == PrincipalKind::kBureauAdmin ||
         principal.kind == PrincipalKind::kBureauStaff ||
         principal.kind == PrincipalKind::kServiceAccount;
}

absl::Status DeniedRecord() {
  return absl::PermissionDeniedError("this record belongs to another unit or office");
}

absl::Status RequireOwnRecord(const Principal& principal, absl::string_view owner_code) {
  if (SeesWholeDistrict(principal)) return absl::OkStatus();
  if (IsUnitScoped(principal) && !owner_code.empty() && owner_code == principal.unit_code) {
    return absl::OkStatus();
  }
  return DeniedRecord();
}

absl::Status RequireOwnRecordIfScoped(const Principal& principal, absl::string_view owner_code) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  return RequireOwnRecord(principal, owner_code);
}

absl::Status ScopeOwnerFilter(const Principal& principal, std::string* filter) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  if (!filter->empty() && *filter != principal.unit_code) return DeniedRecord();
  *filter = principal.unit_code;
  return absl::OkStatus();
}

absl::Status ScopeOwnerFilters(const Principal& principal, std::string* unit_filter,
                               std::string* office_filter) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  const bool office = principal.kind == PrincipalKind::kOfficeStaff;
  std::string* own = office ? office_filter : unit_filter;
  std::string* other = office ? unit_filter : office_filter;
  if (!other->empty()) return DeniedRecord();
  return ScopeOwnerFilter(principal, own);
}

absl::Status RequireOwnUnitOrOffice(const Principal& principal, const std::string& unit_code,
                                    const std::string& office_code) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  const bool office = principal.kind == PrincipalKind::kOfficeStaff;
  const std::string& own = office ? office_code : unit_code;
  const std::string& other = office ? unit_code : office_code;
  if (!other.empty()) return DeniedRecord();
  return RequireOwnRecord(principal, own);
}

}  // namespace zs
