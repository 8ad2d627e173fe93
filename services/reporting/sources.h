// Where the reporting service's numbers come from: the lead and project
// services' aggregate and list RPCs, never their tables. Every call carries
// the caller's principal and a deadline; a service that is down makes the
// report UNAVAILABLE (naming it) rather than wrong.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbound.h"
#include "common/rpc.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"

namespace zs::reporting {

namespace cv1 = ::zhaoshang::common::v1;
namespace rv1 = ::zhaoshang::reporting::v1;

class ReportSources {
 public:
  ReportSources(std::shared_ptr<grpc::Channel> lead, std::shared_ptr<grpc::Channel> project,
                absl::Duration timeout);

  // All nine figures of a period and, for each of `breakdowns` in order, one
  // breakdown per figure that has the dimension (INVALID_ARGUMENT when no
  // figure has it). One aggregate call per figure asks its headline and all
  // its breakdowns at once, in one pass over its records; the calls overlap.
  struct Parts {
    std::vector<rv1::FigureValue> figures;
    google::protobuf::RepeatedPtrField<rv1::Breakdown> breakdowns;
  };
  absl::StatusOr<Parts> Report(const CallContext& call, const cv1::DateRange& period,
                               const std::vector<cv1::GroupBy>& breakdowns) const;
  // The records behind one figure, paged by the owning service's token.
  absl::Status Records(const CallContext& call, const rv1::ListFigureRecordsRequest& request,
                       rv1::ListFigureRecordsResponse* out) const;

 private:
  // Rows of the owning service's aggregate for `figure`, grouped each way
  // of `groupings`, every row naming its grouping.
  absl::StatusOr<google::protobuf::RepeatedPtrField<cv1::AggregateRow>> Aggregate(
      const CallContext& call, const cv1::DateRange& period, rv1::Figure figure,
      const std::vector<cv1::GroupBy>& groupings) const;

  OutboundStub<zhaoshang::lead::v1::LeadService> lead_;
  OutboundStub<zhaoshang::project::v1::ProjectService> project_;
};

// The dimensions a figure can be broken down by.
bool FigureHasDimension(rv1::Figure figure, cv1::GroupBy group_by);

}  // namespace zs::reporting
