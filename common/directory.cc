#include "common/directory.h"

#include <algorithm>

#include "absl/strings/string_view.h"

namespace zs {

std::vector<OrgEntry> Directory::SeededEntries() {
  return {
      {"town-ganhechen", "干河陈乡", OrgKind::kTown},
      {"town-wenshi", "问十乡", OrgKind::kTown},
      {"town-kongzhongguo", "空冢郭乡", OrgKind::kTown},
      {"town-daliu", "大刘镇", OrgKind::kTown},
      {"subdistrict-malujie", "马路街街道", OrgKind::kTown},
      {"subdistrict-shunhejie", "顺河街街道", OrgKind::kTown},
      {"subdistrict-laojie", "老街街道", OrgKind::kTown},
      {"park-logistics", "商贸物流产业园", OrgKind::kPark},
      {"park-medical", "医疗器械产业园", OrgKind::kPark},
      {"park-electronic", "电子信息产业园", OrgKind::kPark},
      {"dept-investment", "区投资促进局", OrgKind::kDepartment},
      {"dept-commerce", "区商务局", OrgKind::kDepartment},
      {"dept-development", "区发展和改革委员会", OrgKind::kDepartment},
      {"dept-industry", "区工业和信息化局", OrgKind::kDepartment},
      {"office-yrd", "长三角驻外招商办事处", OrgKind::kRemoteOffice},
      {"office-fujian", "福建驻外招商办事处", OrgKind::kRemoteOffice},
      {"office-chengdu", "成都驻外招商办事处", OrgKind::kRemoteOffice},
      {"leader-party-secretary", "区委书记", OrgKind::kLeader},
      {"leader-district-head", "区长", OrgKind::kLeader},
      {"leader-congress-chair", "区人大常委会主任", OrgKind::kLeader},
      {"leader-cppcc-chair", "区政协主席", OrgKind::kLeader},
      {"leader-deputy-head-1", "常务副区长", OrgKind::kLeader},
      {"leader-deputy-head-2", "副区长（分管招商）", OrgKind::kLeader},
      {"leader-deputy-head-3", "副区长（分管工业）", OrgKind::kLeader},
      {"leader-congress-deputy", "区人大常委会副主任", OrgKind::kLeader},
      {"leader-cppcc-deputy", "区政协副主席", OrgKind::kLeader},
  };
}

const Directory& Directory::Seeded() {
  static const Directory* const kSeeded = new Directory(SeededEntries());
  return *kSeeded;
}

Directory::Directory(std::vector<OrgEntry> entries)
    : entries_(std::make_shared<const std::vector<OrgEntry>>(std::move(entries))) {}

void Directory::Replace(std::vector<OrgEntry> entries) {
  auto replacement = std::make_shared<const std::vector<OrgEntry>>(std::move(entries));
  std::lock_guard<std::mutex> lock(mutex_);
  entries_ = std::move(replacement);
}

std::vector<OrgEntry> Directory::entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return *entries_;
}

std::optional<OrgEntry> Directory::Find(absl::string_view code) const {
  std::shared_ptr<const std::vector<OrgEntry>> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries = entries_;
  }
  for (const OrgEntry& entry : *entries) {
    if (entry.code == code) return entry;
  }
  return std::nullopt;
}

bool Directory::Is(absl::string_view code, std::initializer_list<OrgKind> kinds) const {
  std::shared_ptr<const std::vector<OrgEntry>> entries;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries = entries_;
  }
  for (const OrgEntry& entry : *entries) {
    if (entry.code == code) {
      return std::find(kinds.begin(), kinds.end(), entry.kind) != kinds.end();
    }
  }
  return false;
}

bool Directory::IsUnit(absl::string_view code) const {
  return Is(code, {OrgKind::kTown, OrgKind::kPark, OrgKind::kDepartment, OrgKind::kSmallTeam});
}

bool Directory::IsOffice(absl::string_view code) const {
  return Is(code, {OrgKind::kRemoteOffice});
}

bool Directory::IsLeader(absl::string_view code) const { return Is(code, {OrgKind::kLeader}); }

bool Directory::IsPark(absl::string_view code) const { return Is(code, {OrgKind::kPark}); }

}  // namespace zs
