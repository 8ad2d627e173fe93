// The demo district (源汇区, 2026): enterprises, referrers, promotion
// activities and leads whose first-half figures are the report's —
// 48 outbound trips, 66 merchant visits and 46 leads — plus a second half
// that any H1 report must leave out. Built deterministically (no
// randomness), so every run produces the same requests.
#pragma once

#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::demo {

namespace lv1 = ::zhaoshang::lead::v1;

// Records refer to each other by index into DemoDistrict's lists (-1: none);
// the loader turns indexes into the ids the service assigns.
struct DemoReferrer {
  lv1::Referrer referrer;
  int enterprise = -1;
};
struct DemoActivity {
  lv1::Activity activity;
  std::vector<int> enterprises;
};
struct DemoLead {
  lv1::Lead lead;
  int enterprise = -1;
  int referrer = -1;
  int activity = -1;
};

struct DemoDistrict {
  std::vector<lv1::Enterprise> enterprises;
  std::vector<DemoReferrer> referrers;
  std::vector<DemoActivity> activities;
  std::vector<DemoLead> leads;
};

inline constexpr int kFirstHalfOutboundTrips = 48;
inline constexpr int kFirstHalfMerchantVisits = 66;
inline constexpr int kFirstHalfLeads = 46;

DemoDistrict BuildDemoDistrict();

using ContextFactory = std::function<std::unique_ptr<grpc::ClientContext>()>;

// Makes `call` until it gets through: the services' per-principal rate limit
// answers RESOURCE_EXHAUSTED to a loader faster than any person, and a
// service still warming up may answer UNAVAILABLE. Each call carries a fixed
// request id, so trying again is safe. A failure names what was loaded.
absl::Status Call(const std::function<grpc::Status()>& call, const std::string& what);

// The ids the lead service gave the district's records, by list index.
struct LoadedDistrict {
  std::vector<int64_t> enterprise_ids;
  std::vector<int64_t> referrer_ids;
  std::vector<int64_t> activity_ids;
  std::vector<int64_t> lead_ids;
};

// Creates the district through the lead service with fixed request ids
// (demo-2026-…), so loading twice changes nothing.
absl::StatusOr<LoadedDistrict> LoadDemoDistrict(lv1::LeadService::Stub& stub,
                                                const ContextFactory& context);

}  // namespace zs::demo
