// The demo district's projects. Its first-half figures are the report's:
// 12 projects newly signed totalling 42亿元, 59 continuing (续建) totalling
// 85亿元, 73 started totalling 96亿元 of which 3 are ≥ 10亿元 and 26 ≥ 1亿元.
// Six of the signed projects are converted from first-half leads; a few
// second-half events (signings, a start, a re-signing at a fair, a capital
// increase, a drop) must stay out of any H1 figure.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/demo/demo_district.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"

namespace zs::demo {

namespace pv1 = ::zhaoshang::project::v1;

inline constexpr int kFirstHalfSigned = 12;
inline constexpr int64_t kFirstHalfSignedWanYuan = 420'000;
inline constexpr int kContinuing = 59;
inline constexpr int64_t kContinuingWanYuan = 850'000;
inline constexpr int kFirstHalfStarted = 73;
inline constexpr int64_t kFirstHalfStartedWanYuan = 960'000;

struct DemoProject {
  pv1::Project project;   // enterprise_id unset: see `enterprise`
  int enterprise = 0;     // index into DemoDistrict::enterprises
  int lead = -1;          // converted from this DemoDistrict::leads index
  std::string sign_date;  // empty: not signed
  int64_t signed_investment = 0;
  int signed_at_fair = -1;  // index into DemoDistrict::activities
  std::string start_date;   // empty: not started
  std::string drop_reason;  // non-empty: dropped after the above
};

std::vector<DemoProject> BuildDemoProjects(const DemoDistrict& district);

// Loads the projects (idempotently, fixed request ids), rolls 2025 over so
// the projects under construction become continuing, and records the
// second-half events.
absl::Status LoadDemoProjects(pv1::ProjectService::Stub& stub, const LoadedDistrict& district,
                              const ContextFactory& context);

}  // namespace zs::demo
