#include "common/aggregate.h"

#include <algorithm>
#include <map>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/aggregate_sql.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/queries.h"
#include "common/validation.h"

namespace zs {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

// Which groupings to run, checked against what the records have.
absl::StatusOr<std::vector<cv1::GroupBy>> Groupings(
    const std::vector<Dimension>& dimensions, bool supports_bands, cv1::GroupBy group_by,
    const google::protobuf::RepeatedField<int>& group_bys) {
  if (group_by != cv1::GROUP_BY_UNSPECIFIED && !group_bys.empty()) {
    return InvalidField("group_bys", "give either group_by or group_bys, not both");
  }
  const char* field = group_bys.empty() ? "group_by" : "group_bys";
  std::vector<cv1::GroupBy> asked;
  if (group_bys.empty()) asked.push_back(group_by);
  for (int g : group_bys) {
    if (!cv1::GroupBy_IsValid(g)) return InvalidField(field, absl::StrCat("unknown value ", g));
    asked.push_back(static_cast<cv1::GroupBy>(g));
  }
  for (size_t i = 0; i < asked.size(); ++i) {
    const cv1::GroupBy g = asked[i];
    if (std::find(asked.begin(), asked.begin() + i, g) != asked.begin() + i) {
      return InvalidField(field, absl::StrCat(cv1::GroupBy_Name(g), " is asked twice"));
    }
    const bool known = g == cv1::GROUP_BY_UNSPECIFIED ||
                       (g == cv1::GROUP_BY_INVESTMENT_BAND && supports_bands) ||
                       std::any_of(dimensions.begin(), dimensions.end(),
                                   [g](const Dimension& d) { return d.group_by == g; });
    if (!known) {
      return InvalidField(
          field, absl::StrCat(cv1::GroupBy_Name(g), " is not a dimension of these records"));
    }
  }
  return asked;
}

// The rows of one aggregate as SQL gives them, then put in the order and
// with the names the RPCs answer with: each grouping in the order asked, its
// rows by key (enum keys by their number), enum keys by their proto name.
class Rows {
 public:
  struct Values {
    int64_t count = 0, amount = 0;
  };
  struct Bands {
    int64_t count_all = 0, count_ge_1yi = 0, amount_ge_1yi = 0, count_ge_10yi = 0,
            amount_ge_10yi = 0;
  };

  void Total(Values total, Bands bands) {
    total_ = total;
    bands_ = bands;
  }
  void Group(const Dimension& d, std::string key, Values values) {
    groups_[d.group_by].push_back({&d, std::move(key), values});
  }

  void AnswerIn(const std::vector<cv1::GroupBy>& asked,
                google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
    for (cv1::GroupBy g : asked) {
      if (g == cv1::GROUP_BY_UNSPECIFIED) {
        Add(g, "total", total_, rows);
      } else if (g == cv1::GROUP_BY_INVESTMENT_BAND) {
        Add(g, "all", {bands_.count_all, total_.amount}, rows);
        Add(g, "ge_1yi", {bands_.count_ge_1yi, bands_.amount_ge_1yi}, rows);
        Add(g, "ge_10yi", {bands_.count_ge_10yi, bands_.amount_ge_10yi}, rows);
      } else {
        std::vector<Cell>& groups = groups_[g];
        std::sort(groups.begin(), groups.end(), [](const Cell& a, const Cell& b) {
          if (a.dimension->enum_name != nullptr && a.key.size() != b.key.size()) {
            return a.key.size() < b.key.size();  // numbers: shorter is smaller
          }
          return a.key < b.key;
        });
        for (const Cell& group : groups) {
          const Dimension& d = *group.dimension;
          // An enum left unset (a project without a chain action) is
          // "none", as an empty text column is.
          Add(g,
              d.enum_name == nullptr ? group.key
              : group.key == "0"     ? "none"
                                     : d.enum_name(std::stoi(group.key)),
              group.values, rows);
        }
      }
    }
  }

 private:
  struct Cell {
    const Dimension* dimension;
    std::string key;
    Values values;
  };
  static void Add(cv1::GroupBy group_by, std::string key, Values values,
                  google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
    cv1::AggregateRow* row = rows->Add();
    row->set_group_by(group_by);
    row->set_key(std::move(key));
    row->set_count(values.count);
    row->set_investment_wan_yuan(values.amount);
  }

  Values total_;  // zeros when no records matched
  Bands bands_;
  std::map<cv1::GroupBy, std::vector<Cell>> groups_;
};

// The dimensions asked, in the order asked (the total and the bands are
// not dimensions).
std::vector<const Dimension*> Grouped(const std::vector<Dimension>& dimensions,
                                      const std::vector<cv1::GroupBy>& asked) {
  std::vector<const Dimension*> grouped;
  for (cv1::GroupBy g : asked) {
    for (const Dimension& d : dimensions) {
      if (d.group_by == g) grouped.push_back(&d);
    }
  }
  return grouped;
}

}  // namespace

absl::Status RunAggregate(pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
                          cv1::GroupBy group_by,
                          const google::protobuf::RepeatedField<int>& group_bys,
                          const AggregateQuery& query,
                          google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  ZS_ASSIGN_OR_RETURN(std::vector<cv1::GroupBy> asked,
                      Groupings(dimensions, query.supports_bands, group_by, group_bys));
  // The dimensions asked, as grouping sets beside the empty one (which
  // carries the total and the bands).
  const std::vector<const Dimension*> grouped = Grouped(dimensions, asked);
  Rows answer;
  for (const pqxx::row& row : tx.exec_params(AggregateSql(grouped, query),
                                             pqxx::prepare::make_dynamic_params(query.params))) {
    const int index = row["grouping_index"].as<int>();
    const Rows::Values values{row["count"].as<int64_t>(), row["amount"].as<int64_t>()};
    if (index < 0) {  // the total, which carries the bands
      answer.Total(values, {row["count_all"].as<int64_t>(), row["count_ge_1yi"].as<int64_t>(),
                            row["amount_ge_1yi"].as<int64_t>(), row["count_ge_10yi"].as<int64_t>(),
                            row["amount_ge_10yi"].as<int64_t>()});
      continue;
    }
    answer.Group(*grouped.at(index), row[AggregateKeyColumn(index)].as<std::string>(), values);
  }
  answer.AnswerIn(asked, rows);
  return absl::OkStatus();
}

namespace {

std::string SqlArray(const std::vector<std::string>& items) {
  return absl::StrCat("{", absl::StrJoin(items, ","), "}");
}

}  // namespace

absl::Status RunRollupAggregate(pqxx::transaction_base& tx,
                                const std::vector<Dimension>& dimensions, cv1::GroupBy group_by,
                                const google::protobuf::RepeatedField<int>& group_bys,
                                const RollupQuery& query,
                                google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  ZS_ASSIGN_OR_RETURN(std::vector<cv1::GroupBy> asked,
                      Groupings(dimensions, query.supports_bands, group_by, group_bys));
  const std::vector<const Dimension*> grouped = Grouped(dimensions, asked);
  const bool steps = !query.month_key.empty();
  std::vector<std::string> names = {"total"};
  bool month_asked = false;
  for (const Dimension* d : grouped) {
    if (d->group_by == cv1::GROUP_BY_MONTH) {
      month_asked = true;
    } else {
      names.push_back(d->column);
    }
  }
  // Dates the caller has validated.
  const absl::CivilDay first = steps ? absl::CivilDay(1, 1, 1) : ParseDateOrDie(query.first_day);
  const absl::CivilDay last = ParseDateOrDie(query.last_day);
  // The whole months inside the period: from the first month starting on
  // or after its first day to the last month ending on or before its last.
  absl::CivilMonth first_month(first), last_month(last);
  if (absl::CivilDay(first_month) != first) ++first_month;
  if (absl::CivilDay(last_month + 1) - 1 != last) --last_month;
  std::string whole_from = "9999-12-01", whole_to = "0001-01-01";  // none
  if (first_month <= last_month) {
    whole_from = FormatDate(absl::CivilDay(first_month));
    whole_to = FormatDate(absl::CivilDay(last_month));
  }
  std::map<std::string, const Dimension*> by_name;
  for (const Dimension* d : grouped) by_name[d->column] = d;
  Rows answer;
  for (const pqxx::row& row :
       Exec(tx, queries::kReportRollupRead, SqlArray(query.figures), whole_from, whole_to,
            FormatDate(first), FormatDate(last), SqlArray(names), month_asked && !steps,
            kOneYiWanYuan, kTenYiWanYuan)) {
    const std::string dimension = row["dimension"].as<std::string>();
    const Rows::Values values{row["count"].as<int64_t>(), row["amount"].as<int64_t>()};
    if (dimension == "total") {
      answer.Total(values, {values.count, row["count_ge_1yi"].as<int64_t>(),
                            row["amount_ge_1yi"].as<int64_t>(), row["count_ge_10yi"].as<int64_t>(),
                            row["amount_ge_10yi"].as<int64_t>()});
      // A figure of steps falls in one month, the one it is counted for.
      if (steps && month_asked) answer.Group(*by_name.at("month"), query.month_key, values);
      continue;
    }
    answer.Group(*by_name.at(dimension), row["key"].as<std::string>(), values);
  }
  answer.AnswerIn(asked, rows);
  return absl::OkStatus();
}

}  // namespace zs
