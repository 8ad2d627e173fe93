#include "common/directory_refresher.h"

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/outbound.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

namespace zs {
namespace {

namespace sv1 = ::zhaoshang::supervision::v1;

OrgKind KindOf(sv1::UnitKind kind) {
  switch (kind) {
    case sv1::UNIT_KIND_PARK:
      return OrgKind::kPark;
    case sv1::UNIT_KIND_DEPARTMENT:
      return OrgKind::kDepartment;
    case sv1::UNIT_KIND_REMOTE_OFFICE:
      return OrgKind::kRemoteOffice;
    case sv1::UNIT_KIND_SMALL_TEAM:
      return OrgKind::kSmallTeam;
    default:
      return OrgKind::kTown;
  }
}

}  // namespace

DirectoryRefresher::DirectoryRefresher(Directory& directory,
                                       std::shared_ptr<grpc::Channel> supervision,
                                       absl::Duration interval)
    : directory_(directory),
      supervision_("supervision", std::move(supervision), absl::Seconds(5)),
      interval_(interval) {
  thread_ = std::thread([this] { Loop(); });
}

DirectoryRefresher::~DirectoryRefresher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

absl::Status DirectoryRefresher::RefreshNow() {
  const CallContext call{
      .method = "DirectoryRefresh",
      .principal = {.id = "directory-refresher", .kind = PrincipalKind::kServiceAccount},
      .deadline = absl::Now() + absl::Seconds(5),
      .trace = StartSpan(std::nullopt)};
  std::vector<OrgEntry> entries;
  sv1::ListUnitsResponse units;
  ZS_RETURN_IF_ERROR(supervision_.Call(call, &sv1::SupervisionService::Stub::ListUnits,
                                       sv1::ListUnitsRequest(), &units));
  for (const sv1::Unit& unit : units.units()) {
    if (unit.active()) entries.push_back({unit.code(), unit.name(), KindOf(unit.kind())});
  }
  sv1::ListLeadersResponse leaders;
  ZS_RETURN_IF_ERROR(supervision_.Call(call, &sv1::SupervisionService::Stub::ListLeaders,
                                       sv1::ListLeadersRequest(), &leaders));
  for (const sv1::Leader& leader : leaders.leaders()) {
    if (leader.active()) entries.push_back({leader.code(), leader.name(), OrgKind::kLeader});
  }
  directory_.Replace(std::move(entries));
  return absl::OkStatus();
}

void DirectoryRefresher::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    if (absl::Status refreshed = RefreshNow(); !refreshed.ok()) {
      LogWarning(
          absl::StrCat("directory not refreshed, keeping the last one: ", refreshed.message()));
    }
    lock.lock();
    wake_.wait_for(lock, absl::ToChronoSeconds(interval_), [this] { return stopping_; });
  }
}

}  // namespace zs
