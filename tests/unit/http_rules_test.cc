// Every RPC of every zhaoshang service carries a google.api.http rule
// (AIP-127) that the gateway can transcode: path variables and the body name
// fields of the request, and no two rules claim the same method and path.
// Read from the descriptor set the gateway itself reads, so a service added
// to ZS_GRPC_PROTOS (proto/CMakeLists.txt) is checked without touching this test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "google/api/annotations.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "proto/descriptor_set.h"

namespace zs {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptorSet;

struct Binding {
  std::string verb;
  std::string path;
  std::string body;
};

std::vector<Binding> BindingsOf(const google::api::HttpRule& rule) {
  std::vector<Binding> out;
  auto add = [&](const google::api::HttpRule& r) {
    switch (r.pattern_case()) {
      case google::api::HttpRule::kGet:
        out.push_back({"GET", r.get(), r.body()});
        break;
      case google::api::HttpRule::kPost:
        out.push_back({"POST", r.post(), r.body()});
        break;
      case google::api::HttpRule::kPut:
        out.push_back({"PUT", r.put(), r.body()});
        break;
      case google::api::HttpRule::kPatch:
        out.push_back({"PATCH", r.patch(), r.body()});
        break;
      case google::api::HttpRule::kDelete:
        out.push_back({"DELETE", r.delete_(), r.body()});
        break;
      case google::api::HttpRule::kCustom:
        out.push_back({r.custom().kind(), r.custom().path(), r.body()});
        break;
      default:
        break;
    }
  };
  add(rule);
  for (const auto& extra : rule.additional_bindings()) add(extra);
  return out;
}

// The field a dotted path (`lead.id`) names in `message`, or null.
const FieldDescriptor* FieldAt(const Descriptor* message, const std::string& dotted) {
  const FieldDescriptor* field = nullptr;
  std::stringstream parts(dotted);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(part);
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

FileDescriptorSet Contracts() {
  FileDescriptorSet set;
  const std::string_view bytes = ContractDescriptorSet();
  EXPECT_TRUE(set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())));
  return set;
}

TEST(HttpRules, EveryRpcHasATranscodableRule) {
  const FileDescriptorSet contracts = Contracts();
  google::protobuf::DescriptorPool built;  // the request types, as the gateway builds them
  for (const auto& file : contracts.file())
    ASSERT_NE(built.BuildFile(file), nullptr) << file.name();
  const google::protobuf::DescriptorPool* pool = &built;
  std::map<std::string, std::string> owner_of;  // "VERB path" → method
  int methods = 0;
  for (const auto& file : contracts.file()) {
    if (file.package().rfind("zhaoshang.", 0) != 0) continue;
    for (const auto& service : file.service()) {
      for (const auto& method : service.method()) {
        const std::string name = file.package() + "." + service.name() + "." + method.name();
        ++methods;
        SCOPED_TRACE(name);
        ASSERT_TRUE(method.options().HasExtension(google::api::http))
            << name << " has no option (google.api.http)";
        const auto bindings = BindingsOf(method.options().GetExtension(google::api::http));
        ASSERT_FALSE(bindings.empty()) << name << ": the rule has no pattern";
        const Descriptor* request =
            pool->FindMessageTypeByName(method.input_type().substr(1));  // drop leading '.'
        ASSERT_NE(request, nullptr) << method.input_type();
        for (const Binding& b : bindings) {
          EXPECT_EQ(b.path.rfind("/v1/", 0), 0u) << b.path;
          const auto [it, inserted] = owner_of.emplace(b.verb + " " + b.path, name);
          EXPECT_TRUE(inserted) << b.verb << " " << b.path << " is also " << it->second;
          static const std::regex kVariable(R"(\{([a-z_.0-9]+)(=[^}]*)?\})");
          for (std::sregex_iterator v(b.path.begin(), b.path.end(), kVariable), end; v != end;
               ++v) {
            const FieldDescriptor* field = FieldAt(request, (*v)[1]);
            ASSERT_NE(field, nullptr) << b.path << ": no field " << (*v)[1];
            EXPECT_FALSE(field->is_repeated()) << b.path;
            EXPECT_NE(field->cpp_type(), FieldDescriptor::CPPTYPE_MESSAGE) << b.path;
          }
          if (b.verb == "GET" || b.verb == "DELETE") {
            EXPECT_TRUE(b.body.empty()) << b.verb << " " << b.path << " has a body";
          } else {
            EXPECT_FALSE(b.body.empty()) << b.verb << " " << b.path << " names no body";
            if (b.body != "*") {
              EXPECT_NE(FieldAt(request, b.body), nullptr) << b.body;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(methods, 100);
}

// A proto under proto/zhaoshang with a service that is not in the descriptor
// set would escape the test above (and the gateway).
TEST(HttpRules, EveryServiceProtoIsInTheDescriptorSet) {
  std::set<std::string> in_set;
  const FileDescriptorSet contracts = Contracts();
  for (const auto& file : contracts.file()) in_set.insert(file.name());
  const std::filesystem::path root = ZS_PROTO_SOURCE_DIR;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "zhaoshang")) {
    if (entry.path().extension() != ".proto") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    if (!std::regex_search(text.str(), std::regex(R"((^|\n)service \w+)"))) continue;
    const std::string name = std::filesystem::relative(entry.path(), root).string();
    EXPECT_TRUE(in_set.count(name)) << name << " is missing from ZS_GRPC_PROTOS";
  }
}

}  // namespace
}  // namespace zs
