// The organisation directory: responsible units, remote offices, parks and
// county-level leaders, by stable code. Until the supervision service serves
// the directory, services validate codes against this seeded list (the same
// list the supervision service will start from).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"

namespace zs {

enum class OrgKind { kTown, kPark, kDepartment, kRemoteOffice, kLeader };

struct OrgEntry {
  absl::string_view code;
  absl::string_view name;
  OrgKind kind;
};

class Directory {
 public:
  // The seeded district (源汇区): its towns and sub-district offices, parks,
  // departments, the three remote offices and its county-level leaders.
  static const Directory& Seeded();

  explicit Directory(std::vector<OrgEntry> entries);

  const OrgEntry* Find(absl::string_view code) const;
  // A unit is a town, park or department; offices are separate.
  bool IsUnit(absl::string_view code) const;
  bool IsOffice(absl::string_view code) const;
  bool IsLeader(absl::string_view code) const;
  bool IsPark(absl::string_view code) const;
  const std::vector<OrgEntry>& entries() const { return entries_; }

 private:
  std::vector<OrgEntry> entries_;
};

}  // namespace zs
