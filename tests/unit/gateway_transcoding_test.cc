// The gateway's pure parts: path templates, the route table over the real
// contracts, query values into fields, JSON errors naming fields, and the
// gRPC → HTTP status table of google/rpc/code.proto.
#include <gtest/gtest.h>

#include "services/gateway/contracts.h"
#include "services/gateway/routes.h"
#include "services/gateway/status_mapping.h"
#include "services/gateway/transcode.h"

namespace zs::gateway {
namespace {

using Bindings = std::vector<std::pair<std::string, std::string>>;

TEST(PathTemplate, VariablesNestedFieldsVerbsAndRest) {
  auto parsed = PathTemplate::Parse("/v1/leads/{lead.id}:convert");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->verb(), "convert");
  Bindings bindings;
  EXPECT_TRUE(parsed->Match({"v1", "leads", "42"}, "convert", &bindings));
  EXPECT_EQ(bindings, (Bindings{{"lead.id", "42"}}));
  EXPECT_FALSE(parsed->Match({"v1", "leads", "42"}, "drop", &bindings));
  EXPECT_FALSE(parsed->Match({"v1", "projects", "42"}, "convert", &bindings));

  auto rest = PathTemplate::Parse("/v1/{name=files/**}");
  ASSERT_TRUE(rest.ok());
  EXPECT_TRUE(rest->Match({"v1", "files", "a", "b%20c"}, "", &bindings));
  EXPECT_EQ(bindings, (Bindings{{"name", "files/a/b c"}}));

  EXPECT_FALSE(PathTemplate::Parse("v1/leads").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{lead id}").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/**/x").ok());
}

TEST(RouteTable, FindsTheRpcOfEachShapeOfPath) {
  auto contracts = Contracts::Load();
  ASSERT_TRUE(contracts.ok()) << contracts.status();
  auto table = RouteTable::Build((*contracts)->services());
  ASSERT_TRUE(table.ok()) << table.status();
  auto method_of = [&](const std::string& verb, const std::string& path) {
    RouteTable::Match match = table->Find(verb, path);
    return match.route == nullptr ? std::string("-") : match.route->method->name();
  };
  EXPECT_EQ(method_of("GET", "/v1/leads/42"), "GetLead");
  EXPECT_EQ(method_of("GET", "/v1/leads"), "ListLeads");
  EXPECT_EQ(method_of("POST", "/v1/leads"), "CreateLead");
  EXPECT_EQ(method_of("PATCH", "/v1/leads/42"), "UpdateLead");
  EXPECT_EQ(method_of("GET", "/v1/leads:aggregate"), "AggregateLeads");
  EXPECT_EQ(method_of("POST", "/v1/projects/7:sign"), "SignProject");
  EXPECT_EQ(method_of("POST", "/v1/leads/3/followUps"), "AddFollowUp");
  EXPECT_EQ(method_of("GET", "/v1/projects/3/funds"), "ListFunds");
  EXPECT_EQ(method_of("GET", "/v1/funds"), "ListFunds");  // an additional binding
  EXPECT_EQ(method_of("GET", "/v1/lead/auditEvents"), "ListAuditEvents");
  EXPECT_EQ(method_of("GET", "/v1/nothing"), "-");

  RouteTable::Match wrong = table->Find("DELETE", "/v1/leads/42");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.path_known);  // 405, not 404

  RouteTable::Match unit = table->Find("GET", "/v1/units/town%2Ddaliu");
  ASSERT_NE(unit.route, nullptr);
  EXPECT_EQ(unit.bindings, (Bindings{{"code", "town-daliu"}}));
  RouteTable::Match sign = table->Find("POST", "/v1/projects/7:sign");
  EXPECT_EQ(sign.bindings, (Bindings{{"project_id", "7"}}));
}

TEST(Transcode, QueryValuesBecomeFieldsOrNameTheirField) {
  auto contracts = Contracts::Load();
  ASSERT_TRUE(contracts.ok());
  const auto* type =
      (*contracts)->pool().FindMessageTypeByName("zhaoshang.lead.v1.AggregateLeadsRequest");
  ASSERT_NE(type, nullptr);
  auto request = (*contracts)->New(type);
  EXPECT_FALSE(SetFieldFromText("collected_date_range.start_date", "2026-01-01", request.get()));
  EXPECT_FALSE(SetFieldFromText("collectedDateRange.endDate", "2026-06-30", request.get()));
  EXPECT_FALSE(SetFieldFromText("group_bys", "GROUP_BY_UNIT", request.get()));
  EXPECT_FALSE(SetFieldFromText("groupBys", "GROUP_BY_INDUSTRY", request.get()));
  const std::string json = ToJson(*request);
  EXPECT_NE(json.find(R"("startDate":"2026-01-01")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("groupBys":["GROUP_BY_UNIT","GROUP_BY_INDUSTRY"])"), std::string::npos)
      << json;

  auto bad_enum = SetFieldFromText("group_by", "GROUP_BY_MOON", request.get());
  ASSERT_TRUE(bad_enum);
  EXPECT_EQ(bad_enum->field, "group_by");
  auto unknown = SetFieldFromText("collected_date_range.colour", "red", request.get());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->field, "collected_date_range.colour");

  const auto* update =
      (*contracts)->pool().FindMessageTypeByName("zhaoshang.lead.v1.UpdateLeadRequest");
  auto update_request = (*contracts)->New(update);
  EXPECT_FALSE(
      SetFieldFromText("update_mask", "title,estimated_investment_wan_yuan", update_request.get()));
  EXPECT_FALSE(SetFieldFromText("lead.id", "42", update_request.get()));
  auto bad_id = SetFieldFromText("lead.id", "forty-two", update_request.get());
  ASSERT_TRUE(bad_id);
  EXPECT_EQ(bad_id->field, "lead.id");
  EXPECT_NE(ToJson(*update_request).find("estimatedInvestmentWanYuan"), std::string::npos);
}

TEST(Transcode, JsonErrorsNameTheField) {
  auto contracts = Contracts::Load();
  ASSERT_TRUE(contracts.ok());
  const auto* type = (*contracts)->pool().FindMessageTypeByName("zhaoshang.lead.v1.Lead");
  auto lead = (*contracts)->New(type);
  EXPECT_EQ(ParseJsonInto(R"({"colour":1})", "lead", lead.get())->field, "lead.colour");
  EXPECT_EQ(ParseJsonInto(R"({"estimatedInvestmentWanYuan":"x"})", "lead", lead.get())->field,
            "lead.estimated_investment_wan_yuan");
  EXPECT_EQ(ParseJsonInto(R"({"deadlines":[{"kind":"NOPE"}]})", "", lead.get())->field,
            "deadlines[0].kind");
  EXPECT_EQ(ParseJsonInto(R"({"title":)", "lead", lead.get())->field, "lead");
  EXPECT_FALSE(
      ParseJsonInto(R"({"title":"x","estimated_investment_wan_yuan":"5"})", "", lead.get()));
}

TEST(StatusMapping, TheTableOfGoogleRpcCode) {
  const std::vector<std::pair<grpc::StatusCode, int>> table = {
      {grpc::StatusCode::OK, 200},
      {grpc::StatusCode::CANCELLED, 499},
      {grpc::StatusCode::UNKNOWN, 500},
      {grpc::StatusCode::INVALID_ARGUMENT, 400},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 504},
      {grpc::StatusCode::NOT_FOUND, 404},
      {grpc::StatusCode::ALREADY_EXISTS, 409},
      {grpc::StatusCode::PERMISSION_DENIED, 403},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 429},
      {grpc::StatusCode::FAILED_PRECONDITION, 400},
      {grpc::StatusCode::ABORTED, 409},
      {grpc::StatusCode::OUT_OF_RANGE, 400},
      {grpc::StatusCode::UNIMPLEMENTED, 501},
      {grpc::StatusCode::INTERNAL, 500},
      {grpc::StatusCode::UNAVAILABLE, 503},
      {grpc::StatusCode::DATA_LOSS, 500},
      {grpc::StatusCode::UNAUTHENTICATED, 401},
  };
  for (const auto& [code, http] : table) EXPECT_EQ(HttpStatusOf(code), http) << code;
  const std::string body = ErrorBody(BadRequestStatus({"lead.title", "required"}));
  EXPECT_NE(body.find(R"("code":3)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("fieldViolations":[{"field":"lead.title","description":"required"}])"),
            std::string::npos)
      << body;
}

}  // namespace
}  // namespace zs::gateway
