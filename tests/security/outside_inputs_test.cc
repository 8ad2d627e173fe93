// Inputs an outside client can send that the contract does not expect, on
// every RPC of every service, through real channels: text that is not UTF-8
// (protobuf refuses to parse it), lists longer than any call may carry, and
// values far longer than any field. Each is INVALID_ARGUMENT naming the
// request's field, with an answer of bounded size.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "common/request_limits.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/raw_call.h"
#include "tests/support/reporting_server.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// A singular string field of the request, top level first, then one message
// deep: its path, and the message holding it.
std::pair<std::string, const FieldDescriptor*> StringField(Message* request, Message** holder) {
  const auto* type = request->GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->type() == FieldDescriptor::TYPE_STRING && !field->is_repeated()) {
      *holder = request;
      return {field->name(), field};
    }
  }
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->type() != FieldDescriptor::TYPE_MESSAGE || field->is_repeated()) continue;
    Message* inner = request->GetReflection()->MutableMessage(request, field);
    const auto* inner_type = inner->GetDescriptor();
    for (int j = 0; j < inner_type->field_count(); ++j) {
      const FieldDescriptor* leaf = inner_type->field(j);
      if (leaf->type() == FieldDescriptor::TYPE_STRING && !leaf->is_repeated()) {
        *holder = inner;
        return {absl::StrCat(field->name(), ".", leaf->name()), leaf};
      }
    }
  }
  return {"", nullptr};
}

// A request for `method` with a valid request_id where it has one, so the
// checks after it are reached.
std::unique_ptr<Message> WellIdentified(const MethodDescriptor& method, int* counter) {
  std::unique_ptr<Message> request = NewRequest(method);
  if (const auto* id = method.input_type()->FindFieldByName("request_id")) {
    request->GetReflection()->SetString(request.get(), id, absl::StrCat("req-", ++*counter));
  }
  return request;
}

class OutsideInputsTest : public ::testing::Test {
 protected:
  OutsideInputsTest() {
    channels_ = {
        {"LeadService", supervision_.projects().lead().channel()},
        {"ProjectService", supervision_.projects().channel()},
        {"SupervisionService", grpc::CreateChannel(absl::StrCat("127.0.0.1:", supervision_.port()),
                                                   grpc::InsecureChannelCredentials())},
        {"ReportingService", reporting_.channel()},
    };
  }

  // Calls `each` for every method of the four services.
  template <typename Each>
  void ForEveryMethod(Each each) {
    for (const char* name : {"zhaoshang.lead.v1.LeadService", "zhaoshang.project.v1.ProjectService",
                             "zhaoshang.supervision.v1.SupervisionService",
                             "zhaoshang.reporting.v1.ReportingService"}) {
      const auto* service =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
      ASSERT_NE(service, nullptr) << name;
      for (int i = 0; i < service->method_count(); ++i) {
        each(*service->method(i), channels_[service->name()]);
      }
    }
  }

  SupervisionServer supervision_;
  ReportingServer reporting_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

TEST_F(OutsideInputsTest, InvalidUtf8IsInvalidArgumentNamingTheFieldOnEveryRpc) {
  int tried = 0;
  ForEveryMethod([&](const MethodDescriptor& method,
                     const std::shared_ptr<grpc::Channel>& channel) {
    std::unique_ptr<Message> request = NewRequest(method);
    Message* holder = nullptr;
    const auto [path, field] = StringField(request.get(), &holder);
    if (field == nullptr) return;
    holder->GetReflection()->SetString(holder, field, "@@@@");
    // The same bytes with the text replaced by a broken UTF-8 sequence.
    const std::string bytes =
        absl::StrReplaceAll(request->SerializeAsString(), {{"@@@@", "\xc3\x28\xa0\xa1"}});
    const grpc::Status status = CallBytes(channel, method, bytes);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method.full_name() << ": " << status.error_message();
    EXPECT_EQ(ViolatedField(status), path) << method.full_name() << ": " << status.error_message();
    ++tried;
  });
  EXPECT_GE(tried, 60);

  // Bytes that are no message at all are refused as such, not UNIMPLEMENTED.
  const auto* get_lead = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
      "zhaoshang.lead.v1.LeadService.GetLead");
  const grpc::Status garbage = CallBytes(channels_["LeadService"], *get_lead, "\xff\xff\xff\xff");
  EXPECT_EQ(garbage.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << garbage.error_message();
  EXPECT_NE(garbage.error_message().find("GetLeadRequest"), std::string::npos);
}

TEST_F(OutsideInputsTest, EveryRepeatedFieldIsCappedOnEveryRpc) {
  int tried = 0, counter = 0;
  ForEveryMethod(
      [&](const MethodDescriptor& method, const std::shared_ptr<grpc::Channel>& channel) {
        const auto* type = method.input_type();
        for (int i = 0; i < type->field_count(); ++i) {
          const FieldDescriptor* field = type->field(i);
          if (!field->is_repeated()) continue;
          std::unique_ptr<Message> request = WellIdentified(method, &counter);
          const auto* reflection = request->GetReflection();
          for (int n = 0; n <= kMaxRepeatedEntries; ++n) {
            switch (field->cpp_type()) {
              case FieldDescriptor::CPPTYPE_MESSAGE:
                reflection->AddMessage(request.get(), field);
                if (field->is_map()) {  // distinct keys, or the map keeps one entry
                  Message* entry = reflection->MutableRepeatedMessage(request.get(), field, n);
                  const FieldDescriptor* key = entry->GetDescriptor()->map_key();
                  if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
                    entry->GetReflection()->SetString(entry, key, absl::StrCat("k", n));
                  } else if (key->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
                    entry->GetReflection()->SetInt32(entry, key, n);
                  } else if (key->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
                    entry->GetReflection()->SetInt64(entry, key, n);
                  }
                }
                break;
              case FieldDescriptor::CPPTYPE_STRING:
                reflection->AddString(request.get(), field, "2026-01-01");
                break;
              case FieldDescriptor::CPPTYPE_INT64:
                reflection->AddInt64(request.get(), field, n + 1);
                break;
              case FieldDescriptor::CPPTYPE_INT32:
                reflection->AddInt32(request.get(), field, n + 1);
                break;
              case FieldDescriptor::CPPTYPE_ENUM:
                reflection->AddEnumValue(request.get(), field, 1);
                break;
              case FieldDescriptor::CPPTYPE_DOUBLE:
                reflection->AddDouble(request.get(), field, 1);
                break;
              default:
                FAIL() << field->full_name() << ": add a filler for its type";
            }
          }
          const grpc::Status status = CallBytes(channel, method, request->SerializeAsString());
          EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
              << method.full_name() << "." << field->name() << ": " << status.error_message();
          EXPECT_EQ(ViolatedField(status), field->name()) << method.full_name();
          ++tried;
        }
      });
  EXPECT_GE(tried, 5);
}

TEST_F(OutsideInputsTest, SetHolidaysWithTwentyThousandDatesIsRefusedAtOnce) {
  zhaoshang::project::v1::SetHolidaysRequest request;
  request.set_request_id("many-holidays");
  request.set_year(2026);
  for (int i = 0; i < 20000; ++i) request.add_holiday_dates("2026-10-01");
  zhaoshang::project::v1::SetHolidaysResponse response;
  const absl::Time started = absl::Now();
  const grpc::Status status =
      supervision_.projects().stub().SetHolidays(AdminContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "holiday_dates");
  EXPECT_LT(absl::Now() - started, absl::Seconds(2));
}

TEST_F(OutsideInputsTest, AnEchoedValueIsQuotedOnlyInPart) {
  lv1::CreateActivityRequest request;
  request.set_request_id("long-code");
  request.mutable_activity()->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
  request.mutable_activity()->set_title("赴杭州招商");
  request.mutable_activity()->set_office_code(std::string(70000, 'x'));
  request.mutable_activity()->set_start_date("2026-03-10");
  request.mutable_activity()->set_end_date("2026-03-10");
  lv1::Activity created;
  const grpc::Status status =
      supervision_.projects().lead().stub().CreateActivity(StaffContext().get(), request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "activity.office_code");
  EXPECT_LE(status.error_message().size(), 320u) << status.error_message().substr(0, 100);
  EXPECT_LE(status.error_details().size(), 1000u);
  EXPECT_NE(status.error_message().find("xxxx"), std::string::npos) << "a prefix is still quoted";
}

TEST_F(OutsideInputsTest, EveryListAndFilterIsValidatedAlike) {
  int counter = 0, enums = 0, dates = 0, pages = 0, ids = 0;
  ForEveryMethod([&](const MethodDescriptor& method,
                     const std::shared_ptr<grpc::Channel>& channel) {
    const auto* type = method.input_type();
    auto expect_refused = [&](const Message& request, const std::string& path) {
      const grpc::Status status = CallBytes(channel, method, request.SerializeAsString());
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method.full_name() << " " << path << ": " << status.error_message();
      EXPECT_EQ(ViolatedField(status), path)
          << method.full_name() << ": " << status.error_message();
    };
    // Enums out of range and impossible dates, top level and one message deep.
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      if (field->is_repeated()) continue;
      std::vector<std::pair<const FieldDescriptor*, const FieldDescriptor*>> leaves = {
          {nullptr, field}};
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        for (int j = 0; j < field->message_type()->field_count(); ++j) {
          if (!field->message_type()->field(j)->is_repeated()) {
            leaves.push_back({field, field->message_type()->field(j)});
          }
        }
      }
      for (const auto& [outer, leaf] : leaves) {
        const bool is_enum = leaf->cpp_type() == FieldDescriptor::CPPTYPE_ENUM;
        const bool is_date = leaf->type() == FieldDescriptor::TYPE_STRING &&
                             (leaf->name() == "date" || absl::EndsWith(leaf->name(), "_date"));
        if (!is_enum && !is_date) continue;
        std::unique_ptr<Message> request = WellIdentified(method, &counter);
        Message* holder = outer == nullptr
                              ? request.get()
                              : request->GetReflection()->MutableMessage(request.get(), outer);
        if (is_enum) {
          holder->GetReflection()->SetEnumValue(holder, leaf, 999);
          ++enums;
        } else {
          holder->GetReflection()->SetString(holder, leaf, "2026-02-30");
          ++dates;
        }
        expect_refused(*request, outer == nullptr ? leaf->name()
                                                  : absl::StrCat(outer->name(), ".", leaf->name()));
      }
    }
    if (type->FindFieldByName("page_size") != nullptr) {
      std::unique_ptr<Message> request = WellIdentified(method, &counter);
      request->GetReflection()->SetInt32(request.get(), type->FindFieldByName("page_size"), -1);
      expect_refused(*request, "page_size");
      request = WellIdentified(method, &counter);
      request->GetReflection()->SetString(request.get(), type->FindFieldByName("page_token"),
                                          "not-a-token");
      expect_refused(*request, "page_token");
      ++pages;
    }
    // Every mutating RPC; ListAuditEvents' request_id is a filter, not a key.
    if (const auto* id = type->FindFieldByName("request_id");
        id != nullptr && method.name() != "ListAuditEvents") {
      std::unique_ptr<Message> request = NewRequest(method);
      expect_refused(*request, "request_id");
      request->GetReflection()->SetString(request.get(), id, std::string(65, 'r'));
      expect_refused(*request, "request_id");
      ++ids;
    }
  });
  std::printf("refused: %d enums, %d dates, %d lists, %d request ids\n", enums, dates, pages, ids);
  EXPECT_GE(enums, 10);
  EXPECT_GE(dates, 10);
  EXPECT_GE(pages, 15);
  EXPECT_GE(ids, 40);
}

TEST_F(OutsideInputsTest, InfiniteNumbersAreRefusedWherePeopleTypeThem) {
  zhaoshang::supervision::v1::SetScoringRulesRequest request;
  request.set_request_id("inf-weight");
  request.mutable_rules()->set_year(2026);
  auto* band = request.mutable_rules()->add_bands();
  band->set_min_completion(1);
  band->set_points(100);
  (*request.mutable_rules()->mutable_metric_weights())[1] = std::numeric_limits<double>::infinity();
  zhaoshang::supervision::v1::ScoringRules rules;
  grpc::Status status = supervision_.stub().SetScoringRules(AdminContext().get(), request, &rules);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "rules.metric_weights") << status.error_message();
  request.set_request_id("nan-band");
  request.mutable_rules()->clear_metric_weights();
  band->set_points(std::nan(""));
  status = supervision_.stub().SetScoringRules(AdminContext().get(), request, &rules);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "rules.bands.points") << status.error_message();
}

// A retry returns the first answer, on every mutating RPC: the same request
// sent again with its request id answers exactly as the first time.
TEST_F(OutsideInputsTest, EveryMutatingRpcAnswersARetryAsTheFirstTime) {
  int counter = 0, mutating = 0;
  ForEveryMethod(
      [&](const MethodDescriptor& method, const std::shared_ptr<grpc::Channel>& channel) {
        if (method.input_type()->FindFieldByName("request_id") == nullptr ||
            method.name() == "ListAuditEvents") {
          return;
        }
        const std::string bytes = WellIdentified(method, &counter)->SerializeAsString();
        grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel);
        auto call = [&](std::string* answer) {
          grpc::Slice slice(bytes);
          grpc::ByteBuffer in(&slice, 1), out;
          std::unique_ptr<grpc::ClientContext> context = AdminContext();
          std::promise<grpc::Status> done;
          stub.UnaryCall(context.get(),
                         absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                         grpc::StubOptions(), &in, &out,
                         [&done](grpc::Status status) { done.set_value(std::move(status)); });
          const grpc::Status status = done.get_future().get();
          std::vector<grpc::Slice> slices;
          if (status.ok()) {
            (void)out.Dump(&slices);
            for (const auto& part : slices) answer->append(part.begin(), part.end());
          }
          return status;
        };
        std::string first, again;
        const grpc::Status a = call(&first), b = call(&again);
        EXPECT_EQ(a.error_code(), b.error_code()) << method.full_name();
        EXPECT_EQ(first, again) << method.full_name();
        ++mutating;
      });
  EXPECT_GE(mutating, 40);
}

// The case that did not hold: a conversion retried after the project moved
// on answered with the project as it is now (signed), not as first given.
TEST_F(OutsideInputsTest, AConversionRetriedAfterTheProjectMovedOnGetsTheFirstAnswer) {
  auto& leads = supervision_.projects().lead().stub();
  auto& projects = supervision_.projects().stub();
  lv1::Enterprise enterprise;
  ASSERT_TRUE(leads
                  .CreateEnterprise(StaffContext().get(),
                                    EnterpriseRequest("retry-e", "重试医疗器械"), &enterprise)
                  .ok());
  lv1::Lead lead;
  ASSERT_TRUE(
      leads.CreateLead(StaffContext().get(), LeadRequest("retry-lead", enterprise.id()), &lead)
          .ok());
  zhaoshang::project::v1::ConvertLeadToProjectRequest convert;
  convert.set_request_id("retry-convert");
  convert.set_lead_id(lead.id());
  convert.mutable_project()->set_unit_code("town-daliu");
  convert.mutable_project()->set_park_code("park-medical");
  zhaoshang::project::v1::Project first, moved, again;
  grpc::Status status = projects.ConvertLeadToProject(StaffContext().get(), convert, &first);
  ASSERT_TRUE(status.ok()) << status.error_message();

  zhaoshang::project::v1::AddLedgerEntryRequest measure;
  measure.set_request_id("retry-measure");
  measure.mutable_entry()->set_project_id(first.id());
  measure.mutable_entry()->set_kind(zhaoshang::project::v1::LedgerEntry::KIND_MEASURE);
  measure.mutable_entry()->set_content("专班服务");
  zhaoshang::project::v1::LedgerEntry entry;
  ASSERT_TRUE(projects.AddLedgerEntry(StaffContext().get(), measure, &entry).ok());
  zhaoshang::project::v1::SignProjectRequest sign;
  sign.set_request_id("retry-sign");
  sign.set_project_id(first.id());
  sign.set_etag(first.etag());
  sign.set_signed_investment_wan_yuan(30000);
  status = projects.SignProject(StaffContext().get(), sign, &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();

  status = projects.ConvertLeadToProject(StaffContext().get(), convert, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.stage(), zhaoshang::project::v1::STAGE_NEGOTIATING);
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
}

}  // namespace
}  // namespace zs::testing
