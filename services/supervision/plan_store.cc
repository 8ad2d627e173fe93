#include "services/supervision/plan_store.h"

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/paging.h"
#include "common/validation.h"
#include "services/supervision/supervision_rules.h"

namespace zs::supervision {
namespace {

// `field`: where the request carries the year ("year", "targets.year").
absl::Status ValidateYear(absl::string_view field, int year) {
  if (year < 2000 || year > 2100) return InvalidField(field, "must be between 2000 and 2100");
  return absl::OkStatus();
}

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
  for (const pqxx::row& row : tx.exec_params(
           "SELECT code, name FROM target_categories WHERE year = $1 ORDER BY code", year)) {
    v1::TargetCategory* category = out->add_categories();
    category->set_code(row[0].as<std::string>());
    category->set_name(row[1].as<std::string>());
    category->set_year(year);
    by_code[category->code()] = category;
  }
  for (const pqxx::row& row :
       tx.exec_params("SELECT category, metric, yearly_value FROM category_targets WHERE year = $1 "
                      "ORDER BY category, metric",
                      year)) {
    v1::MetricTarget* target = by_code[row[0].as<std::string>()]->add_defaults();
    target->set_metric(static_cast<v1::Metric>(row[1].as<int>()));
    target->set_yearly_value(row[2].as<int64_t>());
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
  tx.exec_params0(
      "INSERT INTO target_categories (code, year, name) VALUES ($1, $2, $3) "
      "ON CONFLICT (code, year) DO UPDATE SET name = EXCLUDED.name",
      category.code(), category.year(), category.name());
  tx.exec_params0("DELETE FROM category_targets WHERE category = $1 AND year = $2", category.code(),
                  category.year());
  for (const v1::MetricTarget& target : category.defaults()) {
    tx.exec_params0(
        "INSERT INTO category_targets (category, year, metric, yearly_value) "
        "VALUES ($1, $2, $3, $4)",
        category.code(), category.year(), static_cast<int>(target.metric()), target.yearly_value());
  }
  *out = category;
  return absl::OkStatus();
}

absl::Status PlanStore::SetUnitTargets(pqxx::transaction_base& tx,
                                       const v1::SetUnitTargetsRequest& request,
                                       v1::UnitTargets* out) const {
  const v1::UnitTargets& targets = request.targets();
  ZS_RETURN_IF_ERROR(ValidateYear("targets.year", targets.year()));
  if (tx.exec_params("SELECT 1 FROM units WHERE code = $1", targets.unit_code()).empty()) {
    return InvalidField("targets.unit_code",
                        absl::StrCat("unknown unit '", targets.unit_code(), "'"));
  }
  ZS_RETURN_IF_ERROR(ValidateTargets("targets.overrides", targets.overrides()));
  tx.exec_params0("DELETE FROM unit_targets WHERE unit_code = $1 AND year = $2",
                  targets.unit_code(), targets.year());
  for (const v1::MetricTarget& target : targets.overrides()) {
    tx.exec_params0(
        "INSERT INTO unit_targets (unit_code, year, metric, yearly_value) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (unit_code, year, metric) DO UPDATE SET yearly_value = EXCLUDED.yearly_value",
        targets.unit_code(), targets.year(), static_cast<int>(target.metric()),
        target.yearly_value());
  }
  return GetUnitTargets(tx, targets.unit_code(), targets.year(), out);
}

absl::Status PlanStore::GetUnitTargets(pqxx::transaction_base& tx, const std::string& unit_code,
                                       int year, v1::UnitTargets* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", year));
  if (tx.exec_params("SELECT 1 FROM units WHERE code = $1", unit_code).empty()) {
    return absl::NotFoundError(absl::StrCat("unit '", unit_code, "' is not in the directory"));
  }
  out->set_unit_code(unit_code);
  out->set_year(year);
  for (const pqxx::row& row : tx.exec_params(
           "SELECT metric, yearly_value FROM unit_targets WHERE unit_code = $1 AND year = $2 "
           "ORDER BY metric",
           unit_code, year)) {
    v1::MetricTarget* target = out->add_overrides();
    target->set_metric(static_cast<v1::Metric>(row[0].as<int>()));
    target->set_yearly_value(row[1].as<int64_t>());
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
  // An override replaces the category default for that metric only.
  for (const pqxx::row& row :
       tx.exec_params("SELECT u.code, m.metric, COALESCE(o.yearly_value, d.yearly_value, 0) "
                      "FROM units u CROSS JOIN generate_series(1, 7) AS m(metric) "
                      "LEFT JOIN category_targets d ON d.category = u.category AND d.year = $1 "
                      "  AND d.metric = m.metric "
                      "LEFT JOIN unit_targets o ON o.unit_code = u.code AND o.year = $1 "
                      "  AND o.metric = m.metric "
                      "ORDER BY 1, 2",
                      year)) {
    targets[row[0].as<std::string>()][row[1].as<int>()] = row[2].as<int64_t>();
  }
  return targets;
}

absl::Status PlanStore::SetRules(pqxx::transaction_base& tx,
                                 const v1::SetScoringRulesRequest& request,
                                 v1::ScoringRules* out) const {
  ZS_RETURN_IF_ERROR(ValidateScoringRules(request.rules()));
  const int year = request.rules().year();
  const pqxx::result current =
      tx.exec_params("SELECT version FROM scoring_rules WHERE year = $1 FOR UPDATE", year);
  int64_t version = 1;
  if (!current.empty()) {
    ZS_RETURN_IF_ERROR(
        CheckEtag("rules", year, request.rules().etag(), current[0][0].as<int64_t>()));
    version = current[0][0].as<int64_t>() + 1;
  }
  v1::ScoringRules stored = request.rules();
  stored.clear_etag();
  tx.exec_params0(
      "INSERT INTO scoring_rules (year, rules, version) VALUES ($1, $2, $3) "
      "ON CONFLICT (year) DO UPDATE SET rules = EXCLUDED.rules, version = EXCLUDED.version",
      year, pqxx::binarystring(stored.SerializeAsString()), version);
  *out = stored;
  out->set_etag(FormatEtag(version));
  return absl::OkStatus();
}

v1::ScoringRules PlanStore::Rules(pqxx::transaction_base& tx, int year) const {
  const pqxx::result rows =
      tx.exec_params("SELECT rules, version FROM scoring_rules WHERE year = $1", year);
  if (rows.empty()) return DefaultScoringRules(year);
  v1::ScoringRules rules;
  const pqxx::binarystring bytes(rows[0][0]);
  rules.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  rules.set_etag(FormatEtag(rows[0][1].as<int64_t>()));
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
  if (tx.exec_params("SELECT 1 FROM units WHERE code = $1", sanction.unit_code()).empty()) {
    return InvalidField("sanction.unit_code",
                        absl::StrCat("unknown unit '", sanction.unit_code(), "'"));
  }
  // A penalty named after a deduction in the rule table costs its points.
  if (sanction.points() == 0 && sanction.kind() == v1::Sanction::KIND_PENALTY) {
    for (const auto& deduction : rules.deductions()) {
      if (deduction.reason() == sanction.reason()) sanction.set_points(deduction.points());
    }
  }
  if (!(sanction.points() >= 0 && sanction.points() <= 100)) {
    return InvalidField("sanction.points", "must be between 0 and 100");
  }
  sanction.set_id(
      tx.exec_params1("INSERT INTO sanctions (unit_code, kind, reason, points, decided_date) "
                      "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                      sanction.unit_code(), static_cast<int>(sanction.kind()), sanction.reason(),
                      sanction.points(), sanction.decided_date())[0]
          .as<int64_t>());
  *out = sanction;
  return absl::OkStatus();
}

absl::Status PlanStore::ListSanctions(pqxx::transaction_base& tx,
                                      const v1::ListSanctionsRequest& request,
                                      v1::ListSanctionsResponse* out) const {
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      "SELECT id, unit_code, kind, reason, points, to_char(decided_date, 'YYYY-MM-DD') "
      "FROM sanctions WHERE ($1::text IS NULL OR unit_code = $1) "
      "AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
      request.unit_code().empty() ? std::nullopt : std::optional(request.unit_code()),
      page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_sanctions(), out->mutable_next_page_token(),
           [](const pqxx::row& row, v1::Sanction* s) {
             s->set_id(row[0].as<int64_t>());
             s->set_unit_code(row[1].as<std::string>());
             s->set_kind(static_cast<v1::Sanction::Kind>(row[2].as<int>()));
             s->set_reason(row[3].as<std::string>());
             s->set_points(row[4].as<double>());
             s->set_decided_date(row[5].as<std::string>());
           });
  return absl::OkStatus();
}

std::map<std::string, std::pair<double, double>> PlanStore::SanctionPoints(
    pqxx::transaction_base& tx, const std::string& from, const std::string& to,
    const v1::ScoringRules& rules) const {
  std::map<std::string, std::pair<double, double>> points;
  for (const pqxx::row& row : tx.exec_params(
           "SELECT unit_code, "
           "  COALESCE(sum(points) FILTER (WHERE kind = 2), 0), "
           "  COALESCE(sum(points) FILTER (WHERE kind = 1), 0) "
           "FROM sanctions WHERE decided_date BETWEEN $1::date AND $2::date GROUP BY unit_code",
           from, to)) {
    points[row[0].as<std::string>()] = {row[1].as<double>(), row[2].as<double>()};
  }
  double overdue_task_points = 0;
  for (const auto& deduction : rules.deductions()) {
    if (deduction.reason() == "OVERDUE_TASK") overdue_task_points = deduction.points();
  }
  if (overdue_task_points == 0) return points;
  // Late: still open after its deadline, or completed after it.
  for (const pqxx::row& row :
       tx.exec_params("SELECT unit_code, count(*) FROM tasks "
                      "WHERE due_date BETWEEN $1::date AND $2::date AND state <> 3 "
                      "  AND ((state = 1 AND due_date < $3::date) OR completed_date > due_date) "
                      "GROUP BY unit_code",
                      from, to, TodayInChinaString())) {
    points[row[0].as<std::string>()].first += overdue_task_points * row[1].as<int64_t>();
  }
  return points;
}

}  // namespace zs::supervision
