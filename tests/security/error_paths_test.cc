// AIP-193 field paths are request paths: every INVALID_ARGUMENT answer's
// BadRequest field violation names a field of the request message of the
// RPC that was called (`signed_date` where SignProjectRequest has it, not
// the store's `effective_date`). Every RPC of every service is driven with
// the fuzzers' seed requests and with each of their fields, one at a time,
// made wrong in the ways an outside client makes them wrong.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/raw_call.h"
#include "tests/support/reporting_server.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// Whether `path` ("project.unit_code") names a field of `type`.
bool IsFieldPath(const Descriptor& type, const std::string& path) {
  const Descriptor* current = &type;
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    if (current == nullptr) return false;
    const FieldDescriptor* field = current->FindFieldByName(std::string(part));
    if (field == nullptr) return false;
    current = field->message_type();
  }
  return true;
}

// The seed requests of tests/fuzz/corpus, by method: one byte of method
// index, then the request.
std::map<std::string, std::vector<std::string>> Seeds() {
  std::map<std::string, std::vector<std::string>> seeds;
  const std::map<std::string, std::string> services = {
      {"lead", "zhaoshang.lead.v1.LeadService"},
      {"project", "zhaoshang.project.v1.ProjectService"},
      {"supervision", "zhaoshang.supervision.v1.SupervisionService"},
      {"reporting", "zhaoshang.reporting.v1.ReportingService"}};
  for (const auto& [dir, name] : services) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    for (const auto& file :
         std::filesystem::directory_iterator(std::filesystem::path(ZS_FUZZ_CORPUS) / dir)) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (bytes.empty() || static_cast<unsigned char>(bytes[0]) >= service->method_count()) {
        continue;
      }
      seeds[service->method(static_cast<unsigned char>(bytes[0]))->full_name()].push_back(
          bytes.substr(1));
    }
  }
  return seeds;
}

// Each way a field is made wrong, applied to `holder`'s `field`.
std::vector<std::function<void(Message*)>> Wrongs(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT64:
      return {[field](Message* m) { m->GetReflection()->SetInt64(m, field, -1); },
              [field](Message* m) { m->GetReflection()->SetInt64(m, field, 0); },
              [field](Message* m) { m->GetReflection()->SetInt64(m, field, 4000000000000000000); }};
    case FieldDescriptor::CPPTYPE_INT32:
      return {[field](Message* m) { m->GetReflection()->SetInt32(m, field, -1); },
              [field](Message* m) { m->GetReflection()->SetInt32(m, field, 0); },
              [field](Message* m) { m->GetReflection()->SetInt32(m, field, 2000000000); }};
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return {[field](Message* m) { m->GetReflection()->SetDouble(m, field, -1); },
              [field](Message* m) { m->GetReflection()->SetDouble(m, field, 1e12); }};
    case FieldDescriptor::CPPTYPE_STRING:
      return {
          [field](Message* m) { m->GetReflection()->SetString(m, field, ""); },
          [field](Message* m) { m->GetReflection()->SetString(m, field, std::string(5000, 'x')); },
          [field](Message* m) { m->GetReflection()->SetString(m, field, "2026-13-45"); },
          [field](Message* m) { m->GetReflection()->SetString(m, field, "no-such-code"); }};
    case FieldDescriptor::CPPTYPE_ENUM:
      return {[field](Message* m) { m->GetReflection()->SetEnumValue(m, field, 0); }};
    default:
      return {};
  }
}

// The singular scalar fields of `type`, as chains of fields from the top,
// through at most `depth` messages.
std::vector<std::vector<const FieldDescriptor*>> Leaves(const Descriptor& type, int depth) {
  std::vector<std::vector<const FieldDescriptor*>> leaves;
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->is_repeated()) continue;
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      leaves.push_back({field});
    } else if (depth > 1) {
      for (auto& chain : Leaves(*field->message_type(), depth - 1)) {
        chain.insert(chain.begin(), field);
        leaves.push_back(std::move(chain));
      }
    }
  }
  return leaves;
}

TEST(ErrorPaths, EveryFieldViolationNamesAFieldOfTheRequest) {
  SupervisionServer supervision;
  ReportingServer reporting;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels = {
      {"LeadService", supervision.projects().lead().channel()},
      {"ProjectService", supervision.projects().channel()},
      {"SupervisionService", grpc::CreateChannel(absl::StrCat("127.0.0.1:", supervision.port()),
                                                 grpc::InsecureChannelCredentials())},
      {"ReportingService", reporting.channel()},
  };
  const std::map<std::string, std::vector<std::string>> seeds = Seeds();
  int calls = 0, violations = 0, counter = 0;
  std::set<std::string> wrong;
  for (const char* name :
       {"zhaoshang.lead.v1.LeadService", "zhaoshang.project.v1.ProjectService",
        "zhaoshang.supervision.v1.SupervisionService", "zhaoshang.reporting.v1.ReportingService"}) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    for (int m = 0; m < service->method_count(); ++m) {
      const MethodDescriptor& method = *service->method(m);
      const Message* prototype =
          google::protobuf::MessageFactory::generated_factory()->GetPrototype(method.input_type());
      std::vector<std::string> bases = {""};
      if (auto it = seeds.find(method.full_name()); it != seeds.end()) {
        bases.insert(bases.end(), it->second.begin(), it->second.end());
      }
      auto send = [&](Message& request) {
        if (const auto* id = method.input_type()->FindFieldByName("request_id")) {
          request.GetReflection()->SetString(&request, id, absl::StrCat("paths-", ++counter));
        }
        const grpc::Status status =
            CallBytes(channels[service->name()], method, request.SerializeAsString());
        ++calls;
        if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) return;
        const std::string field = ViolatedField(status);
        if (field.empty() || field == "<no details>") return;
        ++violations;
        if (!IsFieldPath(*method.input_type(), field)) {
          wrong.insert(
              absl::StrCat(method.full_name(), ": ", field, " (", status.error_message(), ")"));
        }
      };
      for (const std::string& base : bases) {
        std::unique_ptr<Message> request(prototype->New());
        ASSERT_TRUE(request->ParseFromString(base));
        send(*request);
        // Each field, down to three messages deep, made wrong alone.
        for (const std::vector<const FieldDescriptor*>& chain : Leaves(*method.input_type(), 3)) {
          if (chain.size() == 1 && chain[0]->name() == "request_id") continue;
          for (const auto& make_wrong : Wrongs(chain.back())) {
            std::unique_ptr<Message> changed(prototype->New());
            ASSERT_TRUE(changed->ParseFromString(base));
            Message* holder = changed.get();
            for (size_t i = 0; i + 1 < chain.size(); ++i) {
              holder = holder->GetReflection()->MutableMessage(holder, chain[i]);
            }
            make_wrong(holder);
            send(*changed);
          }
        }
      }
    }
  }
  std::printf("%d calls, %d field violations\n", calls, violations);
  EXPECT_GE(violations, 300);
  EXPECT_TRUE(wrong.empty()) << "field violations naming no field of the request:\n"
                             << absl::StrJoin(wrong, "\n");
}

}  // namespace
}  // namespace zs::testing
