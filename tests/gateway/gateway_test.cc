// zs-gateway as a process in front of the real services: every HTTP rule is
// reachable, bad input is refused naming the field, gRPC codes become the
// standard HTTP statuses with the google.rpc.Status body, and the security
// headers, console files and downloads are as README "Gateway" promises.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/gateway/contracts.h"
#include "services/gateway/routes.h"
#include "services/gateway/status_mapping.h"
#include "tests/gateway/gateway_fixture.h"

namespace zs::testing {
namespace {

using google::protobuf::Struct;

Struct Json(const std::string& text) {
  Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(text, &out).ok()) << text;
  return out;
}

// `text` as a JSON string literal's content (etags contain quotes).
std::string JsonEscaped(const std::string& text) {
  return absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}});
}

std::string Field(const Struct& s, const std::string& name) {
  auto it = s.fields().find(name);
  if (it == s.fields().end()) return {};
  return it->second.has_string_value() ? it->second.string_value()
                                       : absl::StrCat(it->second.number_value());
}

// The field a BadRequest detail names, empty if none.
std::string ViolationField(const std::string& body) {
  const Struct status = Json(body);
  auto details = status.fields().find("details");
  if (details == status.fields().end()) return {};
  for (const auto& detail : details->second.list_value().values()) {
    const auto& d = detail.struct_value().fields();
    if (!absl::EndsWith(d.at("@type").string_value(), "google.rpc.BadRequest")) continue;
    for (const auto& v : d.at("fieldViolations").list_value().values()) {
      return v.struct_value().fields().at("field").string_value();
    }
  }
  return {};
}

// The path of `route` with every variable filled: "0" for numbers, "x" for text.
std::string Concrete(const gateway::Route& route) {
  std::string path = route.path;
  for (const auto& variable : route.path_template.variables()) {
    const google::protobuf::Descriptor* type = route.method->input_type();
    const google::protobuf::FieldDescriptor* field = nullptr;
    for (absl::string_view part : absl::StrSplit(variable.field_path, '.')) {
      field = type->FindFieldByName(std::string(part));
      type = field->message_type();
    }
    const bool text = field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING;
    path = absl::StrReplaceAll(path,
                               {{absl::StrCat("{", variable.field_path, "}"), text ? "x" : "0"}});
  }
  return path;
}

httplib::Result Send(httplib::Client& client, const std::string& method, const std::string& path,
                     const httplib::Headers& headers, const std::string& body = "{}") {
  if (method == "GET") return client.Get(path, headers);
  if (method == "POST") return client.Post(path, headers, body, "application/json");
  if (method == "PUT") return client.Put(path, headers, body, "application/json");
  if (method == "PATCH") return client.Patch(path, headers, body, "application/json");
  return client.Delete(path, headers, body, "application/json");
}

class GatewayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fixture_ = new GatewayFixture(); }
  static void TearDownTestSuite() {
    delete fixture_;
    fixture_ = nullptr;
  }
  static GatewayFixture* fixture_;
};
GatewayFixture* GatewayTest::fixture_ = nullptr;

TEST_F(GatewayTest, EveryHttpRuleReachesItsRpc) {
  auto contracts = gateway::Contracts::Load();
  ASSERT_TRUE(contracts.ok());
  auto routes = gateway::RouteTable::Build((*contracts)->services());
  ASSERT_TRUE(routes.ok()) << routes.status();
  auto client = fixture_->Client();
  int reached = 0;
  for (const gateway::Route& route : routes->routes()) {
    const std::string path = Concrete(route);
    auto answer = Send(*client, route.http_method, path, fixture_->As(Admin()));
    ASSERT_TRUE(answer) << route.http_method << " " << path;
    SCOPED_TRACE(absl::StrCat(route.http_method, " ", path, " → ", answer->status, " ",
                              answer->body.substr(0, 300)));
    // The gateway's own refusals: no route (404 "no API at"), wrong method (405).
    EXPECT_NE(answer->status, 405);
    EXPECT_FALSE(absl::StrContains(answer->body, "no API at"));
    if (answer->status != 200) {
      // An answer of the service, its code mapped by the standard table.
      const int code = StatusCodeOf(answer->body);
      ASSERT_GE(code, 1);
      const bool identity = absl::StartsWith(route.method->full_name(), "zhaoshang.identity.");
      if (identity) {
        EXPECT_EQ(answer->status, 503);  // no identity service in this suite
      }
      EXPECT_NE(code, 12) << "UNIMPLEMENTED: the gateway called a method the service lacks";
    }
    ++reached;
  }
  EXPECT_GE(reached, 105);  // 94 RPCs of the four services, identity's, extra bindings
}

TEST_F(GatewayTest, CreateGetUpdateAndListThroughJson) {
  auto client = fixture_->Client();
  auto enterprise_made =
      client->Post("/v1/enterprises?request_id=gw-enterprise-1", fixture_->As(Admin()),
                   R"({"name":"江苏康达医疗器械有限公司","type":"ENTERPRISE_TYPE_DRAGON_HEAD",)"
                   R"("industry":"INDUSTRY_MEDICAL_DEVICES","region":"江苏省"})",
                   "application/json");
  ASSERT_TRUE(enterprise_made);
  ASSERT_EQ(enterprise_made->status, 200) << enterprise_made->body;
  const std::string enterprise = Field(Json(enterprise_made->body), "id");
  const std::string lead =
      absl::StrCat(R"({"title":"康达 骨科耗材扩产","enterpriseId":")", enterprise,
                   R"(","channel":"CHANNEL_SMALL_TEAM","industry":"INDUSTRY_MEDICAL_DEVICES",)",
                   R"("estimated_investment_wan_yuan":"30000","unitCode":"town-daliu"})");
  auto created = client->Post("/v1/leads?request_id=gw-create-1", fixture_->As(Admin()), lead,
                              "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  const Struct made = Json(created->body);
  const std::string id = Field(made, "id");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(Field(made, "estimatedInvestmentWanYuan"), "30000");  // lowerCamel, int64 as text
  EXPECT_EQ(Field(made, "status"), "LEAD_STATUS_NEW");
  EXPECT_EQ(created->get_header_value("Content-Type"), "application/json");

  auto got = client->Get("/v1/leads/" + id, fixture_->As(Admin()));
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(Field(Json(got->body), "title"), "康达 骨科耗材扩产");

  auto updated = client->Patch(
      absl::StrCat("/v1/leads/", id, "?request_id=gw-update-1&update_mask=title"),
      fixture_->As(Admin()),
      absl::StrCat(R"({"title":"康达 二期","etag":")", JsonEscaped(Field(made, "etag")), R"("})"),
      "application/json");
  ASSERT_EQ(updated->status, 200) << updated->body;
  EXPECT_EQ(Field(Json(updated->body), "title"), "康达 二期");

  // A stale etag: ABORTED → 409.
  auto stale = client->Patch(
      absl::StrCat("/v1/leads/", id, "?request_id=gw-update-2&update_mask=title"),
      fixture_->As(Admin()),
      absl::StrCat(R"({"title":"x","etag":")", JsonEscaped(Field(made, "etag")), R"("})"),
      "application/json");
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(StatusCodeOf(stale->body), 10);

  // Query: enums by name, nested dotted names, repeated by repetition.
  auto listed = client->Get(
      "/v1/leads?industry=INDUSTRY_MEDICAL_DEVICES&status=LEAD_STATUS_NEW"
      "&collected_date_range.start_date=2000-01-01&collectedDateRange.endDate=2199-12-31",
      fixture_->As(Admin()));
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_TRUE(absl::StrContains(listed->body, id));
  auto aggregated = client->Get(
      "/v1/leads:aggregate?collected_date_range.start_date=2000-01-01"
      "&collected_date_range.end_date=2199-12-31&group_bys=GROUP_BY_UNIT&group_bys=GROUP_BY_"
      "INDUSTRY",
      fixture_->As(Admin()));
  ASSERT_EQ(aggregated->status, 200) << aggregated->body;
  EXPECT_TRUE(absl::StrContains(aggregated->body, "GROUP_BY_INDUSTRY"));
}

TEST_F(GatewayTest, BadInputIsRefusedNamingTheField) {
  auto client = fixture_->Client();
  struct Case {
    std::string method, path, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/leads", R"({"title": )", "lead"},
      {"POST", "/v1/leads", R"({"title":"x","colour":"red"})", "lead.colour"},
      {"POST", "/v1/leads", R"({"estimatedInvestmentWanYuan":"lots"})",
       "lead.estimated_investment_wan_yuan"},
      {"POST", "/v1/leads", R"({"channel":"CHANNEL_CARRIER_PIGEON"})", "lead.channel"},
      {"POST", "/v1/projects/1:sign", R"({"signedInvestmentWanYuan":true})",
       "signed_investment_wan_yuan"},
      {"POST", "/v1/projects/1:sign", R"({"nonsense":1})", "nonsense"},
      {"GET", "/v1/leads/abc", "", "id"},
      {"GET", "/v1/leads?page_size=ten", "", "page_size"},
      {"GET", "/v1/leads?colour=red", "", "colour"},
      {"GET", "/v1/leads?status=LEAD_STATUS_SLEEPING", "", "status"},
      // The service's own check, its BadRequest passed through.
      {"POST", "/v1/leads?request_id=gw-bad-1", R"({"title":""})", ""},
  };
  for (const Case& c : cases) {
    auto answer = Send(*client, c.method, c.path, fixture_->As(Admin()), c.body);
    ASSERT_TRUE(answer);
    SCOPED_TRACE(c.path + " " + c.body + " → " + answer->body);
    EXPECT_EQ(answer->status, 400);
    EXPECT_EQ(StatusCodeOf(answer->body), 3);
    const std::string field = ViolationField(answer->body);
    if (c.field.empty()) {
      EXPECT_FALSE(field.empty()) << "the service's field violation is lost";
    } else {
      EXPECT_EQ(field, c.field);
      EXPECT_TRUE(absl::StrContains(Field(Json(answer->body), "message"), c.field));
    }
  }
}

TEST_F(GatewayTest, GrpcCodesMapToTheStandardHttpStatuses) {
  auto client = fixture_->Client();
  // UNAUTHENTICATED: no token.
  auto anonymous = client->Get("/v1/leads/1");
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(StatusCodeOf(anonymous->body), 16);
  // PERMISSION_DENIED: a leader may not create leads.
  auto denied = client->Post("/v1/leads?request_id=gw-denied", fixture_->As(Leader()),
                             R"({"title":"x"})", "application/json");
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(StatusCodeOf(denied->body), 7);
  // NOT_FOUND.
  auto missing = client->Get("/v1/leads/987654321", fixture_->As(Admin()));
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(StatusCodeOf(missing->body), 5);
  // UNAVAILABLE: the identity service is not running.
  auto down = client->Get("/v1/tokenKeys", fixture_->As(Admin()));
  EXPECT_EQ(down->status, 503);
  EXPECT_EQ(StatusCodeOf(down->body), 14);
  // The gateway's own: an unknown API path and a wrong method.
  auto nowhere = client->Get("/v1/nowhere", fixture_->As(Admin()));
  EXPECT_EQ(nowhere->status, 404);
  EXPECT_EQ(StatusCodeOf(nowhere->body), 5);
  auto wrong_method = client->Delete("/v1/leads/1", fixture_->As(Admin()));
  EXPECT_EQ(wrong_method->status, 405);
  // A body over --max_request_bytes (4 MiB by default, the largest upload).
  auto huge = client->Post("/v1/leads", fixture_->As(Admin()), std::string(5 << 20, ' '),
                           "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
}

TEST_F(GatewayTest, ClientXzsHeadersAreNeverPassedOn) {
  // A lead service in loopback development mode trusts x-zs-* metadata; the
  // gateway in front of it must not let a client choose its principal.
  LeadServer trusting;
  GatewayProcess gateway({absl::StrCat("--lead_address=127.0.0.1:", trusting.port())},
                         {"--rate_limit_per_second=0"});
  auto client = gateway.Client();
  auto answer = client->Get("/v1/leadTimeLimits", {{"X-Zs-Principal", "admin-mallory"},
                                                   {"X-Zs-Role", "bureau_admin"},
                                                   {"x-zs-on-behalf-of", "admin-li"}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 401) << answer->body;
}

TEST_F(GatewayTest, SecurityHeadersOnEveryAnswer) {
  auto client = fixture_->Client();
  for (const std::string path : {"/v1/leads/1", "/", "/v1/openapi.json", "/healthz"}) {
    auto answer = client->Get(path);
    ASSERT_TRUE(answer) << path;
    SCOPED_TRACE(path);
    const std::string csp = answer->get_header_value("Content-Security-Policy");
    EXPECT_TRUE(absl::StrContains(csp, "script-src 'self'"));
    EXPECT_TRUE(absl::StrContains(csp, "style-src 'self' 'unsafe-inline'"));
    EXPECT_TRUE(absl::StrContains(csp, "img-src 'self' data:"));
    EXPECT_TRUE(absl::StrContains(csp, "frame-ancestors 'none'"));
    EXPECT_FALSE(absl::StrContains(csp, "script-src 'self' 'unsafe"));
    EXPECT_EQ(answer->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(answer->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(answer->get_header_value("Referrer-Policy"), "no-referrer");
    // Plain HTTP on loopback: no HSTS (it would pin a development host to HTTPS).
    EXPECT_FALSE(answer->has_header("Strict-Transport-Security"));
  }
  auto api = client->Get("/v1/leads/1");
  EXPECT_EQ(api->get_header_value("Cache-Control"), "no-store");
  // Headers over the limit.
  httplib::Headers big;
  for (int i = 0; i < 4; ++i) big.emplace(absl::StrCat("X-Padding-", i), std::string(6000, 'a'));
  auto too_big = client->Get("/v1/leads/1", big);
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 431);
}

TEST_F(GatewayTest, ConsoleFilesAndClientSideRoutes) {
  auto client = fixture_->Client();
  auto index = client->Get("/");
  ASSERT_EQ(index->status, 200);
  EXPECT_TRUE(absl::StrContains(index->body, "<title>招商</title>"));
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");

  auto route = client->Get("/leads/42/edit");  // a console route: the app
  ASSERT_EQ(route->status, 200);
  EXPECT_EQ(route->body, index->body);

  auto asset = client->Get("/assets/index-3f2a9c.js");
  ASSERT_EQ(asset->status, 200);
  EXPECT_EQ(asset->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  auto icon = client->Get("/favicon.svg");
  EXPECT_EQ(icon->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(icon->get_header_value("Cache-Control"), "no-cache");

  // A browser's Accept-Encoding: the file gzip-compressed once and kept,
  // not recompressed by httplib (Brotli at quality 11 took seconds).
  const httplib::Headers browser = {{"Accept-Encoding", "gzip, deflate, br"}};
  client->set_decompress(false);
  for (int i = 0; i < 2; ++i) {
    auto zipped = client->Get("/assets/index-3f2a9c.js", browser);
    ASSERT_EQ(zipped->status, 200);
    EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(zipped->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_TRUE(absl::StartsWith(zipped->body, "\x1f\x8b")) << "one gzip layer";
  }
  auto plain = client->Get("/assets/index-3f2a9c.js", {{"Accept-Encoding", "identity"}});
  EXPECT_EQ(plain->body, "console.log('console');");
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  client->set_decompress(true);
  EXPECT_EQ(client->Get("/assets/index-3f2a9c.js", browser)->body, "console.log('console');");

  EXPECT_EQ(client->Get("/assets/index-000000.js")->status, 404);  // no HTML for a stale asset
  auto api = client->Get("/v1/leads/1/nothing");                   // never the app under /v1/
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/json");
  client->set_url_encode(false);
  auto escape = client->Get("/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(escape);
  EXPECT_FALSE(absl::StrContains(escape->body, "root:"));
}

TEST_F(GatewayTest, ReportExportIsADownloadWithItsUtf8Name) {
  auto client = fixture_->Client();
  auto answer = client->Get(
      "/v1/periodReport:export?report.period.start_date=2026-01-01"
      "&report.period.end_date=2026-06-30&format=EXPORT_FORMAT_CSV",
      fixture_->As(BureauStaff()));
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  EXPECT_TRUE(absl::StartsWith(answer->get_header_value("Content-Type"), "text/csv"));
  const std::string disposition = answer->get_header_value("Content-Disposition");
  EXPECT_TRUE(absl::StartsWith(disposition, "attachment; filename=\"")) << disposition;
  EXPECT_TRUE(absl::StrContains(disposition, "filename*=UTF-8''")) << disposition;
  EXPECT_TRUE(absl::StartsWith(answer->body, "\xEF\xBB\xBF")) << "CSV with a BOM, as exported";
}

TEST_F(GatewayTest, ASpreadsheetUploadsAsTheBodyAndTheTemplateDownloads) {
  auto client = fixture_->Client();
  const std::string csv =
      "\xEF\xBB\xBF福建办事处线索台账\r\n项目名称,企业名称,预计投资（万元）,办事处\r\n"
      "网关导入项目,网关导入企业有限公司,\"30,000\",福建办事处\r\n";
  auto answer = client->Post("/v1/leads:import?file_name=%E5%8F%B0%E8%B4%A6.csv&validate_only=true",
                             fixture_->As(BureauStaff()), csv, "text/csv");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  EXPECT_TRUE(absl::StrContains(answer->body, "\"OUTCOME_VALID\"")) << answer->body;
  EXPECT_TRUE(absl::StrContains(answer->body, "\"headerLine\": 2") ||
              absl::StrContains(answer->body, "\"headerLine\":2"))
      << answer->body;
  auto template_file =
      client->Get("/v1/leads:importTemplate?kind=KIND_LEADS", fixture_->As(BureauStaff()));
  ASSERT_TRUE(template_file);
  ASSERT_EQ(template_file->status, 200) << template_file->body;
  EXPECT_TRUE(absl::StartsWith(template_file->body, "PK")) << "an .xlsx (zip) file";
  EXPECT_TRUE(absl::StrContains(template_file->get_header_value("Content-Disposition"),
                                "filename*=UTF-8''"));
}

// A ledger of 5,000 rows with a long remark on each, about 3 MiB: over the
// gateway's old 1 MiB body limit, within the 4 MiB every client may send.
TEST_F(GatewayTest, AMultiMegabyteLedgerUploadsThroughTheGateway) {
  std::string csv = "项目名称,企业名称,预计投资（万元）,办事处,备注\r\n";
  std::string long_remark;
  for (int i = 0; i < 190; ++i) long_remark += "注";
  for (int row = 1; row <= 5000; ++row) {
    absl::StrAppend(&csv, "大文件项目", row, ",大文件企业", row, "有限公司,3000,福建办事处,",
                    long_remark, "\r\n");
  }
  ASSERT_GT(csv.size(), 3u << 20) << "a multi-megabyte file";
  ASSERT_LT(csv.size(), 4u << 20);
  auto client = fixture_->Client();
  client->set_read_timeout(60, 0);
  auto answer = client->Post("/v1/leads:import?file_name=big.csv&validate_only=true&max_rows=1",
                             fixture_->As(BureauStaff()), csv, "text/csv");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body.substr(0, 500);
  // The service read the whole file: every row counted, one checked.
  EXPECT_TRUE(absl::StrContains(answer->body, "\"totalRows\": 5000") ||
              absl::StrContains(answer->body, "\"totalRows\":5000"))
      << answer->body.substr(0, 500);
  EXPECT_TRUE(absl::StrContains(answer->body, "\"nextStartRow\": 1") ||
              absl::StrContains(answer->body, "\"nextStartRow\":1"))
      << answer->body.substr(0, 500);
  // Over the limit: refused by the gateway, never half-sent.
  auto over =
      client->Post("/v1/leads:import?file_name=big.csv&validate_only=true",
                   fixture_->As(BureauStaff()), std::string((4 << 20) + 1, 'x'), "text/csv");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
}

TEST_F(GatewayTest, OpenApiDocumentDescribesEveryRoute) {
  auto client = fixture_->Client();
  auto answer = client->Get("/v1/openapi.json");
  ASSERT_EQ(answer->status, 200);
  const Struct document = Json(answer->body);
  EXPECT_EQ(Field(document, "openapi"), "3.0.3");
  const auto& paths = document.fields().at("paths").struct_value().fields();
  auto contracts = gateway::Contracts::Load();
  auto routes = gateway::RouteTable::Build((*contracts)->services());
  for (const gateway::Route& route : routes->routes()) {
    ASSERT_TRUE(paths.contains(route.path)) << route.path;
    std::string lower = route.http_method;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(paths.at(route.path).struct_value().fields().contains(lower)) << route.path;
  }
  // Proto comments become descriptions.
  const auto& follow_up = paths.at("/v1/leads/{follow_up.lead_id}/followUps")
                              .struct_value()
                              .fields()
                              .at("post")
                              .struct_value();
  EXPECT_TRUE(absl::StrContains(Field(follow_up, "description"), "first one moves a NEW lead"));
  EXPECT_TRUE(absl::StrContains(answer->body, "unified social credit code"));
  // An import's body is the file itself, not JSON.
  for (const char* path : {"/v1/leads:import", "/v1/activities:import"}) {
    const Struct& import = paths.at(path).struct_value().fields().at("post").struct_value();
    const auto& content = import.fields()
                              .at("requestBody")
                              .struct_value()
                              .fields()
                              .at("content")
                              .struct_value()
                              .fields();
    EXPECT_FALSE(content.contains("application/json")) << path;
    for (const char* type : {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             "text/csv", "application/octet-stream"}) {
      ASSERT_TRUE(content.contains(type)) << path << " " << type;
      const auto& schema = content.at(type).struct_value().fields().at("schema").struct_value();
      EXPECT_EQ(Field(schema, "format"), "binary") << path;
    }
  }
}

// An empty request straight to the service, as tests/security/access_matrix_test does.
grpc::Status CallEmpty(const std::shared_ptr<grpc::Channel>& channel,
                       const std::string& grpc_method, const std::string& token) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context.AddMetadata("authorization", "Bearer " + token);
  grpc::Slice empty_message;
  grpc::ByteBuffer request(&empty_message, 1), response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, grpc_method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  return done.get_future().get();
}

// The role table answers the same through HTTP as through gRPC: for every
// rule and every kind of principal, refused by the role table on one path
// exactly when on the other; and where the HTTP request is the empty
// request (numeric path variables 0, body {}), the same code.
TEST_F(GatewayTest, PrincipalByRpcMatrixMatchesGrpc) {
  auto contracts = gateway::Contracts::Load();
  auto routes = gateway::RouteTable::Build((*contracts)->services());
  ASSERT_TRUE(routes.ok());
  SupervisionServer& suite = fixture_->suite();
  const std::map<std::string, std::shared_ptr<grpc::Channel>> channels = {
      {"zhaoshang.lead.v1.LeadService", suite.projects().lead().channel()},
      {"zhaoshang.project.v1.ProjectService", suite.projects().channel()},
      {"zhaoshang.supervision.v1.SupervisionService",
       grpc::CreateChannel(absl::StrCat("127.0.0.1:", suite.port()),
                           grpc::InsecureChannelCredentials())},
      {"zhaoshang.reporting.v1.ReportingService", fixture_->reporting().channel()},
  };
  const std::vector<Principal> principals = {Admin(),         BureauStaff(),      UnitStaff(),
                                             OfficeStaff(),   OtherOfficeStaff(), Leader(),
                                             ServiceAccount()};
  auto client = fixture_->Client();
  std::set<std::string> seen;
  int compared = 0, same_code = 0;
  for (const gateway::Route& route : routes->routes()) {
    auto channel = channels.find(route.method->service()->full_name());
    if (channel == channels.end()) continue;               // identity: not in this suite
    if (!seen.insert(route.grpc_method).second) continue;  // one binding per RPC
    const bool numeric_path = Concrete(route).find("/x") == std::string::npos;
    for (const Principal& principal : principals) {
      const std::string token = fixture_->authority().Token(principal);
      const grpc::Status direct = CallEmpty(channel->second, route.grpc_method, token);
      auto answer = Send(*client, route.http_method, Concrete(route),
                         {{"Authorization", "Bearer " + token}}, "");
      ASSERT_TRUE(answer);
      const std::string label = absl::StrCat(route.grpc_method, " as ", principal.id);
      const bool grpc_refused = direct.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
                                absl::StrContains(direct.error_message(), "may not call");
      const bool http_refused =
          answer->status == 403 && absl::StrContains(answer->body, "may not call");
      EXPECT_EQ(http_refused, grpc_refused)
          << label << ": HTTP " << answer->status << " " << answer->body << " / gRPC "
          << direct.error_code() << " " << direct.error_message();
      EXPECT_NE(answer->status, 401) << label;
      if (numeric_path) {
        EXPECT_EQ(answer->status, gateway::HttpStatusOf(direct.error_code()))
            << label << ": " << answer->body << " / " << direct.error_message();
        ++same_code;
      }
      ++compared;
    }
  }
  std::printf("principal × RPC through HTTP: %d compared, %d with the same code\n", compared,
              same_code);
  EXPECT_GE(compared, 7 * 90);
}

TEST_F(GatewayTest, ClientsOverTheirRateAreRefused) {
  GatewayProcess limited(fixture_->backend_flags(),
                         {"--rate_limit_per_second=1", "--rate_limit_burst=3"});
  auto client = limited.Client();
  int refused = 0;
  for (int i = 0; i < 6; ++i) {
    auto answer = client->Get("/v1/leadTimeLimits", fixture_->As(Admin()));
    ASSERT_TRUE(answer);
    if (answer->status == 429) {
      ++refused;
      EXPECT_EQ(StatusCodeOf(answer->body), 8);
      EXPECT_EQ(answer->get_header_value("Retry-After"), "1");
    }
  }
  EXPECT_GE(refused, 2);
}

}  // namespace
}  // namespace zs::testing
