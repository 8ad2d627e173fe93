// The SQL RunAggregate generates for every record kind, against one golden
// file (tests/golden/aggregate.sql): a change to the generator shows in
// review as a SQL diff, and one that changes it without meaning to fails
// here. Each record kind's base query stands in it as its name (the
// statement itself is its own file in queries/, reviewed there). After a
// change you mean, regenerate it with
//   ZS_UPDATE_GOLDEN=1 ./build/tests/aggregate_sql_test
// and read the diff. (Whether the SQL answers right is the aggregate and
// rollup tests' job, on a real PostgreSQL.)
#include "common/aggregate_sql.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "services/lead/aggregate_store.h"
#include "services/project/aggregate_store.h"

namespace zs::testing {
namespace {

namespace cv1 = ::zhaoshang::common::v1;
namespace lv1 = ::zhaoshang::lead::v1;
namespace pv1 = ::zhaoshang::project::v1;

struct GoldenCase {
  std::string name;
  const std::vector<Dimension>* dimensions;
  std::vector<cv1::GroupBy> grouped;
  AggregateQuery query;
};

std::vector<const Dimension*> Pick(const std::vector<Dimension>& dimensions,
                                   const std::vector<cv1::GroupBy>& asked) {
  std::vector<const Dimension*> picked;
  for (cv1::GroupBy g : asked) {
    for (const Dimension& d : dimensions) {
      if (d.group_by == g) picked.push_back(&d);
    }
  }
  return picked;
}

std::vector<cv1::GroupBy> All(const std::vector<Dimension>& dimensions) {
  std::vector<cv1::GroupBy> all;
  for (const Dimension& d : dimensions) all.push_back(d.group_by);
  return all;
}

// Each kind of records: the total alone (with the bands where they have
// them), one dimension, and every dimension at once; for projects also the
// month, which varies within a project and gets a branch of its own.
std::vector<GoldenCase> Cases() {
  const auto& activities = lead::ActivityDimensions();
  const auto& leads = lead::LeadDimensions();
  const auto& projects = project::ProjectDimensions();
  const AggregateQuery activity_records = lead::ActivityRecords(lv1::AggregateActivitiesRequest());
  const AggregateQuery lead_records = lead::LeadRecords(lv1::AggregateLeadsRequest());
  pv1::AggregateTransitionsRequest signed_request;
  signed_request.set_to_stage(pv1::STAGE_SIGNED);
  const AggregateQuery transition_records = project::TransitionRecords(signed_request);
  const AggregateQuery fund_records = project::FundRecords(pv1::AggregateFundsRequest());
  const AggregateQuery continuing_records =
      project::ContinuingRecords(pv1::AggregateContinuingRequest());
  return {
      {"activities.total", &activities, {}, activity_records},
      {"activities.by_unit", &activities, {cv1::GROUP_BY_UNIT}, activity_records},
      {"activities.all", &activities, All(activities), activity_records},
      {"leads.total", &leads, {}, lead_records},
      {"leads.by_stage", &leads, {cv1::GROUP_BY_STAGE}, lead_records},
      {"leads.all", &leads, All(leads), lead_records},
      {"transitions.total", &projects, {}, transition_records},
      {"transitions.by_unit", &projects, {cv1::GROUP_BY_UNIT}, transition_records},
      {"transitions.by_month", &projects, {cv1::GROUP_BY_MONTH}, transition_records},
      {"transitions.all", &projects, All(projects), transition_records},
      {"funds.all", &projects, All(projects), fund_records},
      {"continuing.all", &projects, All(projects), continuing_records},
  };
}

// `query` with its base query's text replaced by the comment naming it
// ("/* aggregate.leads */").
AggregateQuery Named(AggregateQuery query) {
  query.base_sql = query.base_sql.substr(0, query.base_sql.find('\n'));
  return query;
}

// Every case's SQL, each after a line naming it.
std::string Generated() {
  std::string all;
  for (const GoldenCase& c : Cases()) {
    all += "-- " + c.name + "\n" + AggregateSql(Pick(*c.dimensions, c.grouped), Named(c.query)) +
           ";\n\n";
  }
  return all;
}

TEST(AggregateSql, EveryRecordKindGeneratesItsGoldenSql) {
  const std::string path = ZS_GOLDEN_SQL;
  const std::string sql = Generated();
  if (std::getenv("ZS_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(path);
    out << sql;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  std::ifstream file(path);
  ASSERT_TRUE(file.good()) << path << " is missing: run with ZS_UPDATE_GOLDEN=1";
  std::stringstream golden;
  golden << file.rdbuf();
  EXPECT_EQ(sql, golden.str()) << "the aggregates generate other SQL than " << path
                               << "; if meant, regenerate it with ZS_UPDATE_GOLDEN=1";
}

TEST(AggregateSql, ResultColumnsAreNamedForTheReader) {
  const auto& leads = lead::LeadDimensions();
  const std::string sql = AggregateSql(Pick(leads, {cv1::GROUP_BY_UNIT, cv1::GROUP_BY_STAGE}),
                                       lead::LeadRecords(lv1::AggregateLeadsRequest()));
  for (const char* column :
       {" AS grouping_index", " AS count,", " AS amount,", " AS count_all", " AS count_ge_1yi",
        " AS amount_ge_1yi", " AS count_ge_10yi", " AS amount_ge_10yi"}) {
    EXPECT_NE(sql.find(column), std::string::npos) << column;
  }
  EXPECT_EQ(AggregateKeyColumn(0), "key_0");
  EXPECT_NE(sql.find(" AS key_1"), std::string::npos);
}

}  // namespace
}  // namespace zs::testing
