// SQL for what units are measured against: target categories with their
// yearly defaults, per-unit overrides, the yearly scoring rules, and the
// rewards and penalties (奖惩) recorded against units.
#pragma once

#include <map>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;

class PlanStore {
 public:
  absl::Status ListCategories(pqxx::transaction_base& tx, int year,
                              v1::ListTargetCategoriesResponse* out) const;
  absl::Status UpsertCategory(pqxx::transaction_base& tx,
                              const v1::UpsertTargetCategoryRequest& request,
                              v1::TargetCategory* out) const;
  absl::Status SetUnitTargets(pqxx::transaction_base& tx, const v1::SetUnitTargetsRequest& request,
                              v1::UnitTargets* out) const;
  absl::Status GetUnitTargets(pqxx::transaction_base& tx, const std::string& unit_code, int year,
                              v1::UnitTargets* out) const;
  // Yearly targets per unit and metric: category defaults with overrides.
  std::map<std::string, std::map<int, int64_t>> EffectiveTargets(pqxx::transaction_base& tx,
                                                                 int year) const;

  absl::Status SetRules(pqxx::transaction_base& tx, const v1::SetScoringRulesRequest& request,
                        v1::ScoringRules* out) const;
  // The year's rules, or the default table when none were set.
  v1::ScoringRules Rules(pqxx::transaction_base& tx, int year) const;

  absl::Status RecordSanction(pqxx::transaction_base& tx, const v1::RecordSanctionRequest& request,
                              const v1::ScoringRules& rules, v1::Sanction* out) const;
  absl::Status ListSanctions(pqxx::transaction_base& tx, const v1::ListSanctionsRequest& request,
                             v1::ListSanctionsResponse* out) const;
  // Per unit: (penalty points, reward points) in the period: recorded
  // sanctions, plus the OVERDUE_TASK deduction for each supervision task due
  // in the period that was not done by its deadline.
  std::map<std::string, std::pair<double, double>> SanctionPoints(
      pqxx::transaction_base& tx, const std::string& from, const std::string& to,
      const v1::ScoringRules& rules) const;
};

}  // namespace zs::supervision
