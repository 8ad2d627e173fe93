// zs-bench: measures the services against the raw limits of the same
// machine in one run, and checks the targets of issue #9. Run by
// `./zs bench`, which starts a private PostgreSQL and the four services as
// processes; see README "Performance".
//
// Prints one table of every measurement, then one line per target:
//   name measured target PASS|FAIL
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/config.h"
#include "common/logging.h"
#include "common/security/token.h"
#include "tests/bench/bulk_load.h"
#include "tests/bench/echo_server.h"
#include "tests/bench/http_callers.h"
#include "tests/bench/load_generator.h"
#include "tests/bench/pgbench.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"

ABSL_FLAG(std::string, lead, "127.0.0.1:7101", "lead service");
ABSL_FLAG(std::string, project, "127.0.0.1:7102", "project service");
ABSL_FLAG(std::string, reporting, "127.0.0.1:7104", "reporting service");
ABSL_FLAG(std::string, small_suite, "",
          "host:base_port of a second suite (lead +1, project +2, reporting +4) over a "
          "100,000-lead dataset in --small_pg_conninfo: the period report is timed on both, "
          "taking turns");
ABSL_FLAG(std::string, small_pg_conninfo, "",
          "superuser connection to the second suite's database");
ABSL_FLAG(long, small_leads, 100'000, "leads in the second suite's dataset");
ABSL_FLAG(std::string, records_suite, "",
          "host:base_port of a third suite on the main database whose aggregates scan the records "
          "(--aggregate_source=records, as before the rollups): the 128-caller mix runs on it "
          "too, for the office calls' latency as it was");
ABSL_FLAG(std::string, gateway, "",
          "zs-gateway (host:port, plain HTTP) in front of the lead service, for the gateway step");
ABSL_FLAG(std::string, token_signing_key_file, "",
          "the private key (EC P-256, PEM) whose public half the services trust");
ABSL_FLAG(std::string, pg_conninfo, "", "superuser connection to the services' database");
ABSL_FLAG(std::string, pgbench, "/usr/lib/postgresql/15/bin/pgbench", "pgbench binary");
ABSL_FLAG(std::string, service_pids, "", "name:pid,… of the service processes (memory)");
ABSL_FLAG(int, seconds, 10, "length of each measured step");
ABSL_FLAG(int, memory_seconds, 60, "length of the 128-caller run that watches memory");
ABSL_FLAG(std::string, callers, "1,8,32,128", "concurrency levels");
ABSL_FLAG(long, leads, 1'000'000,
          "leads in the dataset (enterprises, projects, transitions scale)");
ABSL_FLAG(int, report_runs, 15, "period reports timed");
ABSL_FLAG(std::string, steps, "raw,methods,gateway,report,mix,memory",
          "steps to run (raw limits, single methods, period report, mix, memory); targets "
          "whose measurements were skipped are not printed");

namespace zs::bench {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;
namespace pv1 = ::zhaoshang::project::v1;
namespace rv1 = ::zhaoshang::reporting::v1;
namespace cv1 = ::zhaoshang::common::v1;

// The open half-year the reports ask about: never served from a cache.
constexpr char kReportStart[] = "2026-06-01";
constexpr char kReportEnd[] = "2026-11-30";

struct Row {
  std::string step;
  int callers;
  std::string method;
  double qps, p50, p95, p99;
  std::string errors;
};
std::vector<Row> g_rows;

struct Target {
  std::string name;
  double measured;
  std::string measured_text, target_text;
  bool pass;
};
std::vector<Target> g_targets;

std::string ErrorText(const MethodStats& stats) {
  std::string text;
  for (const auto& [code, count] : stats.errors) {
    absl::StrAppend(&text, "code ", code, " ×", count, " (",
                    stats.first_error.at(code).substr(0, 60), ") ");
  }
  return text;
}

void Keep(const std::string& step, int callers, const LoadResult& result) {
  for (const auto& [method, stats] : result.methods) {
    g_rows.push_back({step, callers, method, stats.qps, stats.Percentile(50), stats.Percentile(95),
                      stats.Percentile(99), ErrorText(stats)});
  }
}

const MethodStats& Method(const LoadResult& result, const std::string& name) {
  static const MethodStats kNone;
  auto it = result.methods.find(name);
  return it == result.methods.end() ? kNone : it->second;
}

// Several connections, so 128 callers are not all queued on one HTTP/2 link.
class Channels {
 public:
  Channels(const std::string& address, int count) {
    for (int i = 0; i < count; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("zs.bench.channel", i);  // distinct args → distinct connections
      channels_.push_back(
          grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
    }
  }
  const std::shared_ptr<grpc::Channel>& For(int caller) const {
    return channels_[caller % channels_.size()];
  }

 private:
  std::vector<std::shared_ptr<grpc::Channel>> channels_;
};

template <typename Service>
std::vector<std::unique_ptr<typename Service::Stub>> Stubs(const Channels& channels, int count) {
  std::vector<std::unique_ptr<typename Service::Stub>> stubs;
  for (int i = 0; i < count; ++i) stubs.push_back(Service::NewStub(channels.For(i)));
  return stubs;
}

struct Identity {
  std::vector<std::string> office_tokens;  // yrd, fujian, chengdu
  std::vector<std::string> offices;
  std::string bureau_token;
};

// A call's storage, alive until its callback has run.
template <typename Request, typename Response>
struct Call {
  grpc::ClientContext context;
  Request request;
  Response response;
};

template <typename Request, typename Response>
std::shared_ptr<Call<Request, Response>> NewCall(const std::string& token) {
  auto call = std::make_shared<Call<Request, Response>>();
  call->context.AddMetadata("authorization", "Bearer " + token);
  call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return call;
}

// Enterprises without a lead, for creates: an enterprise has one open lead.
// Returns the first id; the ids are consecutive (one statement, nothing
// else inserting enterprises meanwhile).
long AddFreshEnterprises(const std::string& conninfo, long count) {
  pqxx::connection connection(conninfo);
  pqxx::work tx(connection);
  tx.exec("SET LOCAL session_replication_role = replica");
  const std::string batch = absl::StrCat(absl::ToUnixNanos(absl::Now()));
  const pqxx::row ids = tx.exec1(absl::StrCat(
      "WITH fresh AS (INSERT INTO lead.enterprises (name, normalised_name, type, industry) "
      "SELECT '基准新企业' || n, '基准新企业' || n, 1, 2 FROM "
      "(SELECT '",
      batch, "-' || g AS n FROM generate_series(1, ", count,
      ") g) names RETURNING id) SELECT min(id), max(id) FROM fresh"));
  tx.commit();
  if (ids[1].as<long>() - ids[0].as<long>() + 1 != count) {
    throw std::runtime_error("fresh enterprise ids are not consecutive");
  }
  return ids[0].as<long>();
}

// Takes back from the report rollups what the leads and projects whose ids
// `lead_ids` and `project_ids` select gave them, before they are deleted
// with the triggers off (session_replication_role = replica).
void ForgetInRollups(pqxx::transaction_base& tx, const std::string& lead_ids,
                     const std::string& project_ids) {
  tx.exec(
      absl::StrCat("INSERT INTO lead.report_deltas (figure, day, sign, counted, amount, keys) "
                   "SELECT f.figure, f.day, -1, f.counted, f.amount, f.keys FROM lead.leads l "
                   "CROSS JOIN LATERAL lead.lead_report_facts(l) f WHERE l.id IN (",
                   lead_ids, ")"));
  if (project_ids.empty()) return;
  tx.exec(absl::StrCat(
      "INSERT INTO project.report_deltas (figure, day, sign, counted, amount, keys) "
      "SELECT e.figure, e.day, -e.sign, e.counted, e.amount, e.keys FROM project.project_facts p "
      "CROSS JOIN LATERAL jsonb_to_recordset(p.facts) AS "
      "e (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb) "
      "WHERE p.project_id IN (",
      project_ids, ")"));
}

// Where a suite's services listen.
struct Suite {
  std::string lead, project, reporting;
  // host:base_port as `./zs` starts a suite: lead +1, project +2, reporting +4.
  static Suite AtBase(const std::string& host_base) {
    const std::pair<std::string, std::string> host_port = absl::StrSplit(host_base, ':');
    int base = 0;
    if (!absl::SimpleAtoi(host_port.second, &base)) throw std::runtime_error("host:base_port");
    auto at = [&](int offset) { return absl::StrCat(host_port.first, ":", base + offset); };
    return {at(1), at(2), at(4)};
  }
};

class Workload {
 public:
  Workload(const Identity& identity, const std::string& conninfo, const Suite& suite)
      : identity_(identity),
        conninfo_(conninfo),
        lead_channels_(suite.lead, 4),
        project_channels_(suite.project, 2),
        reporting_channels_(suite.reporting, 2),
        leads_(Stubs<lv1::LeadService>(lead_channels_, 4)),
        projects_(Stubs<pv1::ProjectService>(project_channels_, 2)),
        reports_(Stubs<rv1::ReportingService>(reporting_channels_, 2)) {
    pqxx::connection connection(conninfo);
    pqxx::nontransaction tx(connection);
    // Reads pick from the loaded dataset (ids 1..N on a fresh database).
    max_lead_id_ =
        tx.exec("SELECT count(*) FROM lead.leads WHERE title LIKE '基准线索%'")[0][0].as<long>();
    max_enterprise_id_ =
        tx.exec("SELECT max(id) FROM lead.enterprises WHERE name LIKE '基准企业%'")[0][0]
            .as<long>();
  }

  // Before a run that creates up to `creates` leads.
  void ReserveEnterprises(long creates) {
    ReleaseUnusedEnterprises();
    next_fresh_enterprise_ = AddFreshEnterprises(conninfo_, creates);
    fresh_left_ = creates;
  }

  // What earlier runs created goes, so every run starts from the loaded
  // dataset: the leads and projects the load made (and pgbench's), with
  // everything hanging off them, and their idempotency and audit rows.
  void RemoveEarlierRuns() {
    {
      std::lock_guard lock(mu_);
      last_created_.clear();
    }
    pqxx::connection connection(conninfo_);
    {
      pqxx::work tx(connection);
      tx.exec("SET LOCAL session_replication_role = replica");  // no audit, no FK triggers
      tx.exec(
          "CREATE TEMP TABLE run_leads ON COMMIT DROP AS "
          "SELECT id FROM lead.leads WHERE title LIKE '负载线索%' "
          "OR title = 'pgbench'");  // also pgbench's, should a run have stopped between
      tx.exec(
          "CREATE TEMP TABLE run_projects ON COMMIT DROP AS "
          "SELECT id FROM project.projects WHERE name LIKE '负载项目%'");
      // COPY's removal skips the triggers; what the removed records gave
      // the report rollups is taken back by hand (common/report_rollup.h).
      ForgetInRollups(tx, "SELECT id FROM run_leads", "SELECT id FROM run_projects");
      for (const char* table : {"lead.follow_ups", "lead.lead_status_history"}) {
        tx.exec(
            absl::StrCat("DELETE FROM ", table, " WHERE lead_id IN (SELECT id FROM run_leads)"));
      }
      tx.exec("DELETE FROM lead.leads WHERE id IN (SELECT id FROM run_leads)");
      for (const pqxx::row& table :
           tx.exec("SELECT c.table_name FROM information_schema.columns c "
                   "JOIN information_schema.tables t USING (table_schema, table_name) "
                   "WHERE c.table_schema = 'project' AND c.column_name = 'project_id' "
                   "AND t.table_type = 'BASE TABLE'")) {
        tx.exec(absl::StrCat("DELETE FROM project.", tx.quote_name(table[0].as<std::string>()),
                             " WHERE project_id IN (SELECT id FROM run_projects)"));
      }
      tx.exec("DELETE FROM project.projects WHERE id IN (SELECT id FROM run_projects)");
      for (const char* schema : {"lead", "project"}) {
        tx.exec(absl::StrCat("DELETE FROM ", schema,
                             ".idempotency_keys WHERE request_id LIKE 'bench-%'"));
      }
      // As the database owner: the services' roles cannot delete audit rows.
      tx.exec("DELETE FROM audit.events WHERE request_id LIKE 'bench-%'");
      tx.commit();
    }
    ReleaseUnusedEnterprises();
    // Vacuumed now, so autovacuum does not do it during a measured step.
    pqxx::nontransaction(connection)
        .exec(
            "VACUUM ANALYZE lead.leads, lead.follow_ups, lead.lead_status_history, "
            "lead.enterprises, lead.idempotency_keys, project.projects, project.transitions, "
            "project.idempotency_keys, audit.events, lead.report_deltas, "
            "lead.report_rollup_days, lead.report_rollup_months, project.report_deltas, "
            "project.report_rollup_days, project.report_rollup_months, project.project_facts");
  }

  // Reserved enterprises no lead was made for go again, so runs do not
  // grow the dataset (the leads they made stay, as a real district's would).
  void ReleaseUnusedEnterprises() {
    pqxx::connection connection(conninfo_);
    pqxx::work tx(connection);
    tx.exec("SET LOCAL session_replication_role = replica");
    tx.exec(
        "DELETE FROM lead.enterprises e WHERE e.name LIKE '基准新企业%' "
        "AND NOT EXISTS (SELECT 1 FROM lead.leads l WHERE l.enterprise_id = e.id)");
    tx.commit();
  }

  using Done = std::function<void(const std::string&, const grpc::Status&)>;

  void CreateLead(int caller, std::mt19937& random, Done done) {
    if (fresh_left_-- <= 0) {
      done("CreateLead", grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "no fresh enterprise"));
      return;
    }
    const int office = caller % 3;
    auto call = NewCall<lv1::CreateLeadRequest, lv1::Lead>(identity_.office_tokens[office]);
    call->request.set_request_id(
        absl::StrCat("bench-", absl::ToUnixNanos(absl::Now()), "-", caller, "-", random()));
    lv1::Lead* lead = call->request.mutable_lead();
    lead->set_title(absl::StrCat("负载线索", caller));
    lead->set_enterprise_id(next_fresh_enterprise_++);
    lead->set_channel(cv1::CHANNEL_RESIDENT_OFFICE);
    lead->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
    lead->set_estimated_investment_wan_yuan(5000);
    lead->set_office_code(identity_.offices[office]);
    leads_[caller % leads_.size()]->async()->CreateLead(
        &call->context, &call->request, &call->response,
        [this, call, caller, done](grpc::Status s) {
          if (s.ok()) {
            std::lock_guard lock(mu_);
            last_created_[caller] = call->response.id();
          }
          done("CreateLead", s);
        });
  }

  void AddFollowUp(int caller, std::mt19937& random, Done done) {
    int64_t lead_id = 0;
    {
      std::lock_guard lock(mu_);
      lead_id = last_created_[caller];
    }
    if (lead_id == 0) return CreateLead(caller, random, done);
    auto call =
        NewCall<lv1::AddFollowUpRequest, lv1::FollowUp>(identity_.office_tokens[caller % 3]);
    call->request.set_request_id(
        absl::StrCat("bench-f-", absl::ToUnixNanos(absl::Now()), "-", caller));
    call->request.mutable_follow_up()->set_lead_id(lead_id);
    call->request.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_CONTACT);
    call->request.mutable_follow_up()->set_content("电话沟通，对方有意向来考察");
    leads_[caller % leads_.size()]->async()->AddFollowUp(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status s) { done("AddFollowUp", s); });
  }

  void GetLead(int caller, std::mt19937& random, Done done) {
    auto call = NewCall<lv1::GetLeadRequest, lv1::Lead>(identity_.bureau_token);
    call->request.set_id(1 + random() % max_lead_id_);
    leads_[caller % leads_.size()]->async()->GetLead(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status s) { done("GetLead", s); });
  }

  // GetLead as a browser or script makes it: GET /v1/leads/{id} through
  // zs-gateway, JSON back. Counted OK only for a 200 with the lead.
  void GatewayGetLead(HttpCallers& http, int caller, std::mt19937& random, Done done) {
    const std::string path = absl::StrCat("/v1/leads/", 1 + random() % max_lead_id_);
    const httplib::Headers headers = {{"Authorization", "Bearer " + identity_.bureau_token}};
    http.Post(caller, [path, headers, done](httplib::Client& client) {
      httplib::Result answer = client.Get(path, headers);
      grpc::Status status;
      if (!answer) {
        status = grpc::Status(grpc::StatusCode::UNAVAILABLE, "no answer from the gateway");
      } else if (answer->status != 200 || answer->body.find("\"id\"") == std::string::npos) {
        status = grpc::Status(grpc::StatusCode::UNKNOWN, absl::StrCat("HTTP ", answer->status, " ",
                                                                      answer->body.substr(0, 200)));
      }
      done("GetLead via gateway", status);
    });
  }

  void ListLeads(int caller, std::mt19937& random, Done done, bool as_office) {
    auto call = NewCall<lv1::ListLeadsRequest, lv1::ListLeadsResponse>(
        as_office ? identity_.office_tokens[caller % 3] : identity_.bureau_token);
    call->request.set_page_size(50);
    if (!as_office && random() % 2 == 0)
      call->request.set_office_code(identity_.offices[random() % 3]);
    leads_[caller % leads_.size()]->async()->ListLeads(
        &call->context, &call->request, &call->response, [call, done](grpc::Status s) {
          done(s.ok() && call->response.leads_size() != 50 ? "ListLeads(short page)" : "ListLeads",
               s);
        });
  }

  // Projects move: a new project (PROMOTED), then into negotiation.
  void TransitionProject(int caller, std::mt19937& random, Done done) {
    auto create = NewCall<pv1::CreateProjectRequest, pv1::Project>(identity_.bureau_token);
    create->request.set_request_id(
        absl::StrCat("bench-p-", absl::ToUnixNanos(absl::Now()), "-", caller));
    pv1::Project* p = create->request.mutable_project();
    p->set_name(absl::StrCat("负载项目", caller, "-", random()));
    p->set_enterprise_id(1 + random() % max_enterprise_id_);
    p->set_industry(cv1::INDUSTRY_ELECTRONIC_INFORMATION);
    p->set_chain_action(cv1::CHAIN_ACTION_EXTEND);
    p->set_park_code("park-electronic");
    p->set_total_investment_wan_yuan(12000);
    p->set_unit_code("park-electronic");
    p->set_stage(pv1::STAGE_PROMOTED);
    auto* stub = projects_[caller % projects_.size()].get();
    stub->async()->CreateProject(
        &create->context, &create->request, &create->response,
        [this, create, stub, done](grpc::Status s) {
          if (!s.ok()) return done("CreateProject", s);
          auto move = NewCall<pv1::StartNegotiationRequest, pv1::Project>(identity_.bureau_token);
          move->request.set_request_id(create->request.request_id() + "-n");
          move->request.set_project_id(create->response.id());
          move->request.set_etag(create->response.etag());
          stub->async()->StartNegotiation(
              &move->context, &move->request, &move->response,
              [move, done](grpc::Status s2) { done("CreateProject+StartNegotiation", s2); });
        });
  }

  void PeriodReport(int caller, std::mt19937&, Done done) {
    auto call = NewCall<rv1::GetPeriodReportRequest, rv1::PeriodReport>(identity_.bureau_token);
    call->request.mutable_period()->set_start_date(kReportStart);
    call->request.mutable_period()->set_end_date(kReportEnd);
    // Every breakdown a report figure has (activity kind belongs to the
    // lead service's own aggregates, not to a report figure).
    for (int g = cv1::GROUP_BY_UNIT; g <= cv1::GROUP_BY_ACTIVITY; ++g) {
      if (g != cv1::GROUP_BY_ACTIVITY_KIND)
        call->request.add_breakdowns(static_cast<cv1::GroupBy>(g));
    }
    reports_[caller % reports_.size()]->async()->GetPeriodReport(
        &call->context, &call->request, &call->response,
        [call, done](grpc::Status s) { done("GetPeriodReport", s); });
  }

  // Three offices record and follow up, the bureau reads, moves projects
  // and now and then asks for the report.
  void Mix(int caller, std::mt19937& random, Done done) {
    const int dice = random() % 100;
    if (dice < 20) return CreateLead(caller, random, done);
    if (dice < 35) return AddFollowUp(caller, random, done);
    if (dice < 55) return ListLeads(caller, random, done, /*as_office=*/true);
    if (dice < 80) return GetLead(caller, random, done);
    if (dice < 92) return ListLeads(caller, random, done, /*as_office=*/false);
    if (dice < 99) return TransitionProject(caller, random, done);
    return PeriodReport(caller, random, done);
  }

 private:
  const Identity& identity_;
  std::string conninfo_;
  Channels lead_channels_, project_channels_, reporting_channels_;
  std::vector<std::unique_ptr<lv1::LeadService::Stub>> leads_;
  std::vector<std::unique_ptr<pv1::ProjectService::Stub>> projects_;
  std::vector<std::unique_ptr<rv1::ReportingService::Stub>> reports_;
  long max_lead_id_ = 1, max_enterprise_id_ = 1;
  std::atomic<long> next_fresh_enterprise_{0}, fresh_left_{0};
  std::mutex mu_;
  std::map<int, int64_t> last_created_;
};

std::vector<int> CallerLevels() {
  std::vector<int> levels;
  for (absl::string_view part : absl::StrSplit(absl::GetFlag(FLAGS_callers), ',')) {
    int n;
    if (absl::SimpleAtoi(part, &n) && n > 0) levels.push_back(n);
  }
  return levels;
}

// A bound on creates per second no service here reaches: fresh
// enterprises reserved for a step are this times its length.
constexpr long kMaxCreatesPerSecond = 10'000;

// Each step's limits; the step is named on stderr as it starts, so a
// profiler can be attached to the right one.
LoadLimits Limits(const std::string& step, int callers, int seconds) {
  std::cerr << absl::StrFormat("[bench] %s, %d callers, %d s\n", step, callers, seconds);
  return {.callers = callers, .duration = absl::Seconds(seconds)};
}

// Resident memory of a process, in MiB (VmRSS of /proc/PID/status).
double ResidentMiB(int pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  for (std::string line; std::getline(status, line);) {
    long kib;
    if (line.rfind("VmRSS:", 0) == 0 &&
        absl::SimpleAtoi(absl::StripAsciiWhitespace(absl::StripSuffix(line.substr(6), "kB")),
                         &kib)) {
      return kib / 1024.0;
    }
  }
  return 0;
}

void AddTarget(const std::string& name, double measured, const std::string& measured_text,
               const std::string& target_text, bool pass) {
  g_targets.push_back({name, measured, measured_text, target_text, pass});
}

// The time of one run of `sql`, in ms.
double TimeMs(pqxx::connection& connection, const std::string& sql) {
  pqxx::nontransaction tx(connection);
  const absl::Time started = absl::Now();
  tx.exec(sql);
  return absl::ToDoubleMilliseconds(absl::Now() - started);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

// Adds one run's calls to `total`, for runs taken apart in time.
void Absorb(LoadResult& total, const LoadResult& run) {
  total.elapsed += run.elapsed;
  for (const auto& [name, stats] : run.methods) {
    MethodStats& into = total.methods[name];
    into.latencies_ms.insert(into.latencies_ms.end(), stats.latencies_ms.begin(),
                             stats.latencies_ms.end());
    for (const auto& [code, count] : stats.errors) into.errors[code] += count;
    into.first_error.insert(stats.first_error.begin(), stats.first_error.end());
    long calls = static_cast<long>(into.latencies_ms.size());
    for (const auto& [code, count] : into.errors) calls += count;
    into.qps = calls / absl::ToDoubleSeconds(total.elapsed);
  }
}

// The yardstick for the period report: the fastest single hand-written SQL
// aggregate over the same rows, one statement giving the report's nine
// headline figures for the half-year straight from the tables (activities,
// leads, transitions, funds; no joins, no breakdowns). The report, every
// figure and every breakdown, is held to twice its time.
std::string HandWrittenFiguresSql() {
  return absl::StrReplaceAll(
      R"sql(
      WITH a AS (SELECT count(*) FILTER (WHERE kind = 1), count(*) FILTER (WHERE kind = 2)
                 FROM lead.activities WHERE start_date BETWEEN '{start}' AND '{end}'),
      l AS (SELECT count(*), sum(estimated_investment_wan_yuan) FROM lead.leads
            WHERE collected_date BETWEEN '{start}' AND '{end}' AND status <> 5),
      t AS (SELECT count(DISTINCT project_id) FILTER (WHERE kind = 1 AND to_stage = 3),
                   coalesce(sum(investment_wan_yuan) FILTER (WHERE kind = 1 AND to_stage = 3), 0)
                     + coalesce(sum(increment_wan_yuan) FILTER (WHERE kind = 2), 0),
                   count(DISTINCT project_id) FILTER (WHERE kind = 1 AND to_stage = 5),
                   sum(investment_wan_yuan) FILTER (WHERE kind = 1 AND to_stage = 5),
                   count(DISTINCT project_id) FILTER (WHERE kind = 1 AND to_stage = 5
                                                       AND investment_wan_yuan >= 10000),
                   count(DISTINCT project_id) FILTER (WHERE kind = 1 AND to_stage = 5
                                                       AND investment_wan_yuan >= 100000)
            FROM project.transitions WHERE effective_date BETWEEN '{start}' AND '{end}'),
      c AS (SELECT count(DISTINCT project_id), sum(investment_wan_yuan) FROM project.transitions
            WHERE kind = 5 AND effective_date = date_trunc('year', '{start}'::date)::date),
      f AS (SELECT count(DISTINCT project_id), sum(amount_wan_yuan) FROM project.funds
            WHERE arrival_date BETWEEN '{start}' AND '{end}')
      SELECT * FROM a, l, t, c, f)sql",
      {{"{start}", kReportStart}, {"{end}", kReportEnd}});
}

// For scale: the half-year's leads alone, counted and summed.
std::string HandWrittenLeadsSql() {
  return absl::StrFormat(
      "SELECT count(*), sum(estimated_investment_wan_yuan) FROM lead.leads "
      "WHERE collected_date BETWEEN '%s' AND '%s' AND status <> 5",
      kReportStart, kReportEnd);
}

// The report rollups' lag, watched while a step runs: every 100 ms, how
// long the oldest delta not yet folded has waited (lead and project).
class RollupLag {
 public:
  explicit RollupLag(std::string conninfo) : conninfo_(std::move(conninfo)) {}
  ~RollupLag() { Stop(); }
  void Watch() {
    thread_ = std::thread([this] {
      pqxx::connection connection(conninfo_);
      while (!stop_) {
        const double seconds =
            pqxx::nontransaction(connection)
                .exec(
                    "SELECT coalesce(max(EXTRACT(epoch FROM clock_timestamp() - oldest)), 0) "
                    "FROM (SELECT min(recorded_at) AS oldest FROM lead.report_deltas "
                    "      UNION ALL SELECT min(recorded_at) FROM project.report_deltas) d")[0][0]
                .as<double>();
        max_seconds_ = std::max(max_seconds_.load(), seconds);
        ++samples_;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  double max_seconds() const { return max_seconds_; }
  long samples() const { return samples_; }

 private:
  std::string conninfo_;
  std::thread thread_;
  std::atomic<bool> stop_ = false;
  std::atomic<double> max_seconds_ = 0;
  std::atomic<long> samples_ = 0;
};

int Main() {
  InitLogging("bench");
  const std::string conninfo = absl::GetFlag(FLAGS_pg_conninfo);
  const int seconds = absl::GetFlag(FLAGS_seconds);
  DatasetSize size;
  size.leads = absl::GetFlag(FLAGS_leads);
  size.enterprises = size.leads / 10;
  size.projects = size.leads / 10;
  size.transitions = size.leads / 2;
  if (absl::Status loaded = LoadDataset(conninfo, size); !loaded.ok()) {
    std::cerr << loaded << "\n";
    return 1;
  }
  // The same district at a tenth of the size, for the report's cost.
  const std::string small_conninfo = absl::GetFlag(FLAGS_small_pg_conninfo);
  const bool small = !absl::GetFlag(FLAGS_small_suite).empty() && !small_conninfo.empty();
  if (small) {
    DatasetSize tenth;
    tenth.leads = absl::GetFlag(FLAGS_small_leads);
    tenth.enterprises = tenth.leads / 10;
    tenth.projects = tenth.leads / 10;
    tenth.transitions = tenth.leads / 2;
    if (absl::Status loaded = LoadDataset(small_conninfo, tenth); !loaded.ok()) {
      std::cerr << loaded << "\n";
      return 1;
    }
  }

  absl::StatusOr<TokenSigner> signer =
      TokenSigner::FromFile(absl::GetFlag(FLAGS_token_signing_key_file));
  if (!signer.ok()) {
    std::cerr << signer.status() << "\n";
    return 1;
  }
  auto token = [&](const std::string& id, PrincipalKind kind, const std::string& unit) {
    TokenClaims claims{.principal = {.id = id, .kind = kind, .unit_code = unit},
                       .token_id = NewTokenId(),
                       .issued_at = absl::Now(),
                       .expires_at = absl::Now() + absl::Hours(4)};
    return *signer->Issue(claims);
  };
  Identity identity;
  identity.offices = {"office-yrd", "office-fujian", "office-chengdu"};
  for (const std::string& office : identity.offices) {
    identity.office_tokens.push_back(token("bench-" + office, PrincipalKind::kOfficeStaff, office));
  }
  identity.bureau_token = token("bench-bureau", PrincipalKind::kBureauStaff, "");
  Workload workload(
      identity, conninfo,
      {absl::GetFlag(FLAGS_lead), absl::GetFlag(FLAGS_project), absl::GetFlag(FLAGS_reporting)});
  std::unique_ptr<Workload> small_workload;
  if (small) {
    small_workload = std::make_unique<Workload>(identity, small_conninfo,
                                                Suite::AtBase(absl::GetFlag(FLAGS_small_suite)));
  }
  workload.RemoveEarlierRuns();
  const std::vector<int> levels = CallerLevels();
  const std::set<std::string> steps = absl::StrSplit(absl::GetFlag(FLAGS_steps), ',');
  auto wants = [&](const char* step) { return steps.contains(step); };

  // 1. The floor: a bare gRPC echo (PostgreSQL's, through pgbench, is beside
  // each method in step 2).
  EchoServer echo;
  Channels echo_channels(echo.address(), 4);
  const std::string payload(64, 'x');
  std::map<int, double> echo_qps, insert_tps, select_tps;
  for (int callers : wants("raw") ? levels : std::vector<int>{}) {
    LoadResult result = RunLoad(
        Limits("raw gRPC echo", callers, seconds), [&](int caller, std::mt19937&, auto done) {
          auto stub = std::make_shared<grpc::GenericStub>(echo_channels.For(caller));
          auto context = std::make_shared<grpc::ClientContext>();
          auto request = std::make_shared<grpc::ByteBuffer>();
          grpc::Slice slice(payload);
          *request = grpc::ByteBuffer(&slice, 1);
          auto response = std::make_shared<grpc::ByteBuffer>();
          stub->UnaryCall(
              context.get(), "/bench.Echo/Echo", grpc::StubOptions(), request.get(), response.get(),
              [stub, context, request, response, done](grpc::Status s) { done("echo", s); });
        });
    Keep("raw gRPC echo", callers, result);
    echo_qps[callers] = Method(result, "echo").qps;
  }
  const std::string insert_script =
      absl::StrCat("\\set e random(1, ", size.enterprises,
                   ")\n"
                   "INSERT INTO lead.leads (title, enterprise_id, channel, industry, "
                   "estimated_investment_wan_yuan, office_code, collected_date, status) "
                   "VALUES ('pgbench', :e, 7, 2, 5000, 'office-fujian', '2026-06-01', 3);\n");
  const std::string select_script = absl::StrCat("\\set id random(1, ", size.leads,
                                                 ")\nSELECT * FROM lead.leads WHERE id = :id;\n");
  // pgbench's equivalent, right before the method it is the floor of, so
  // both meet the same moment of a noisy machine.
  auto pgbench = [&](const char* name, const std::string& script, int callers) {
    absl::StatusOr<PgbenchResult> r =
        RunPgbench(absl::GetFlag(FLAGS_pgbench), conninfo, script, callers, seconds);
    if (!r.ok()) throw std::runtime_error(std::string(r.status().message()));
    g_rows.push_back(
        {"raw pgbench", callers, absl::StrCat(name, " (1 row)"), r->tps, r->latency_ms, 0, 0, ""});
    if (script == insert_script) {  // its rows are not leads anyone collected
      pqxx::connection connection(conninfo);
      pqxx::work tx(connection);
      tx.exec("SET LOCAL session_replication_role = replica");
      ForgetInRollups(tx, "SELECT id FROM lead.leads WHERE title = 'pgbench'", "");
      tx.exec("DELETE FROM lead.leads WHERE title = 'pgbench'");
      tx.commit();
    }
    return r->tps;
  };

  // 2. One method at a time, at each concurrency, each beside its floor.
  std::map<int, LoadResult> creates, gets, lists;
  LoadResult creates_with_rollups, creates_without_rollups;
  for (int callers : wants("raw") || wants("methods") ? levels : std::vector<int>{}) {
    if (wants("raw")) insert_tps[callers] = pgbench("INSERT", insert_script, callers);
    if (wants("methods")) {
      workload.ReserveEnterprises(kMaxCreatesPerSecond * seconds);
      creates[callers] =
          RunLoad(Limits("CreateLead only", callers, seconds),
                  [&](int c, std::mt19937& r, auto done) { workload.CreateLead(c, r, done); });
      Keep("CreateLead only", callers, creates[callers]);
    }
    if (wants("methods") && callers == 32) {
      // The rollups' cost to writers: CreateLead with its delta rows and
      // without (the trigger off), taking turns so both meet the same
      // moments; the leads made without are then given their deltas.
      pqxx::connection connection(conninfo);
      auto sql = [&](const std::string& statement) {
        return pqxx::nontransaction(connection).exec(statement);
      };
      for (int turn = 0; turn < 2; ++turn) {
        workload.ReserveEnterprises(kMaxCreatesPerSecond * seconds);
        const long before = sql("SELECT coalesce(max(id), 0) FROM lead.leads")[0][0].as<long>();
        sql("ALTER TABLE lead.leads DISABLE TRIGGER leads_report_deltas");
        Absorb(
            creates_without_rollups,
            RunLoad(Limits("CreateLead, no rollup writes", 32, seconds / 2),
                    [&](int c, std::mt19937& r, auto done) { workload.CreateLead(c, r, done); }));
        sql("ALTER TABLE lead.leads ENABLE TRIGGER leads_report_deltas");
        sql(absl::StrCat(
            "INSERT INTO lead.report_deltas (figure, day, sign, counted, amount, keys) "
            "SELECT f.figure, f.day, 1, f.counted, f.amount, f.keys FROM lead.leads l "
            "CROSS JOIN LATERAL lead.lead_report_facts(l) f WHERE l.id > ",
            before));
        Absorb(creates_with_rollups, RunLoad(Limits("CreateLead, rollup writes", 32, seconds / 2),
                                             [&](int c, std::mt19937& r, auto done) {
                                               workload.CreateLead(c, r, done);
                                             }));
      }
      Keep("CreateLead, no rollup writes", 32, creates_without_rollups);
      Keep("CreateLead, rollup writes (beside)", 32, creates_with_rollups);
    }
    if (wants("raw")) select_tps[callers] = pgbench("SELECT", select_script, callers);
    if (wants("methods")) {
      gets[callers] =
          RunLoad(Limits("GetLead only", callers, seconds),
                  [&](int c, std::mt19937& r, auto done) { workload.GetLead(c, r, done); });
      Keep("GetLead only", callers, gets[callers]);
      lists[callers] = RunLoad(
          Limits("ListLeads(50) only", callers, seconds),
          [&](int c, std::mt19937& r, auto done) { workload.ListLeads(c, r, done, false); });
      Keep("ListLeads(50) only", callers, lists[callers]);
    }
  }

  // 2b. GetLead through zs-gateway (HTTP/JSON) beside GetLead straight over
  // gRPC, at 32 callers, taking turns so both meet the same moments.
  LoadResult gateway_gets, direct_gets;
  const std::string gateway = absl::GetFlag(FLAGS_gateway);
  if (wants("gateway") && !gateway.empty()) {
    const std::pair<std::string, std::string> host_port = absl::StrSplit(gateway, ':');
    int port = 0;
    if (!absl::SimpleAtoi(host_port.second, &port)) throw std::runtime_error("--gateway host:port");
    HttpCallers http(host_port.first, port, 32);
    const int turn_seconds = std::max(1, seconds / 2);
    for (int turn = 0; turn < 2; ++turn) {
      Absorb(direct_gets,
             RunLoad(Limits("GetLead, gRPC", 32, turn_seconds),
                     [&](int c, std::mt19937& r, auto done) { workload.GetLead(c, r, done); }));
      Absorb(gateway_gets, RunLoad(Limits("GetLead via gateway", 32, turn_seconds),
                                   [&](int c, std::mt19937& r, auto done) {
                                     workload.GatewayGetLead(http, c, r, done);
                                   }));
    }
    Keep("GetLead, gRPC (beside gateway)", 32, direct_gets);
    Keep("GetLead via gateway (HTTP/JSON)", 32, gateway_gets);
  }

  // 3. The period report over the whole dataset, against the fastest
  // single aggregate over the same rows; and what it fetched.
  double fastest_ms = 0, leads_alone_ms = 0;
  long rows_fetched = -1;
  LoadResult reports, small_reports;
  if (wants("report")) {
    // Over the loaded dataset, as in a run of this step alone: what the
    // steps before created goes, and the tables are vacuumed.
    workload.RemoveEarlierRuns();
    pqxx::connection connection(conninfo);
    pqxx::nontransaction tx(connection);
    tx.exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    tx.exec("SELECT pg_stat_statements_reset()");
    // Turn about, a yardstick run and a report, so both meet the same
    // moments of a noisy machine (and the same caches).
    std::vector<double> yardstick, leads_alone;
    pqxx::connection yardstick_connection(conninfo);
    for (int run = 0; run < absl::GetFlag(FLAGS_report_runs); ++run) {
      yardstick.push_back(TimeMs(yardstick_connection, HandWrittenFiguresSql()));
      leads_alone.push_back(TimeMs(yardstick_connection, HandWrittenLeadsSql()));
      // The two reports take turns at going first after the yardstick.
      auto report = [&](Workload& on, LoadResult& into) {
        Absorb(into,
               RunLoad({.callers = 1, .duration = absl::Minutes(1), .max_calls = 1},
                       [&](int c, std::mt19937& r, auto done) { on.PeriodReport(c, r, done); }));
      };
      if (small_workload != nullptr && run % 2 == 1) report(*small_workload, small_reports);
      report(workload, reports);
      if (small_workload != nullptr && run % 2 == 0) report(*small_workload, small_reports);
    }
    fastest_ms = Median(yardstick);
    leads_alone_ms = Median(leads_alone);
    Keep(absl::StrCat("GetPeriodReport (all breakdowns), ", size.leads, " leads"), 1, reports);
    if (small_workload != nullptr) {
      Keep(absl::StrCat("GetPeriodReport (all breakdowns), ", absl::GetFlag(FLAGS_small_leads),
                        " leads"),
           1, small_reports);
    }
    // Rows PostgreSQL returned to the lead and project services while the
    // reports ran, per report.
    rows_fetched = tx.exec(absl::StrCat(
        "SELECT (coalesce(sum(s.rows), 0) / ", absl::GetFlag(FLAGS_report_runs),
        ")::bigint"
        " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid "
        "WHERE r.rolname IN ('zs_lead', 'zs_project')"))[0][0]
                       .as<long>();
  }

  // 4. The mix, at each concurrency; the last (largest) also watches memory.
  std::map<std::string, int> pids;
  for (absl::string_view part :
       absl::StrSplit(absl::GetFlag(FLAGS_service_pids), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, ':');
    int pid;
    if (absl::SimpleAtoi(kv.second, &pid)) pids[kv.first] = pid;
  }
  LoadResult mix_128, records_mix_128;
  RollupLag lag(conninfo);
  for (int callers : wants("mix") ? levels : std::vector<int>{}) {
    workload.ReserveEnterprises(kMaxCreatesPerSecond * seconds);
    if (callers == 128) lag.Watch();
    LoadResult mix = RunLoad(Limits("mix: 3 offices + bureau", callers, seconds),
                             [&](int c, std::mt19937& r, auto done) { workload.Mix(c, r, done); });
    if (callers == 128) lag.Stop();
    Keep("mix: 3 offices + bureau", callers, mix);
    if (callers == 128) mix_128 = mix;
  }
  if (const std::string suite = absl::GetFlag(FLAGS_records_suite);
      wants("mix") && !suite.empty()) {
    // The same mix where the aggregates scan the records, as before the
    // rollups: what the offices' calls met then.
    Workload records(identity, conninfo, Suite::AtBase(suite));
    records.ReserveEnterprises(kMaxCreatesPerSecond * seconds);
    records_mix_128 = RunLoad(Limits("mix, aggregates from the records", 128, seconds),
                              [&](int c, std::mt19937& r, auto done) { records.Mix(c, r, done); });
    Keep("mix, aggregates from the records", 128, records_mix_128);
    records.RemoveEarlierRuns();
  }
  std::map<std::string, std::vector<double>> memory;
  if (wants("memory")) {
    const int memory_seconds = absl::GetFlag(FLAGS_memory_seconds);
    workload.ReserveEnterprises(kMaxCreatesPerSecond * memory_seconds);
    LoadResult soak = RunLoad(
        Limits("mix, memory watched", 128, memory_seconds),
        [&](int c, std::mt19937& r, auto done) { workload.Mix(c, r, done); },
        [&] {
          for (const auto& [name, pid] : pids) memory[name].push_back(ResidentMiB(pid));
        });
    Keep(absl::StrCat("mix, ", memory_seconds, " s, memory watched"), 128, soak);
  }

  workload.ReleaseUnusedEnterprises();

  // The table.
  std::printf("\n%-34s %7s  %-32s %10s %9s %9s %9s  %s\n", "step", "callers", "method", "qps",
              "p50 ms", "p95 ms", "p99 ms", "errors");
  for (const Row& r : g_rows) {
    std::printf("%-34s %7d  %-32s %10.1f %9.2f %9.2f %9.2f  %s\n", r.step.c_str(), r.callers,
                r.method.c_str(), r.qps, r.p50, r.p95, r.p99, r.errors.c_str());
  }
  if (wants("report")) {
    std::printf(
        "\nhand-written aggregate, the nine figures in one statement: %.2f ms median "
        "(the half-year's leads alone, counted and summed: %.2f ms)\n",
        fastest_ms, leads_alone_ms);
  }
  for (const auto& [name, samples] : memory) {
    if (samples.empty()) continue;
    std::printf(
        "resident memory of zs-%s under 128 callers: first %.1f MiB, max %.1f MiB, last %.1f MiB\n",
        name.c_str(), samples.front(), *std::max_element(samples.begin(), samples.end()),
        samples.back());
  }

  // The targets.
  if (creates.contains(32) && insert_tps.contains(32)) {
    const double ratio = Method(creates[32], "CreateLead").qps / insert_tps[32];
    AddTarget("create_lead_qps_vs_pgbench_insert@32", ratio, absl::StrFormat("%.0f%%", 100 * ratio),
              ">=50%", ratio >= 0.5);
  }
  if (gets.contains(32) && select_tps.contains(32)) {
    const double ratio = Method(gets[32], "GetLead").qps / select_tps[32];
    AddTarget("get_lead_qps_vs_pgbench_select@32", ratio, absl::StrFormat("%.0f%%", 100 * ratio),
              ">=50%", ratio >= 0.5);
    const double list_p99 = Method(lists[32], "ListLeads").Percentile(99);
    const double get_p99 = Method(gets[32], "GetLead").Percentile(99);
    const double times = get_p99 > 0 ? list_p99 / get_p99 : 0;
    AddTarget("list_leads_p99_vs_get_lead_p99@32", times, absl::StrFormat("%.1fx", times), "<=10x",
              times > 0 && times <= 10);
  }
  if (!gateway_gets.methods.empty()) {
    const MethodStats& via = Method(gateway_gets, "GetLead via gateway");
    const MethodStats& direct = Method(direct_gets, "GetLead");
    const double ratio = direct.qps > 0 ? via.qps / direct.qps : 0;
    AddTarget("gateway_get_lead_qps_vs_grpc@32", ratio, absl::StrFormat("%.0f%%", 100 * ratio),
              ">=50%", ratio >= 0.5);
    const double p99 = direct.Percentile(99) > 0 ? via.Percentile(99) / direct.Percentile(99) : 0;
    AddTarget("gateway_get_lead_p99_vs_grpc@32", p99,
              absl::StrFormat("%.1fx (%.1f ms / %.1f ms)", p99, via.Percentile(99),
                              direct.Percentile(99)),
              "<=2x", p99 > 0 && p99 <= 2);
  }
  if (!creates_with_rollups.methods.empty()) {
    const double with = Method(creates_with_rollups, "CreateLead").qps;
    const double without = Method(creates_without_rollups, "CreateLead").qps;
    const double ratio = without > 0 ? with / without : 0;
    AddTarget("create_lead_qps_with_vs_without_rollup_writes@32", ratio,
              absl::StrFormat("%.0f%% (%.0f / %.0f)", 100 * ratio, with, without), ">=90%",
              ratio >= 0.9);
  }
  if (wants("report")) {
    const double p50 = Method(reports, "GetPeriodReport").Percentile(50);
    AddTarget(absl::StrCat("period_report_p50@", size.leads, "_leads"), p50,
              absl::StrFormat("%.1fms", p50), "<=10ms", p50 > 0 && p50 <= 10);
    if (small_workload != nullptr) {
      const double small_p50 = Method(small_reports, "GetPeriodReport").Percentile(50);
      const double ratio = small_p50 > 0 ? p50 / small_p50 : 0;
      AddTarget(absl::StrCat("period_report_p50_", size.leads, "_vs_",
                             absl::GetFlag(FLAGS_small_leads), "_leads"),
                ratio, absl::StrFormat("%.2fx (%.1f ms / %.1f ms)", ratio, p50, small_p50),
                "<=1.5x", ratio > 0 && ratio <= 1.5);
    }
  }
  if (!mix_128.methods.empty()) {
    const MethodStats& report = Method(mix_128, "GetPeriodReport");
    const double p99 = report.Percentile(99);
    AddTarget("mix_period_report_p99@128", p99, absl::StrFormat("%.0fms", p99), "<=250ms",
              p99 > 0 && p99 <= 250);
    const auto late = report.errors.find(grpc::StatusCode::DEADLINE_EXCEEDED);
    const int deadline_exceeded = late == report.errors.end() ? 0 : late->second;
    AddTarget("mix_period_report_deadline_exceeded@128", deadline_exceeded,
              absl::StrCat(deadline_exceeded), "0", deadline_exceeded == 0);
    AddTarget("report_rollup_lag_max@128", lag.max_seconds(),
              absl::StrFormat("%.2fs (%ld samples)", lag.max_seconds(), lag.samples()), "<1s",
              lag.samples() > 0 && lag.max_seconds() < 1);
  }
  if (!mix_128.methods.empty() && !records_mix_128.methods.empty()) {
    // The offices' own calls: recording and following up leads.
    auto office_p99 = [](const LoadResult& mix) {
      MethodStats office;
      for (const char* name : {"CreateLead", "AddFollowUp"}) {
        const auto& l = Method(mix, name).latencies_ms;
        office.latencies_ms.insert(office.latencies_ms.end(), l.begin(), l.end());
      }
      return office.Percentile(99);
    };
    const double now = office_p99(mix_128), before = office_p99(records_mix_128);
    const double ratio = before > 0 ? now / before : 0;
    AddTarget("mix_office_p99_vs_aggregates_from_records@128", ratio,
              absl::StrFormat("%.2fx (%.1f ms / %.1f ms)", ratio, now, before), "<=1x",
              ratio > 0 && ratio <= 1);
  }
  if (wants("report")) {
    const double report_p50 = Method(reports, "GetPeriodReport").Percentile(50);
    const double report_ratio = fastest_ms > 0 ? report_p50 / fastest_ms : 0;
    AddTarget("period_report_p50_vs_fastest_aggregate", report_ratio,
              absl::StrFormat("%.1fx (%.0f ms / %.1f ms)", report_ratio, report_p50, fastest_ms),
              "<=2x", report_p50 > 0 && report_ratio <= 2);
    AddTarget("period_report_rows_fetched_per_report", rows_fetched, absl::StrCat(rows_fetched),
              absl::StrCat("<=1000 of ", size.leads), rows_fetched >= 0 && rows_fetched <= 1000);
  }
  for (const auto& [name, samples] : memory) {
    if (samples.size() < 20) continue;
    const double max = *std::max_element(samples.begin(), samples.end());
    AddTarget(absl::StrCat("rss_max_", name, "@128"), max, absl::StrFormat("%.0fMiB", max),
              "<200MiB", max < 200);
    // Growth: the last 10 s against the 10 s after a 10 s warm-up.
    auto mean = [](auto begin, auto end) {
      return std::accumulate(begin, end, 0.0) / (end - begin);
    };
    const double early = mean(samples.begin() + 10, samples.begin() + 20);
    const double late = mean(samples.end() - 10, samples.end());
    AddTarget(absl::StrCat("rss_growth_", name, "@128"), late - early,
              absl::StrFormat("%+.1fMiB", late - early), "<=+10MiB", late - early <= 10);
  }
  std::printf("\n");
  bool all = true;
  for (const Target& t : g_targets) {
    std::printf("%s %s %s %s\n", t.name.c_str(), t.measured_text.c_str(), t.target_text.c_str(),
                t.pass ? "PASS" : "FAIL");
    all = all && t.pass;
  }
  return all ? 0 : 3;
}

}  // namespace
}  // namespace zs::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as the services do
  try {
    return zs::bench::Main();
  } catch (const std::exception& e) {  // a step that could not run (pgbench, the database)
    std::cerr << "zs-bench: " << e.what() << "\n";
    return 1;
  }
}
