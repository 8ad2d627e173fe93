// The organisation directory: responsible units (towns and sub-districts,
// parks, departments, small teams), remote offices and county-level
// leaders, by stable code. Services validate codes against it.
//
// It starts as the seeded district (the same list the supervision service's
// first migration loads) and, where a service is given the supervision
// service's address, follows that service's directory (DirectoryRefresher),
// so units created there become valid everywhere within a refresh interval.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace zs {

enum class OrgKind { kTown, kPark, kDepartment, kSmallTeam, kRemoteOffice, kLeader };

struct OrgEntry {
  std::string code;
  std::string name;
  OrgKind kind;
};

class Directory {
 public:
  // The seeded district (源汇区): its towns and sub-district offices, parks,
  // departments, the three remote offices and its county-level leaders.
  static const Directory& Seeded();
  static std::vector<OrgEntry> SeededEntries();

  explicit Directory(std::vector<OrgEntry> entries);

  // A unit is a town, park, department or small team; offices are separate.
  bool IsUnit(absl::string_view code) const;
  bool IsOffice(absl::string_view code) const;
  bool IsLeader(absl::string_view code) const;
  bool IsPark(absl::string_view code) const;
  std::vector<OrgEntry> entries() const;
  // The entry with `code`, if any.
  std::optional<OrgEntry> Find(absl::string_view code) const;

  // Swaps in a new list; readers see the old or the new one, never a mix.
  void Replace(std::vector<OrgEntry> entries);

 private:
  bool Is(absl::string_view code, std::initializer_list<OrgKind> kinds) const;

  mutable std::mutex mutex_;
  std::shared_ptr<const std::vector<OrgEntry>> entries_;
};

}  // namespace zs
