#include "services/supervision/plan_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/supervision/queries.h"
#include "services/supervision/supervision_rules.h"

namespace zs::supervision {
namespace {

absl::Status ValidateTargets(absl::string_view field,
                             const google::protobuf::RepeatedPtrField<v1::MetricTarget>& targets) {
  for (const v1::MetricTarget& target : targets) {
    if (!v1::Metric_IsValid(target.metric()) || target.metric() == 0) {
      return InvalidField(field, absl::StrCat("unknown metric ", target.metric()));
    }
    ZS_RETURN_IF_ERROR(ValidateMoney(field, target.yearly_value()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PlanStore::ListCategories(pqxx::transaction_base& tx, int year,
                                       v1::ListTargetCategoriesResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", year));
  std::map<std::string, v1::TargetCategory*> by_code;
  for (const pqxx::row& row : Exec(tx, queries::kCategoryList, year)) {
    v1::TargetCategory* category = out->add_categories();
    category->set_code(row["code"].as<std::string>());
    category->set_name(row["name"].as<std::string>());
    category->set_year(year);
    by_code[category->code()] = category;
  }
  for (const pqxx::row& row : Exec(tx, queries::kCategoryListDefaults, year)) {
    v1::MetricTarget* target = by_code[row["category"].as<std::string>()]->add_defaults();
    target->set_metric(static_cast<v1::Metric>(row["metric"].as<int>()));
    target->set_yearly_value(row["yearly_value"].as<int64_t>());
  }
  return absl::OkStatus();
}

absl::Status PlanStore::UpsertCategory(pqxx::transaction_base& tx,
                                       const v1::UpsertTargetCategoryRequest& request,
                                       v1::TargetCategory* out) const {
  const v1::TargetCategory& category = request.category();
  ZS_RETURN_IF_ERROR(ValidateRequiredText("category.code", category.code(), 20));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("category.name", category.name(), 100));
  ZS_RETURN_IF_ERROR(ValidateYear("category.year", category.year()));
  ZS_RETURN_IF_ERROR(ValidateTargets("category.defaults", category.defaults()));
  Exec(tx, queries::kCategoryUpsert, category.code(), category.year(), category.name());
  Exec(tx, queries::kCategoryClearDefaults, category.code(), category.year());
  for (const v1::MetricTarget& target : category.defaults()) {
    Exec(tx, queries::kCategoryAddDefault, category.code(), category.year(),
         static_cast<int>(target.metric()), target.yearly_value());
  }
  *out = category;
  return absl::OkStatus();
}

absl::Status PlanStore::SetUnitTargets(pqxx::transaction_base& tx,
                                       const v1::SetUnitTargetsRequest& request,
                                       v1::UnitTargets* out) const {
  const v1::UnitTargets& targets = request.targets();
  ZS_RETURN_IF_ERROR(ValidateYear("targets.year", targets.year()));
  if (Exec(tx, queries::kUnitExists, targets.unit_code()).empty()) {
    return InvalidField("targets.unit_code",
                        absl::StrCat("unknown unit '", targets.unit_code(), "'"));
  }
  ZS_RETURN_IF_ERROR(ValidateTargets("targets.overrides", targets.overrides()));
  Exec(tx, queries::kUnitTargetsClear, targets.unit_code(), targets.year());
  for (const v1::MetricTarget& target : targets.overrides()) {
    Exec(tx, queries::kUnitTargetsSet, targets.unit_code(), targets.year(),
         static_cast<int>(target.metric()), target.yearly_value());
  }
  return GetUnitTargets(tx, targets.unit_code(), targets.year(), out);
}

absl::Status PlanStore::GetUnitTargets(pqxx::transaction_base& tx, const std::string& unit_code,
                                       int year, v1::UnitTargets* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", year));
  if (Exec(tx, queries::kUnitExists, unit_code).empty()) {
    return absl::NotFoundError(absl::StrCat("unit '", unit_code, "' is not in the directory"));
  }
  out->set_unit_code(unit_code);
  out->set_year(year);
  for (const pqxx::row& row : Exec(tx, queries::kUnitTargetsList, unit_code, year)) {
    v1::MetricTarget* target = out->add_overrides();
    target->set_metric(static_cast<v1::Metric>(row["metric"].as<int>()));
    target->set_yearly_value(row["yearly_value"].as<int64_t>());
  }
  // Keep the map alive: ranging over a member of a temporary would dangle.
  const auto effective = EffectiveTargets(tx, year);
  auto unit_targets = effective.find(unit_code);
  if (unit_targets == effective.end()) return absl::OkStatus();
  for (const auto& [metric, value] : unit_targets->second) {
    v1::MetricTarget* target = out->add_effective();
    target->set_metric(static_cast<v1::Metric>(metric));
    target->set_yearly_value(value);
  }
  return absl::OkStatus();
}

std::map<std::string, std::map<int, int64_t>> PlanStore::EffectiveTargets(
    pqxx::transaction_base& tx, int year) const {
  std::map<std::string, std::map<int, int64_t>> targets;
  for (const pqxx::row& row : Exec(tx, queries::kUnitTargetsEffective, year)) {
    targets[row["unit_code"].as<std::string>()][row["metric"].as<int>()] =
        row["yearly_value"].as<int64_t>();
  }
  return targets;
}

absl::Status PlanStore::SetRules(pqxx::transaction_base& tx,
                                 const v1::SetScoringRulesRequest& request,
                                 v1::ScoringRules* out) const {
  ZS_RETURN_IF_ERROR(ValidateScoringRules(request.rules()));
  const int year = request.rules().year();
  const pqxx::result current = Exec(tx, queries::kRulesLock, year);
  int64_t version = 1;
  if (!current.empty()) {
    ZS_RETURN_IF_ERROR(
        CheckEtag("rules", year, request.rules().etag(), current[0]["version"].as<int64_t>()));
    version = current[0]["version"].as<int64_t>() + 1;
  }
  v1::ScoringRules stored = request.rules();
  stored.clear_etag();
  Exec(tx, queries::kRulesStore, year, pqxx::binarystring(stored.SerializeAsString()), version);
  *out = stored;
  out->set_etag(FormatEtag(version));
  return absl::OkStatus();
}

v1::ScoringRules PlanStore::Rules(pqxx::transaction_base& tx, int year) const {
  const pqxx::result rows = Exec(tx, queries::kRulesGet, year);
  if (rows.empty()) return DefaultScoringRules(year);
  v1::ScoringRules rules;
  const pqxx::binarystring bytes(rows[0]["rules"]);
  rules.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  rules.set_etag(FormatEtag(rows[0]["version"].as<int64_t>()));
  return rules;
}

absl::Status PlanStore::RecordSanction(pqxx::transaction_base& tx,
                                       const v1::RecordSanctionRequest& request,
                                       const v1::ScoringRules& rules, v1::Sanction* out) const {
  v1::Sanction sanction = request.sanction();
  if (sanction.decided_date().empty()) sanction.set_decided_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateDate("sanction.decided_date", sanction.decided_date()));
  if (!v1::Sanction::Kind_IsValid(sanction.kind()) || sanction.kind() == 0) {
    return InvalidField("sanction.kind", "is required: KIND_REWARD or KIND_PENALTY");
  }
  ZS_RETURN_IF_ERROR(ValidateRequiredText("sanction.reason", sanction.reason(), 200));
  if (Exec(tx, queries::kUnitExists, sanction.unit_code()).empty()) {
    return InvalidField("sanction.unit_code",
                        absl::StrCat("unknown unit '", sanction.unit_code(), "'"));
  }
  ZS_ASSIGN_OR_RETURN(double points, PointsOfSanction(sanction, rules));
  sanction.set_points(points);
  sanction.set_id(Exec(tx, queries::kSanctionRecord, sanction.unit_code(),
                       static_cast<int>(sanction.kind()), sanction.reason(), sanction.points(),
                       sanction.decided_date())[0]["id"]
                      .as<int64_t>());
  *out = sanction;
  return absl::OkStatus();
}

absl::Status PlanStore::ListSanctions(pqxx::transaction_base& tx,
                                      const v1::ListSanctionsRequest& request,
                                      v1::ListSanctionsResponse* out) const {
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kSanctionList,
           request.unit_code().empty() ? std::nullopt : std::optional(request.unit_code()),
           page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_sanctions(), out->mutable_next_page_token(),
            [](const pqxx::row& row, v1::Sanction* s) {
              s->set_id(FieldNamed(row, "id").as<int64_t>());
              s->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
              s->set_kind(static_cast<v1::Sanction::Kind>(FieldNamed(row, "kind").as<int>()));
              s->set_reason(FieldNamed(row, "reason").as<std::string>());
              s->set_points(FieldNamed(row, "points").as<double>());
              s->set_decided_date(FieldNamed(row, "decided_date").as<std::string>());
            });
  return absl::OkStatus();
}

std::map<std::string, std::pair<double, double>> PlanStore::SanctionPoints(
    pqxx::transaction_base& tx, const std::string& from, const std::string& to,
    const v1::ScoringRules& rules) const {
  std::map<std::string, std::pair<double, double>> points;
  for (const pqxx::row& row : Exec(tx, queries::kSanctionPoints, from, to)) {
    points[row["unit_code"].as<std::string>()] = {row["penalty"].as<double>(),
                                                  row["reward"].as<double>()};
  }
  double overdue_task_points = 0;
  for (const auto& deduction : rules.deductions()) {
    if (deduction.reason() == "OVERDUE_TASK") overdue_task_points = deduction.points();
  }
  if (overdue_task_points == 0) return points;
  for (const pqxx::row& row : Exec(tx, queries::kTaskCountLate, from, to, TodayInChinaString())) {
    points[row["unit_code"].as<std::string>()].first +=
        overdue_task_points * row["late"].as<int64_t>();
  }
  return points;
}

}  // namespace zs::supervision
