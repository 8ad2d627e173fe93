#include "tests/bench/bulk_load.h"

#include <array>
#include <pqxx/pqxx>
#include <random>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "common/logging.h"
#include "common/report_rollup.h"

namespace zs::bench {
namespace {

constexpr std::array<const char*, 10> kUnits = {
    "town-ganhechen",      "town-wenshi",           "town-kongzhongguo",  "town-daliu",
    "subdistrict-malujie", "subdistrict-shunhejie", "subdistrict-laojie", "park-logistics",
    "park-medical",        "park-electronic"};
constexpr std::array<const char*, 3> kOffices = {"office-yrd", "office-fujian", "office-chengdu"};
constexpr std::array<const char*, 3> kParks = {"park-logistics", "park-medical", "park-electronic"};
constexpr std::array<const char*, 4> kLeaders = {"leader-district-head", "leader-deputy-head-1",
                                                 "leader-deputy-head-2", "leader-deputy-head-3"};
const absl::CivilDay kFirstDay(2024, 1, 1);
constexpr int kDays = 3 * 365;

std::string Day(std::mt19937& random) {
  return absl::FormatCivilTime(kFirstDay +
                               std::uniform_int_distribution<int>(0, kDays - 1)(random));
}

template <typename Row>
void Copy(pqxx::transaction_base& tx, const char* table, const std::vector<std::string>& columns,
          long rows, const std::function<Row(long)>& make) {
  pqxx::stream_to stream(tx, table, columns);
  for (long i = 0; i < rows; ++i) stream << make(i);
  stream.complete();
}

}  // namespace

absl::Status LoadDataset(const std::string& conninfo, const DatasetSize& size) {
  try {
    pqxx::connection connection(conninfo);
    {
      pqxx::nontransaction check(connection);
      const long present = check.exec("SELECT count(*) FROM lead.leads")[0][0].as<long>();
      if (present >= size.leads) {
        LogInfo(absl::StrCat("bench dataset already loaded: ", present, " leads"));
        return absl::OkStatus();
      }
    }
    const absl::Time started = absl::Now();
    std::mt19937 random(20261125);
    pqxx::work tx(connection);
    tx.exec("SET LOCAL session_replication_role = replica");  // no audit, no FK triggers
    const long first_enterprise =
        tx.exec("SELECT coalesce(max(id), 0) + 1 FROM lead.enterprises")[0][0].as<long>();
    Copy<std::tuple<std::string, std::string, int, int, std::string>>(
        tx, "lead.enterprises", {"name", "normalised_name", "type", "industry", "region"},
        size.enterprises, [&](long i) {
          const std::string name = absl::StrCat("基准企业", first_enterprise + i, "有限公司");
          return std::make_tuple(name, absl::StrCat("基准企业", first_enterprise + i), 1,
                                 static_cast<int>(1 + i % 4), std::string("上海市"));
        });
    // Leads collected by units, then by offices (exactly one of the two).
    // An enterprise has at most one open lead: the first lead of each is
    // new or being followed, the rest were converted or dropped.
    const long by_units = size.leads * 4 / 5;
    for (const bool office : {false, true}) {
      const long rows = office ? size.leads - by_units : by_units;
      const long offset = office ? by_units : 0;
      Copy<std::tuple<std::string, long, int, int, int, long, std::string, std::string, int>>(
          tx, "lead.leads",
          {"title", "enterprise_id", "channel", "industry", "chain_action",
           "estimated_investment_wan_yuan", office ? "office_code" : "unit_code", "collected_date",
           "status"},
          rows, [&](long row) {
            const long i = offset + row;
            return std::make_tuple(
                absl::StrCat("基准线索", i), first_enterprise + i % size.enterprises,
                static_cast<int>(1 + i % 8), static_cast<int>(1 + i % 4), static_cast<int>(i % 4),
                static_cast<long>(100 + random() % 100000),
                std::string(office ? kOffices[i % kOffices.size()] : kUnits[i % kUnits.size()]),
                Day(random), static_cast<int>(i < size.enterprises ? 1 + i % 2 : 3 + i % 2));
          });
    }
    const long first_project =
        tx.exec("SELECT coalesce(max(id), 0) + 1 FROM project.projects")[0][0].as<long>();
    Copy<std::tuple<std::string, long, int, int, std::string, long, std::string, std::string, int,
                    std::string>>(
        tx, "project.projects",
        {"name", "enterprise_id", "industry", "chain_action", "park_code",
         "total_investment_wan_yuan", "unit_code", "leader_code", "stage", "signed_date"},
        size.projects, [&](long i) {
          return std::make_tuple(
              absl::StrCat("基准项目", first_project + i), first_enterprise + i % size.enterprises,
              static_cast<int>(1 + i % 4), static_cast<int>(1 + i % 3),
              std::string(kParks[i % kParks.size()]), static_cast<long>(1000 + random() % 200000),
              std::string(kUnits[i % kUnits.size()]), std::string(kLeaders[i % kLeaders.size()]),
              static_cast<int>(2 + i % 6), Day(random));
        });
    // Stage changes: negotiating → signed → to start → started → continuing.
    Copy<std::tuple<long, int, int, int, std::string, long, std::string>>(
        tx, "project.transitions",
        {"project_id", "kind", "from_stage", "to_stage", "effective_date", "investment_wan_yuan",
         "actor"},
        size.transitions, [&](long i) {
          const int to_stage = 3 + static_cast<int>((i / size.projects) % 4);
          return std::make_tuple(first_project + i % size.projects, 1, to_stage - 1, to_stage,
                                 Day(random), static_cast<long>(1000 + random() % 200000),
                                 std::string("bench"));
        });
    tx.commit();
    pqxx::nontransaction analyze(connection);
    analyze.exec("ANALYZE lead.enterprises, lead.leads, project.projects, project.transitions");
    LogInfo(absl::StrCat("bench dataset loaded with COPY in ",
                         absl::FormatDuration(absl::Trunc(absl::Now() - started, absl::Seconds(1))),
                         ": ", size.enterprises, " enterprises, ", size.leads, " leads, ",
                         size.projects, " projects, ", size.transitions, " transitions"));
    return RebuildRollups(conninfo);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("bulk load: ", e.what()));
  }
}

absl::Status RebuildRollups(const std::string& conninfo) {
  try {
    pqxx::connection connection(conninfo);
    for (const char* schema : {"lead", "project"}) {
      const absl::Time started = absl::Now();
      pqxx::work tx(connection);
      tx.exec(absl::StrCat("SET LOCAL search_path = ", schema));
      const size_t differed = RebuildReportRollups(tx).size();
      tx.commit();
      LogInfo(absl::StrCat(
          schema, " report rollups built from the records in ",
          absl::FormatDuration(absl::Trunc(absl::Now() - started, absl::Milliseconds(100))), " (",
          differed, " cells were missing or differed)"));
    }
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("building the report rollups: ", e.what()));
  }
}

}  // namespace zs::bench
