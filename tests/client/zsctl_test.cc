// zsctl driven as people and scripts drive it: a process with real
// arguments, profiles and token files, against the lead service on its
// private PostgreSQL, checking what it prints, how it exits and what lands
// in the database.
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>
#include <iconv.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "tests/security/security_support.h"
#include "tests/support/delaying_proxy.h"
#include "tests/support/lead_server.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"
#include "tests/support/supervision_server.h"
#include "tests/support/test_database.h"

namespace zs::testing {
namespace {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The terminal column where `text` starts in `line`: CJK characters (three
// UTF-8 bytes here) take two columns.
size_t DisplayColumn(const std::string& line, const std::string& text) {
  const size_t at = line.find(text);
  if (at == std::string::npos) return std::string::npos;
  size_t column = 0;
  for (size_t i = 0; i < at;) {
    const unsigned char c = line[i];
    const size_t bytes = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    column += bytes >= 3 ? 2 : 1;
    i += bytes;
  }
  return column;
}

std::string Quote(const std::string& arg) {
  return "'" + absl::StrReplaceAll(arg, {{"'", "'\\''"}}) + "'";
}

class ZsctlTest : public ::testing::Test {
 protected:
  ZsctlTest() : port_(FreeLoopbackPort()) {
    char pattern[] = "/tmp/zsctl-test-XXXXXX";
    home_ = mkdtemp(pattern);
    database_ = std::make_shared<TestDatabase>("lead", lead::kMigrations);
    StartServices();
    for (const auto& [profile, principal] : std::vector<std::pair<std::string, Principal>>{
             {"fujian", OfficeStaff()},
             {"chengdu", OtherOfficeStaff()},
             {"yrd",
              {.id = "yrd-zhou", .kind = PrincipalKind::kOfficeStaff, .unit_code = "office-yrd"}},
             {"bureau", BureauStaff()}}) {
      std::ofstream(home_ + "/" + profile + ".token") << authority_.Token(principal) << "\n";
    }
    WriteConfig(absl::StrCat("127.0.0.1:", port_));
  }
  ~ZsctlTest() override {
    server_.reset();
    std::filesystem::remove_all(home_);
  }

  void StartServices() {
    server_ = std::make_unique<LeadServer>(database_, port_, Directory::Seeded(),
                                           authority_.gatekeeper());
  }
  void StopServices() { server_.reset(); }

  void WriteConfig(const std::string& endpoint, const std::string& extra = "") {
    std::ofstream config(home_ + "/config.ini", std::ios::trunc);
    for (const auto& [profile, office] :
         std::vector<std::pair<std::string, std::string>>{{"fujian", "office-fujian"},
                                                          {"chengdu", "office-chengdu"},
                                                          {"yrd", "office-yrd"},
                                                          {"bureau", ""}}) {
      config << "[profile " << profile << "]\n"
             << "endpoint = " << endpoint << "\n"
             << "plaintext = true\n"
             << "token_file = " << home_ << "/" << profile << ".token\n"
             << "office = " << office << "\n"
             << "timeout_seconds = 5\n"
             << "retries = 3\n"
             << extra << "\n";
    }
  }

  Outcome Zsctl(const std::vector<std::string>& args, const std::string& env = "") {
    std::vector<std::string> quoted;
    for (const std::string& arg : args) quoted.push_back(Quote(arg));
    const std::string err_file = home_ + "/stderr";
    const std::string command =
        absl::StrCat(env, " ZSCTL_CONFIG=", Quote(home_ + "/config.ini"),
                     " ZSCTL_STATE_DIR=", Quote(home_ + "/state"), " HOME=", Quote(home_), " ",
                     ZS_ZSCTL_BINARY, " ", absl::StrJoin(quoted, " "), " 2>", Quote(err_file));
    Outcome run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(err_file);
    std::stringstream text;
    text << err.rdbuf();
    run.err = text.str();
    return run;
  }

  std::string Count(const std::string& where) {
    return database_->QueryValue("SELECT count(*) FROM leads WHERE " + where);
  }

  int64_t CreateEnterprise(const std::string& profile, const std::string& name) {
    // The tests name series of enterprises alike (离线办公测试1, 2 …): confirmed.
    Outcome run = Zsctl({"--profile", profile, "lead", "create-enterprise", "--name", name,
                         "--industry", "medical_devices", "--allow-similar", "-o", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::smatch id;
    EXPECT_TRUE(std::regex_search(run.out, id, std::regex("\"id\": \"([0-9]+)\""))) << run.out;
    return id.empty() ? 0 : std::stoll(id[1]);
  }

  TokenAuthority authority_;
  int port_;
  std::string home_;
  std::shared_ptr<TestDatabase> database_;
  std::unique_ptr<LeadServer> server_;
};

TEST_F(ZsctlTest, EachOfficeWorksThroughItsOwnProfile) {
  for (const std::string office : {"fujian", "chengdu", "yrd"}) {
    // An enterprise has one open lead at a time: one each.
    const int64_t enterprise = CreateEnterprise("bureau", office + "医疗科技有限公司");
    Outcome created = Zsctl({"--profile", office, "lead", "create", "--title", office + "的线索",
                             "--enterprise-id", absl::StrCat(enterprise), "--channel",
                             "resident_office", "--industry", "medical_devices"});
    EXPECT_EQ(created.exit_code, 0) << created.err;
    // The profile's office is who collected it.
    EXPECT_EQ(
        Count(absl::StrCat("title = '", office, "的线索' AND office_code = 'office-", office, "'")),
        "1");
  }
  // Each office's list holds its own lead only, in every output format.
  Outcome fujian = Zsctl({"--profile", "fujian", "lead", "list", "-o", "json"});
  ASSERT_EQ(fujian.exit_code, 0) << fujian.err;
  EXPECT_NE(fujian.out.find("fujian的线索"), std::string::npos) << fujian.out;
  EXPECT_EQ(fujian.out.find("chengdu的线索"), std::string::npos) << fujian.out;
  EXPECT_NE(fujian.out.find("\"office_code\": \"office-fujian\""), std::string::npos);

  Outcome table =
      Zsctl({"--profile", "chengdu", "lead", "list", "--columns", "id,title,office_code"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::vector<std::string> lines = absl::StrSplit(table.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << table.out;
  EXPECT_EQ(lines[0].find("ID"), 0u);
  // Columns line up by display width: the wide title is followed by the
  // office, by its name, at the same column as the header's.
  EXPECT_EQ(DisplayColumn(lines[0], "OFFICE_CODE"), DisplayColumn(lines[1], "成都驻外招商办事处"))
      << table.out;

  Outcome csv =
      Zsctl({"--profile", "yrd", "lead", "list", "-o", "csv", "--columns", "title,office_code"});
  EXPECT_EQ(csv.out, "\xEF\xBB\xBFtitle,office_code\r\nyrd的线索,长三角驻外招商办事处\r\n");

  // Another office's record: denied, and the exit code says so.
  const std::string fujian_lead =
      database_->QueryValue("SELECT id FROM leads WHERE office_code = 'office-fujian'");
  Outcome denied = Zsctl({"--profile", "chengdu", "lead", "get", "--id", fujian_lead});
  EXPECT_EQ(denied.exit_code, 4) << denied.out << denied.err;
  EXPECT_NE(denied.err.find("PERMISSION_DENIED"), std::string::npos) << denied.err;
}

TEST_F(ZsctlTest, ExitCodesTellUsageNotFoundPermissionAndUnavailableApart) {
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "get", "--id", "not-a-number"}).exit_code, 2);
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "no-such-command"}).exit_code, 2);
  EXPECT_EQ(Zsctl({"--profile", "nowhere", "lead", "list"}).exit_code, 2);
  EXPECT_EQ(Zsctl({"--profile", "bureau", "lead", "get", "--id", "424242"}).exit_code, 3);
  Outcome invalid = Zsctl({"--profile", "fujian", "lead", "create", "--title", "x", "--channel",
                           "small_team", "--industry", "other"});
  EXPECT_EQ(invalid.exit_code, 7) << invalid.err;
  EXPECT_NE(invalid.err.find("lead.enterprise_id"), std::string::npos) << invalid.err;
  std::ofstream(home_ + "/fujian.token", std::ios::trunc) << "not-a-token\n";
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "list"}).exit_code, 4);
  StopServices();
  EXPECT_EQ(Zsctl({"--profile", "bureau", "--retries", "1", "lead", "list"}).exit_code, 5);
}

TEST_F(ZsctlTest, ACreateRetriedAfterATimeoutGivesOneRecord) {
  const int64_t enterprise = CreateEnterprise("bureau", "慢速网络测试有限公司");
  // The first CreateLead reaches the service, which commits it, but its
  // answer comes back after the client's 1 s deadline.
  DelayingProxy proxy(absl::StrCat("127.0.0.1:", port_),
                      "/zhaoshang.lead.v1.LeadService/CreateLead", absl::Seconds(3));
  WriteConfig(proxy.address());
  Outcome run = Zsctl({"--profile", "fujian", "--timeout", "1", "lead", "create", "--title",
                       "只应有一条", "--enterprise-id", absl::StrCat(enterprise), "--channel",
                       "small_team", "--industry", "medical_devices"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("attempt 1 failed"), std::string::npos) << run.err;
  EXPECT_GE(proxy.forwarded(), 2) << "the create was sent again";
  EXPECT_EQ(Count("title = '只应有一条'"), "1");
  EXPECT_NE(run.out.find("只应有一条"), std::string::npos) << run.out;
}

TEST_F(ZsctlTest, ChangesQueuedOfflineLandExactlyOnceInOrder) {
  std::vector<int64_t> enterprises;
  for (int i = 1; i <= 3; ++i) {
    enterprises.push_back(CreateEnterprise("bureau", absl::StrCat("离线办公测试", i, "有限公司")));
  }
  StopServices();
  for (int i = 1; i <= 3; ++i) {
    const int64_t enterprise = enterprises[i - 1];
    Outcome queued =
        Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create", "--queue", "--title",
               absl::StrCat("离线线索", i), "--enterprise-id", absl::StrCat(enterprise),
               "--channel", "resident_office", "--industry", "medical_devices"});
    EXPECT_EQ(queued.exit_code, 0) << queued.err;
    EXPECT_NE(queued.out.find(absl::StrCat("queued #", i)), std::string::npos) << queued.out;
  }
  Outcome listed =
      Zsctl({"--profile", "fujian", "queue", "list", "-o", "csv", "--columns", "seq,method"});
  EXPECT_EQ(listed.out,
            "\xEF\xBB\xBFseq,method\r\n1,zhaoshang.lead.v1.LeadService.CreateLead\r\n"
            "2,zhaoshang.lead.v1.LeadService.CreateLead\r\n"
            "3,zhaoshang.lead.v1.LeadService.CreateLead\r\n");
  // Still offline: sync keeps everything queued and says so.
  Outcome offline = Zsctl({"--profile", "fujian", "--retries", "0", "sync"});
  EXPECT_EQ(offline.exit_code, 5) << offline.out << offline.err;

  StartServices();
  EXPECT_EQ(Count("title LIKE '离线线索%'"), "0");
  Outcome synced = Zsctl({"--profile", "fujian", "sync"});
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  EXPECT_NE(synced.out.find("3 landed, 0 conflicts, 0 still queued"), std::string::npos)
      << synced.out;
  EXPECT_EQ(Count("title LIKE '离线线索%' AND office_code = 'office-fujian'"), "3");
  // In the order they were queued.
  EXPECT_EQ(
      database_->QueryValue(
          "SELECT string_agg(title, ',' ORDER BY id) FROM leads WHERE title LIKE '离线线索%'"),
      "离线线索1,离线线索2,离线线索3");
  Outcome again = Zsctl({"--profile", "fujian", "sync"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 landed"), std::string::npos) << again.out;
  EXPECT_EQ(Count("title LIKE '离线线索%'"), "3");
}

TEST_F(ZsctlTest, AQueuedChangeTheServicesRefuseIsSetAsideNotForced) {
  StopServices();
  // Queued while offline, this names an enterprise that does not exist.
  Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create", "--queue", "--title", "坏的",
         "--enterprise-id", "999999", "--channel", "small_team", "--industry", "other"});
  StartServices();
  Outcome synced = Zsctl({"--profile", "fujian", "sync"});
  EXPECT_EQ(synced.exit_code, 6) << synced.out << synced.err;
  EXPECT_NE(synced.out.find("CONFLICT"), std::string::npos) << synced.out;
  EXPECT_TRUE(std::filesystem::exists(home_ + "/state/fujian.queue.jsonl.conflicts"));
  EXPECT_EQ(Zsctl({"--profile", "fujian", "queue", "list", "-o", "csv"}).out,
            "\xEF\xBB\xBFseq,method,queued_time\r\n");
}

TEST_F(ZsctlTest, VersionProfilesAndCommandsAPersonMistypes) {
  Outcome version = Zsctl({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(std::regex_search(version.out, std::regex("^zsctl [0-9]+\\.[0-9]+\\.[0-9]+\n")))
      << version.out;
  EXPECT_NE(version.out.find("contracts v1 ("), std::string::npos) << version.out;

  Outcome typo = Zsctl({"--profile", "fujian", "lead", "creat", "--title", "x"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean create"), std::string::npos) << typo.err;
  EXPECT_NE(Zsctl({"laed", "list"}).err.find("did you mean lead"), std::string::npos);
  Outcome flag = Zsctl({"--profile", "fujian", "lead", "create", "--titel", "x"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("has no flag --titel; did you mean --title"), std::string::npos)
      << flag.err;

  // A default profile, as kubectl's current context.
  const int64_t enterprise = CreateEnterprise("bureau", "默认配置测试有限公司");
  Outcome unconfigured =
      Zsctl({"lead", "create", "--title", "默认的线索", "--enterprise-id", absl::StrCat(enterprise),
             "--channel", "fair", "--industry", "other"});
  EXPECT_EQ(unconfigured.exit_code, 2) << "the default profile names no endpoint";
  EXPECT_NE(unconfigured.err.find("endpoint"), std::string::npos) << unconfigured.err;
  Outcome use = Zsctl({"config", "use", "fujian"});
  EXPECT_EQ(use.exit_code, 0) << use.err;
  Outcome created = Zsctl({"lead", "create", "--title", "默认的线索", "--enterprise-id",
                           absl::StrCat(enterprise), "--channel", "fair", "--industry", "other"});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(Count("title = '默认的线索' AND office_code = 'office-fujian'"), "1");
  EXPECT_EQ(Zsctl({"config", "use", "nowhere"}).exit_code, 2);
  EXPECT_NE(Zsctl({"config", "show"}).out.find("profile fujian"), std::string::npos);

  // Configuration errors exit 2: an unknown profile, a profile with no way
  // to secure the link.
  EXPECT_EQ(Zsctl({"--profile", "nowhere", "lead", "list"}).exit_code, 2);
  std::ofstream(home_ + "/config.ini", std::ios::app) << "[profile bare]\nendpoint = 127.0.0.1:1\n";
  Outcome bare = Zsctl({"--profile", "bare", "lead", "list"});
  EXPECT_EQ(bare.exit_code, 2) << bare.err;
  EXPECT_NE(bare.err.find("tls_ca_file"), std::string::npos) << bare.err;

  // ZSCTL_ENDPOINT overrides the profile's per-service endpoints too.
  std::ofstream(home_ + "/config.ini", std::ios::app)
      << "[profile split]\nlead_endpoint = 127.0.0.1:1\nplaintext = true\ntoken_file = " << home_
      << "/bureau.token\n";
  EXPECT_EQ(Zsctl({"--profile", "split", "--retries", "0", "lead", "list"}).exit_code, 5);
  Outcome overridden = Zsctl({"--profile", "split", "lead", "list"},
                             absl::StrCat("ZSCTL_ENDPOINT=127.0.0.1:", port_));
  EXPECT_EQ(overridden.exit_code, 0) << overridden.err;
}

TEST_F(ZsctlTest, AnUpdateReadsItsEtagAndMasksTheFlagsGiven) {
  const int64_t enterprise = CreateEnterprise("bureau", "更新测试有限公司");
  ASSERT_EQ(Zsctl({"--profile", "fujian", "lead", "create", "--title", "原来的名称",
                   "--enterprise-id", absl::StrCat(enterprise), "--channel", "fair", "--industry",
                   "other", "--estimated-investment-wan-yuan", "5000"})
                .exit_code,
            0);
  const std::string id = database_->QueryValue("SELECT id FROM leads WHERE title = '原来的名称'");
  Outcome before = Zsctl({"--profile", "fujian", "-o", "json", "lead", "get", "--id", id});
  std::smatch etag;
  ASSERT_TRUE(std::regex_search(before.out, etag, std::regex(R"re("etag": "((?:[^"\\]|\\.)*)")re")))
      << before.out;
  const std::string old_etag = absl::StrReplaceAll(etag[1].str(), {{"\\\"", "\""}});
  // Neither a mask nor an etag: the mask is the flags given, the etag read.
  Outcome updated =
      Zsctl({"--profile", "fujian", "lead", "update", "--id", id, "--title", "新的名称"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_EQ(
      Count("id = " + id + " AND title = '新的名称' AND estimated_investment_wan_yuan = 5000"),
      "1");
  // A stale etag is a real conflict: shown, not retried.
  Outcome stale = Zsctl({"--profile", "fujian", "lead", "update", "--id", id, "--etag", old_etag,
                         "--title", "第三个名称"});
  EXPECT_EQ(stale.exit_code, 6) << stale.err;
  EXPECT_NE(stale.err.find("新的名称"), std::string::npos) << stale.err;
  EXPECT_NE(stale.err.find("第三个名称"), std::string::npos) << stale.err;
  EXPECT_EQ(Count("id = " + id + " AND title = '新的名称'"), "1");
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "update", "--id", id}).exit_code, 2)
      << "nothing to change";
  // Output-only fields are not offered on create; booleans are switches.
  Outcome help = Zsctl({"lead", "create", "--help"});
  EXPECT_EQ(help.out.find("--create-time"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("--lead.id"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("--etag"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--title"), std::string::npos) << help.out;
}

TEST_F(ZsctlTest, ListsSayWhenTheyAreCutOrEmptyAndNameEnterprises) {
  for (int i = 1; i <= 3; ++i) {
    const int64_t enterprise = CreateEnterprise("bureau", absl::StrCat("列表企业", i, "有限公司"));
    ASSERT_EQ(
        Zsctl({"--profile", "fujian", "lead", "create", "--title", absl::StrCat("列表线索", i),
               "--enterprise-id", absl::StrCat(enterprise), "--channel", "fair", "--industry",
               "other", "--follow-up-owner", i == 2 ? "fujian-chen" : "fujian-other"})
            .exit_code,
        0);
  }
  Outcome cut = Zsctl({"--profile", "fujian", "lead", "list", "--page-size", "2"});
  EXPECT_EQ(cut.exit_code, 0) << cut.err;
  EXPECT_NE(cut.err.find("showing the first 2 leads; there are more: --all"), std::string::npos)
      << cut.err;
  EXPECT_TRUE(std::regex_search(cut.out, std::regex("[0-9]+ 列表企业[0-9]有限公司")))
      << "names beside ids: " << cut.out;
  // The status's label and the office's name, never LEAD_STATUS_NEW or office-fujian.
  EXPECT_NE(cut.out.find("新线索"), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find("福建驻外招商办事处"), std::string::npos) << cut.out;
  EXPECT_EQ(cut.out.find("office-fujian"), std::string::npos) << cut.out;
  EXPECT_EQ(cut.out.find("new"), std::string::npos) << cut.out;
  Outcome all = Zsctl({"--profile", "fujian", "lead", "list", "--page-size", "2", "--all"});
  EXPECT_EQ(all.err.find("showing"), std::string::npos) << all.err;
  EXPECT_NE(all.out.find("列表线索3"), std::string::npos) << all.out;

  Outcome empty = Zsctl({"--profile", "fujian", "lead", "list", "--status", "dropped"});
  EXPECT_EQ(empty.exit_code, 0);
  EXPECT_NE(empty.out.find("no leads"), std::string::npos) << empty.out;

  // "My leads": the follow-up owner is the token's principal.
  Outcome mine = Zsctl({"--profile", "fujian", "lead", "list", "--mine", "--page-size", "1"});
  EXPECT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_NE(mine.out.find("列表线索2"), std::string::npos) << mine.out;
  EXPECT_EQ(mine.out.find("列表线索1"), std::string::npos) << mine.out;
  EXPECT_EQ(mine.out.find("列表线索3"), std::string::npos) << mine.out;
}

TEST_F(ZsctlTest, ANewEnterpriseAndItsLeadRecordedOfflineLandInOrder) {
  StopServices();
  Outcome enterprise =
      Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create-enterprise", "--queue",
             "--ref", "ent1", "--name", "离线新企业有限公司", "--industry", "medical_devices"});
  EXPECT_EQ(enterprise.exit_code, 0) << enterprise.err;
  EXPECT_NE(enterprise.out.find("queued #1 CreateEnterprise as @ent1"), std::string::npos)
      << enterprise.out;
  // The lead names the enterprise that has no id yet; no date given.
  Outcome lead = Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create", "--queue",
                        "--title", "离线新线索", "--enterprise-id", "@ent1", "--channel",
                        "resident_office", "--industry", "medical_devices"});
  EXPECT_EQ(lead.exit_code, 0) << lead.err;

  Outcome listed = Zsctl({"--profile", "fujian", "queue", "list"});
  EXPECT_NE(listed.out.find("CreateEnterprise"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("name=离线新企业有限公司"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("title=离线新线索"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("enterprise_id=@ent1"), std::string::npos) << listed.out;
  // The day it was recorded is kept in the queued change.
  const std::string today = TodayInChinaString();
  Outcome json = Zsctl({"--profile", "fujian", "queue", "list", "-o", "json"});
  EXPECT_NE(json.out.find("\"collected_date\": \"" + today + "\""), std::string::npos) << json.out;

  StartServices();
  Outcome synced = Zsctl({"--profile", "fujian", "sync"});
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  EXPECT_NE(synced.out.find("2 landed, 0 conflicts, 0 still queued"), std::string::npos)
      << synced.out;
  EXPECT_EQ(Count("title = '离线新线索' AND collected_date = '" + today +
                  "' AND enterprise_id = (SELECT id FROM enterprises WHERE name = "
                  "'离线新企业有限公司')"),
            "1");
  // Once landed, the name still means that enterprise.
  Outcome later = Zsctl({"--profile", "fujian", "lead", "list", "--enterprise-id", "@ent1"});
  EXPECT_EQ(later.exit_code, 0) << later.err;
  EXPECT_NE(later.out.find("离线新线索"), std::string::npos) << later.out;
}

TEST_F(ZsctlTest, OnlyALinkDownOrTooSlowQueues) {
  const int64_t enterprise = CreateEnterprise("bureau", "只在断网时排队有限公司");
  const std::vector<std::string> create = {"lead",
                                           "create",
                                           "--queue",
                                           "--title",
                                           "排队测试",
                                           "--enterprise-id",
                                           absl::StrCat(enterprise),
                                           "--channel",
                                           "fair",
                                           "--industry",
                                           "other"};
  auto run = [&](const std::string& profile, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--profile", profile, "--retries", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.end(), create.begin(), create.end());
    return Zsctl(args);
  };
  auto nothing_queued = [&] {
    return Zsctl({"--profile", "fujian", "queue", "list"}).out == "nothing queued\n";
  };
  // Permission refused: a lead for another office.
  std::vector<std::string> other_office = create;
  other_office.insert(other_office.end(), {"--office-code", "office-fujian"});
  other_office.insert(other_office.begin(), {"--profile", "chengdu"});
  Outcome denied = Zsctl(other_office);
  EXPECT_EQ(denied.exit_code, 4) << denied.out << denied.err;
  EXPECT_NE(denied.err.find("Nothing was queued"), std::string::npos) << denied.err;

  // A token the services refuse (revoked, forged): exit 4, what to do, nothing queued.
  std::ofstream(home_ + "/fujian.token", std::ios::trunc) << "not-a-token\n";
  Outcome refused = run("fujian");
  EXPECT_EQ(refused.exit_code, 4) << refused.err;
  EXPECT_NE(refused.err.find("ask the bureau's administrator for a new one"), std::string::npos)
      << refused.err;
  EXPECT_TRUE(nothing_queued());

  // An expired token: said at once, online or off.
  std::ofstream(home_ + "/fujian.token", std::ios::trunc)
      << authority_.Token(OfficeStaff(), -absl::Hours(1)) << "\n";
  for (bool online : {true, false}) {
    if (!online) StopServices();
    Outcome expired = run("fujian");
    EXPECT_EQ(expired.exit_code, 4) << expired.err;
    EXPECT_NE(expired.err.find("expired"), std::string::npos) << expired.err;
    EXPECT_TRUE(nothing_queued());
  }
  StartServices();
  std::ofstream(home_ + "/fujian.token", std::ios::trunc)
      << authority_.Token(OfficeStaff()) << "\n";

  // An untrusted certificate: a TLS server whose certificate another CA
  // signed. Not retried, not queued.
  const std::string certs = home_ + "/certs";
  std::filesystem::create_directories(certs);
  ASSERT_EQ(std::system(("cd " + certs +
                         " && openssl req -x509 -newkey rsa:2048 -nodes -keyout server.key -out "
                         "server.pem -days 1 -subj /CN=localhost -addext "
                         "subjectAltName=IP:127.0.0.1 2>/dev/null && openssl req -x509 -newkey "
                         "rsa:2048 -nodes -keyout other.key -out other-ca.pem -days 1 -subj "
                         "/CN=other-ca 2>/dev/null")
                            .c_str()),
            0);
  auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  grpc::SslServerCredentialsOptions tls;
  tls.pem_key_cert_pairs.push_back({read(certs + "/server.key"), read(certs + "/server.pem")});
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  const int tls_port = FreeLoopbackPort();
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", tls_port), grpc::SslServerCredentials(tls));
  std::unique_ptr<grpc::Server> tls_server = builder.BuildAndStart();
  ASSERT_NE(tls_server, nullptr);
  std::ofstream(home_ + "/config.ini", std::ios::app)
      << "[profile intercepted]\nendpoint = 127.0.0.1:" << tls_port << "\ntls_ca_file = " << certs
      << "/other-ca.pem\ntoken_file = " << home_ << "/fujian.token\nretries = 5\n"
      << "state_dir = " << home_ << "/state\n";
  const auto started = std::chrono::steady_clock::now();
  Outcome untrusted =
      Zsctl({"--profile", "intercepted", "lead", "create", "--queue", "--title", "证书测试",
             "--enterprise-id", "1", "--channel", "fair", "--industry", "other"});
  EXPECT_EQ(untrusted.exit_code, 4) << untrusted.out << untrusted.err;
  EXPECT_NE(untrusted.err.find("certificate is not trusted"), std::string::npos) << untrusted.err;
  EXPECT_EQ(untrusted.err.find("retrying"), std::string::npos) << untrusted.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(4));
  EXPECT_EQ(Zsctl({"--profile", "intercepted", "queue", "list"}).out, "nothing queued\n");
  tls_server->Shutdown();

  // A link that hangs: the answer does not come back in time. Queued; the
  // service had already done it, and the sync's replay does not do it twice.
  {
    DelayingProxy proxy(absl::StrCat("127.0.0.1:", port_),
                        "/zhaoshang.lead.v1.LeadService/CreateLead", absl::Seconds(3));
    WriteConfig(proxy.address());
    Outcome hung = run("fujian", {"--timeout", "1"});
    EXPECT_EQ(hung.exit_code, 0) << hung.err;
    EXPECT_NE(hung.out.find("queued #1 CreateLead"), std::string::npos) << hung.out;
    EXPECT_NE(hung.err.find("out of reach"), std::string::npos) << hung.err;
  }
  WriteConfig(absl::StrCat("127.0.0.1:", port_));
  Outcome synced = Zsctl({"--profile", "fujian", "sync"});
  EXPECT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  EXPECT_EQ(Count("title = '排队测试'"), "1");

  // A profile may queue whenever the link is down, without --queue.
  WriteConfig(absl::StrCat("127.0.0.1:", port_), "queue_when_offline = true\n");
  StopServices();
  Outcome automatic = Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create", "--title",
                             "自动排队", "--enterprise-id", absl::StrCat(enterprise), "--channel",
                             "fair", "--industry", "other"});
  EXPECT_EQ(automatic.exit_code, 0) << automatic.err;
  EXPECT_NE(automatic.out.find("queued #"), std::string::npos) << automatic.out;
}

TEST_F(ZsctlTest, SetAsideChangesAreListedWithTheReasonAndRetriedOrDropped) {
  const int64_t busy = CreateEnterprise("bureau", "已有线索有限公司");
  ASSERT_EQ(
      Zsctl({"--profile", "fujian", "lead", "create", "--title", "先到的线索", "--enterprise-id",
             absl::StrCat(busy), "--channel", "fair", "--industry", "other"})
          .exit_code,
      0);
  StopServices();
  // One open lead per enterprise: this one will be refused at sync, and
  // so will one for an enterprise that does not exist.
  for (const std::string& enterprise : {absl::StrCat(busy), std::string("999999")}) {
    ASSERT_EQ(Zsctl({"--profile", "fujian", "--retries", "0", "lead", "create", "--queue",
                     "--title", "后到的线索" + enterprise, "--enterprise-id", enterprise,
                     "--channel", "fair", "--industry", "other"})
                  .exit_code,
              0);
  }
  StartServices();
  EXPECT_EQ(Zsctl({"--profile", "fujian", "sync"}).exit_code, 6);
  Outcome conflicts = Zsctl({"--profile", "fujian", "queue", "conflicts"});
  EXPECT_EQ(conflicts.exit_code, 0);
  EXPECT_NE(conflicts.out.find("ALREADY_EXISTS"), std::string::npos) << conflicts.out;
  EXPECT_NE(conflicts.out.find("title=后到的线索" + absl::StrCat(busy)), std::string::npos)
      << conflicts.out;

  // The first lead is dropped; the set-aside one can now land.
  const std::string first =
      database_->QueryValue("SELECT id FROM leads WHERE title = '先到的线索'");
  ASSERT_EQ(Zsctl({"--profile", "fujian", "lead", "drop-lead", "--lead-id", first, "--reason",
                   "企业改投他处"})
                .exit_code,
            0);
  Outcome retried = Zsctl({"--profile", "fujian", "queue", "retry", "1"});
  EXPECT_EQ(retried.exit_code, 0) << retried.out << retried.err;
  EXPECT_EQ(Count("title = '后到的线索" + absl::StrCat(busy) + "'"), "1");
  Outcome dropped = Zsctl({"--profile", "fujian", "queue", "drop", "2"});
  EXPECT_EQ(dropped.exit_code, 0) << dropped.err;
  EXPECT_EQ(Zsctl({"--profile", "fujian", "queue", "conflicts"}).out, "no changes set aside\n");
  EXPECT_EQ(Zsctl({"--profile", "fujian", "queue", "drop", "2"}).exit_code, 3);
}

TEST_F(ZsctlTest, ProgressIsATableOfUnitsForThisMonthWithTheCallersOwnMarked) {
  // Supervision reads lead and project with the caller's identity, which
  // the test servers take from metadata (a development profile).
  SupervisionServer supervision;
  std::ofstream(home_ + "/config.ini", std::ios::app)
      << "[profile fujian-progress]\nsupervision_endpoint = 127.0.0.1:" << supervision.port()
      << "\nplaintext = true\ndev_principal = fujian-chen\ndev_role = office_staff\n"
      << "dev_unit = office-fujian\noffice = office-fujian\n";
  Outcome progress = Zsctl({"--profile", "fujian-progress", "supervision", "get-progress"});
  ASSERT_EQ(progress.exit_code, 0) << progress.err;
  // No period given: this month in China Standard Time.
  const absl::CivilDay today = TodayInChina();
  const absl::CivilMonth month(today);
  const std::string first = absl::FormatCivilTime(absl::CivilDay(month));
  const std::string last = absl::FormatCivilTime(absl::CivilDay(month + 1) - 1);
  EXPECT_EQ(progress.out.rfind("Progress " + first + " – " + last, 0), 0u) << progress.out;
  // One row per unit, the caller's office marked, no flattened dump.
  std::vector<std::string> lines = absl::StrSplit(progress.out, '\n', absl::SkipEmpty());
  int marked = 0;
  for (const std::string& line : lines) {
    if (line.rfind("▶", 0) == 0) {
      ++marked;
      EXPECT_NE(line.find("福建驻外招商办事处"), std::string::npos) << line;
    }
  }
  EXPECT_EQ(marked, 1) << progress.out;
  EXPECT_EQ(progress.out.find("units["), std::string::npos) << progress.out;
  EXPECT_NE(progress.out.find("your unit (福建驻外招商办事处)"), std::string::npos) << progress.out;
  // Names, not codes: no unit, office or leader code anywhere a person reads.
  EXPECT_FALSE(std::regex_search(progress.out, std::regex("(office|dept|town|park)-[a-z]")))
      << progress.out;
  Outcome quarter = Zsctl(
      {"--profile", "fujian-progress", "supervision", "get-progress", "--quarter", "2026-Q1"});
  EXPECT_EQ(quarter.out.rfind("Progress 2026-01-01 – 2026-03-31", 0), 0u)
      << quarter.out << quarter.err;
}

std::string ToGbk(const std::string& utf8) {
  iconv_t converter = iconv_open("GBK", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(converter, &in, &in_left, &o, &out_left), static_cast<size_t>(-1));
  iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

// The lines of the import's report that name a line of `file`.
std::set<int> ReportedLines(const std::string& out, const std::string& file) {
  std::set<int> lines;
  std::regex pattern(std::regex_replace(file, std::regex("[.^$|()\\[\\]{}*+?\\\\/]"), "\\$&") +
                     ":([0-9]+):");
  for (std::sregex_iterator it(out.begin(), out.end(), pattern), end; it != end; ++it) {
    lines.insert(std::stoi((*it)[1]));
  }
  return lines;
}

TEST_F(ZsctlTest, AGbkSpreadsheetImportsItsGoodRowsOnceAndNamesTheBadLines) {
  // 500 leads of 500 enterprises, as Chinese Excel saves CSV (GBK); rows
  // 10, 200 and 350 (lines 11, 201, 351) are wrong in three ways.
  std::string csv = "企业名称,线索名称,产业,招商渠道,预计投资(万元),收集日期,跟进责任人\r\n";
  for (int row = 1; row <= 500; ++row) {
    std::string industry = row % 3 == 0 ? "医疗器械" : row % 3 == 1 ? "电子信息" : "商贸物流";
    std::string title = absl::StrCat("导入线索", row);
    // Collected this year up to October: business dates are never in the future.
    std::string date = absl::StrCat("2026/", 1 + row % 10, "/", 1 + row % 28);
    if (row == 10) industry = "医药";
    if (row == 200) title = "";
    if (row == 350) date = "2026-13-45";
    absl::StrAppend(&csv, "\"福建导入企业", row, "有限公司\",", title, ",", industry, ",驻地招商,",
                    1000 + row, ",", date, ",招商专员", row % 7, "号\r\n");
  }
  const std::string file = home_ + "/leads-gbk.csv";
  std::ofstream(file, std::ios::binary) << ToGbk(csv);

  Outcome dry =
      Zsctl({"--profile", "fujian", "import", "leads", file, "--dry-run", "--allow-similar"});
  EXPECT_EQ(dry.exit_code, 7) << dry.err;
  EXPECT_EQ(ReportedLines(dry.out, file), (std::set<int>{11, 201, 351})) << dry.out;
  EXPECT_NE(dry.out.find("500 rows (GB18030, header on line 1): 497 valid, 0 already imported, "
                         "3 refused"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(Count("true"), "0") << "a dry run sends nothing";

  Outcome imported = Zsctl({"--profile", "fujian", "import", "leads", file, "--allow-similar"});
  EXPECT_EQ(imported.exit_code, 7) << imported.err;
  EXPECT_EQ(ReportedLines(imported.out, file), (std::set<int>{11, 201, 351})) << imported.out;
  EXPECT_NE(imported.out.find("497 imported, 0 already imported, 3 refused"), std::string::npos)
      << imported.out;
  // Problems name the sheet's own column headers.
  EXPECT_NE(imported.out.find(":11: 产业: “医药”不是产业"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find(":201: 线索名称: 不能为空"), std::string::npos) << imported.out;
  EXPECT_EQ(Count("office_code = 'office-fujian'"), "497");
  EXPECT_EQ(Count("title = '导入线索7' AND estimated_investment_wan_yuan = 1007 AND "
                  "collected_date = '2026-08-08' AND channel = 7"),
            "1");
  EXPECT_EQ(
      database_->QueryValue("SELECT count(*) FROM enterprises WHERE name LIKE '福建导入企业%'"),
      "497");

  Outcome again = Zsctl({"--profile", "fujian", "import", "leads", file, "--allow-similar"});
  EXPECT_NE(again.out.find("0 imported, 497 already imported, 3 refused"), std::string::npos)
      << again.out;
  EXPECT_EQ(Count("true"), "497");
  // Nothing is remembered on the client: each row's request id comes from
  // its content, on the server.
  EXPECT_FALSE(std::filesystem::exists(home_ + "/state/imported-rows"));
  EXPECT_EQ(database_->QueryValue("SELECT count(*) FROM enterprises"), "497");
}

TEST_F(ZsctlTest, Utf8WithByteOrderMarkAndVisits) {
  const std::string file = home_ + "/visits.csv";
  std::ofstream(file, std::ios::binary)
      << "\xEF\xBB\xBF来访事由,来访日期,企业名称,产业\n"
         "考察医疗器械产业园,2026-03-05,上海来访企业有限公司,医疗器械\n"
         "洽谈物流项目,2026/3/18,\"杭州来访企业, 物流有限公司\",商贸物流\n";
  Outcome run = Zsctl({"--profile", "chengdu", "import", "visits", file, "--allow-similar"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("2 rows (UTF-8, header on line 1): 2 imported"), std::string::npos)
      << run.out;
  EXPECT_EQ(database_->QueryValue("SELECT string_agg(start_date::text, ',' ORDER BY id) FROM "
                                  "activities WHERE office_code = 'office-chengdu' AND kind = 2"),
            "2026-03-05,2026-03-18");
  EXPECT_EQ(database_->QueryValue(
                "SELECT count(*) FROM enterprises WHERE name = '杭州来访企业, 物流有限公司'"),
            "1");
}

// The import names enterprises by their name key (#17.1): another way of
// writing a known name is that enterprise; a name only like a known one is
// not created unless the person confirms (--allow-similar).
TEST_F(ZsctlTest, ImportedNamesMeetTheEnterprisesAlreadyKnown) {
  const int64_t known = CreateEnterprise("bureau", "示例恒通电子（深圳）有限公司");
  const std::string file = home_ + "/known.csv";
  std::ofstream(file, std::ios::binary) << "来访事由,来访日期,企业名称,产业\n"
                                           "考察,2026-03-05,深圳市示例恒通电子有限公司,医疗器械\n"
                                           "洽谈,2026-03-06,示例恒通电子科技有限公司,医疗器械\n";
  Outcome run = Zsctl({"--profile", "chengdu", "import", "visits", file});
  EXPECT_NE(run.out.find("likely the same as enterprise " + std::to_string(known)),
            std::string::npos)
      << run.out;
  EXPECT_EQ(ReportedLines(run.out, file), (std::set<int>{3})) << run.out;
  EXPECT_EQ(database_->QueryValue("SELECT count(*) FROM enterprises"), "1");
  EXPECT_EQ(database_->QueryValue("SELECT string_agg(enterprise_id::text, ',') FROM "
                                  "activity_enterprises"),
            std::to_string(known));
  // Confirmed, the other one is created.
  run = Zsctl({"--profile", "chengdu", "import", "visits", file, "--allow-similar"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(database_->QueryValue("SELECT count(*) FROM enterprises"), "2");
}

TEST_F(ZsctlTest, CsvIsSafeToOpenInExcelAndXlsxKeepsIdentifiers) {
  // Text Excel would run as a formula, and identifiers it would turn into numbers.
  const std::string payload = "=HYPERLINK(\"http://x\",\"点我\")";
  Outcome created =
      Zsctl({"--profile", "bureau", "lead", "create-enterprise", "--name", "+深圳注入测试有限公司",
             "--credit-code", "91440300708461136T", "--contact-phone", "13800138000",
             "--contact-name", payload, "--region", "-1+2", "--industry", "other", "-o", "json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  Outcome csv = Zsctl({"--profile", "bureau", "lead", "list-enterprises", "-o", "csv", "--columns",
                       "name,credit_code,contact_phone,contact_name,region,industry"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.out.find('\n'), csv.out.find("\r\n") + 1);  // CRLF
  EXPECT_NE(csv.out.find("'+深圳注入测试有限公司"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""), std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find(",'-1+2,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",\"=\"\"13800138000\"\"\","), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",其他产业\r\n"), std::string::npos) << csv.out;  // a label, not OTHER
  EXPECT_EQ(csv.out.find("INDUSTRY_"), std::string::npos) << csv.out;

  // -o xlsx: a workbook where identifiers are text, read back by openpyxl.
  const std::string book = home_ + "/enterprises.xlsx";
  Outcome xlsx = Zsctl({"--profile", "bureau", "lead", "list-enterprises", "-o", "xlsx",
                        "--columns", "id,name,credit_code,contact_phone,contact_name"});
  ASSERT_EQ(xlsx.exit_code, 0) << xlsx.err;
  std::ofstream(book, std::ios::binary) << xlsx.out;
  const std::string check =
      "/usr/bin/python3 -c \"import openpyxl,sys; s=openpyxl.load_workbook(sys.argv[1]).active; "
      "r=[c.value for c in s[2]]; "
      "assert [c.value for c in s[1]]==['id','name','credit_code','contact_phone','contact_name'],"
      "s[1]; assert isinstance(r[0], int), r; "
      "assert r[2]=='91440300708461136T' and r[3]=='13800138000', r; "
      "assert r[4].startswith('=HYPERLINK') and s.cell(2,5).data_type=='s', r; "
      "assert s.freeze_panes=='A2'\" " +
      book;
  EXPECT_EQ(std::system(check.c_str()), 0) << check;
}

TEST_F(ZsctlTest, AnAdminIssuesTokensTheServicesAccept) {
  const std::string& key_file = authority_.signing_key_file();
  Outcome issued = Zsctl({"admin", "issue-token", "--signing-key-file", key_file, "--principal",
                          "fujian-lin", "--kind", "office_staff", "--unit", "office-fujian",
                          "--ttl", "1h", "--out", home_ + "/fujian.token"});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_EQ(std::filesystem::status(home_ + "/fujian.token").permissions() &
                std::filesystem::perms::group_read,
            std::filesystem::perms::none);
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "list"}).exit_code, 0);

  // Who the token is, checked against the public keys, with a warning: an
  // hour is within a week of expiry.
  Outcome status = Zsctl({"auth", "status", "--token-file", home_ + "/fujian.token",
                          "--public-keys-file", authority_.public_keys_file()});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("principal: fujian-lin"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("kind:      office_staff"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("unit:      office-fujian"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("signature: valid"), std::string::npos) << status.out;
  EXPECT_NE(status.err.find("expires within a week"), std::string::npos) << status.err;
  Outcome expired =
      Zsctl({"admin", "issue-token", "--signing-key-file", key_file, "--principal", "old-token",
             "--kind", "bureau_staff", "--ttl", "1s", "--out", home_ + "/old.token"});
  ASSERT_EQ(expired.exit_code, 0) << expired.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  status = Zsctl({"auth", "status", "--token-file", home_ + "/old.token"});
  EXPECT_EQ(status.exit_code, 4) << status.out;
  EXPECT_NE(status.out.find("EXPIRED"), std::string::npos) << status.out;
  TokenAuthority other;
  status = Zsctl({"auth", "status", "--token-file", home_ + "/fujian.token", "--public-keys-file",
                  other.public_keys_file()});
  EXPECT_EQ(status.exit_code, 4) << "signed by a key these public keys do not hold";
  EXPECT_NE(status.out.find("NOT VALID"), std::string::npos) << status.out;

  std::smatch id;
  ASSERT_TRUE(std::regex_search(issued.err, id, std::regex("token id ([0-9a-f]+)"))) << issued.err;
  Outcome revoked = Zsctl({"admin", "revoke-token", "--revoked-file", authority_.revoked_file(),
                           "--token-id", id[1], "--note", "left the office"});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(Zsctl({"--profile", "fujian", "lead", "list"}).exit_code, 4);

  EXPECT_EQ(Zsctl({"admin", "issue-token", "--signing-key-file", key_file, "--principal", "x",
                   "--kind", "office_staff"})
                .exit_code,
            7)
      << "office staff need their office";
}

TEST_F(ZsctlTest, ConfigInitWritesAnExampleEveryOfficeCanStartFrom) {
  const std::string path = home_ + "/fresh/config.ini";
  Outcome init = Zsctl({"--config", path, "config", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  for (const std::string office : {"yrd", "fujian", "chengdu"}) {
    Outcome show = Zsctl({"--config", path, "--profile", office, "config", "show"});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    EXPECT_NE(show.out.find("office-" + office), std::string::npos) << show.out;
  }
  EXPECT_EQ(Zsctl({"--config", path, "config", "init"}).exit_code, 6) << "no silent overwrite";
}

}  // namespace
}  // namespace zs::testing
