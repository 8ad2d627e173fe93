#include "client/version.h"

#include <google/protobuf/descriptor.pb.h>

#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/project/v1/project_service.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::client {

std::string ClientVersion() { return ZSCTL_VERSION; }

std::string ContractVersion() {
  std::string contracts;
  for (const google::protobuf::FileDescriptor* file :
       {zhaoshang::lead::v1::Lead::descriptor()->file(),
        zhaoshang::project::v1::Project::descriptor()->file(),
        zhaoshang::supervision::v1::Unit::descriptor()->file(),
        zhaoshang::reporting::v1::GetPeriodReportRequest::descriptor()->file()}) {
    google::protobuf::FileDescriptorProto proto;
    file->CopyTo(&proto);  // without comments: only what is on the wire counts
    contracts += proto.SerializeAsString();
  }
  return absl::StrCat("v1 (", Sha256Hex(contracts).substr(0, 12), ")");
}

std::string VersionText() {
  return absl::StrCat("zsctl ", ClientVersion(), "\ncontracts ", ContractVersion(),
                      ": zhaoshang.{lead,project,supervision,reporting}.v1");
}

}  // namespace zs::client
