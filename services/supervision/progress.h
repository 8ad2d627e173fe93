// Progress is computed, never typed in: actual figures per unit come from
// the lead and project services' aggregates (grouped by unit and by office,
// over gRPC with the caller's credentials and a deadline), and are measured
// against pro-rated targets.
#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbound.h"
#include "common/rpc.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;
namespace cv1 = ::zhaoshang::common::v1;

// unit code → metric number → actual value in the period.
using Actuals = std::map<std::string, std::map<int, int64_t>>;

class ProgressSources {
 public:
  ProgressSources(std::shared_ptr<grpc::Channel> lead, std::shared_ptr<grpc::Channel> project,
                  absl::Duration timeout);

  absl::StatusOr<Actuals> Fetch(const CallContext& call, const cv1::DateRange& period) const;
  // Open enterprise requests past their deadline (for bulletins).
  absl::StatusOr<std::vector<zhaoshang::project::v1::EnterpriseRequest>> OverdueRequests(
      const CallContext& call) const;
  // Open projects with no ledger entry for `days` days (for bulletins).
  absl::StatusOr<std::vector<zhaoshang::project::v1::Project>> StaleProjects(
      const CallContext& call, int days) const;

 private:
  OutboundStub<zhaoshang::lead::v1::LeadService> lead_;
  OutboundStub<zhaoshang::project::v1::ProjectService> project_;
};

struct ProgressInputs {
  std::vector<v1::Unit> units;
  std::map<std::string, std::map<int, int64_t>> yearly_targets;
  std::map<std::string, std::pair<double, double>> sanctions;  // penalty, reward
  v1::ScoringRules rules;
};

// Every unit's metrics, score and rank for the period, best first.
std::vector<v1::UnitProgress> ComputeProgress(const cv1::DateRange& period,
                                              const ProgressInputs& inputs, const Actuals& actuals);

}  // namespace zs::supervision
