// One subcommand per RPC of the four services, made from the descriptors:
// `zsctl lead create-lead --title … --enterprise-id …` (alias `lead create`),
// `zsctl project list-projects --stage signed --all`, and so on. A new RPC
// gets its command, flags and help without a line of code here.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "client/cli.h"
#include "client/field_docs.h"
#include "client/journal.h"
#include "client/period.h"
#include "client/queued_change.h"
#include "client/readable.h"
#include "client/request_fields.h"
#include "client/token_payload.h"
#include "common/clock.h"
#include "common/security/token.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

namespace zs::client {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// CreateLead → create-lead.
std::string KebabCase(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (absl::ascii_isupper(c) && !out.empty()) out += '-';
    out += absl::ascii_tolower(c);
  }
  return out;
}

// The verb alone when the method acts on the service's own record:
// CreateLead → create, ListProjects → list.
std::string VerbAlias(const MethodDescriptor& method, const std::string& noun) {
  for (const std::string& suffix : {noun + "s", noun}) {
    if (absl::EndsWith(method.name(), suffix) && method.name().size() > suffix.size()) {
      return KebabCase(method.name().substr(0, method.name().size() - suffix.size()));
    }
  }
  return "";
}

std::unique_ptr<Message> NewMessage(const google::protobuf::Descriptor& type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

absl::Status ReadData(const std::string& data, Message& request) {
  std::string json = data;
  if (data == "-") {
    json.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else if (absl::StartsWith(data, "@")) {
    std::ifstream in(data.substr(1));
    if (!in)
      return absl::InvalidArgumentError(absl::StrCat("--data: cannot read ", data.substr(1)));
    json.assign(std::istreambuf_iterator<char>(in), {});
  }
  google::protobuf::util::JsonParseOptions options;
  if (auto status = google::protobuf::util::JsonStringToMessage(json, &request, options);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--data: ", std::string(status.message())));
  }
  return absl::OkStatus();
}

const FieldDescriptor* RequestIdField(const Message& request) {
  const FieldDescriptor* field = request.GetDescriptor()->FindFieldByName("request_id");
  return field != nullptr && field->type() == FieldDescriptor::TYPE_STRING ? field : nullptr;
}

// What an office creates is its own: a record with office_code and
// unit_code both unset gets the profile's office.
void DefaultOffice(Message& request, const std::string& office) {
  if (office.empty()) return;
  const auto& type = *request.GetDescriptor();
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* body = type.field(i);
    if (body->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || body->is_repeated()) continue;
    Message* record = request.GetReflection()->MutableMessage(&request, body);
    const FieldDescriptor* office_field = record->GetDescriptor()->FindFieldByName("office_code");
    const FieldDescriptor* unit_field = record->GetDescriptor()->FindFieldByName("unit_code");
    if (office_field == nullptr || unit_field == nullptr) continue;
    const auto& r = *record->GetReflection();
    if (r.GetString(*record, office_field).empty() && r.GetString(*record, unit_field).empty()) {
      r.SetString(record, office_field, office);
    }
  }
}

// Appends the next pages of a list response while it has a next_page_token.
grpc::Status FollowPages(RpcCaller& caller, const MethodDescriptor& method, Message& request,
                         Message& response) {
  const FieldDescriptor* next = response.GetDescriptor()->FindFieldByName("next_page_token");
  const FieldDescriptor* token = request.GetDescriptor()->FindFieldByName("page_token");
  if (next == nullptr || token == nullptr) return grpc::Status::OK;
  for (;;) {
    const std::string page_token = response.GetReflection()->GetString(response, next);
    if (page_token.empty()) return grpc::Status::OK;
    request.GetReflection()->SetString(&request, token, page_token);
    std::unique_ptr<Message> page(response.New());
    grpc::Status status = caller.Call(method, request, page.get());
    if (!status.ok()) return status;
    response.GetReflection()->ClearField(&response, next);
    response.MergeFrom(*page);
  }
}

// A response carrying a file (exports): written out instead of printed.
bool SaveFile(const Message& response, const std::string& save_as, int* exit_code) {
  const auto& type = *response.GetDescriptor();
  const FieldDescriptor* content = type.FindFieldByName("content");
  const FieldDescriptor* name = type.FindFieldByName("file_name");
  if (content == nullptr || content->type() != FieldDescriptor::TYPE_BYTES) return false;
  std::string path = save_as;
  if (path.empty() && name != nullptr) path = response.GetReflection()->GetString(response, name);
  if (path.empty()) return false;
  const std::string bytes = response.GetReflection()->GetString(response, content);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) {
    std::cerr << "zsctl: cannot write " << path << "\n";
    *exit_code = kExitFailure;
  } else {
    std::cout << "wrote " << path << " (" << bytes.size() << " bytes)\n";
    *exit_code = kExitOk;
  }
  return true;
}

// On a terminal, a call still running after a second (an export, a big
// report, a slow link) shows that it is and for how long.
class ProgressIndicator {
 public:
  ProgressIndicator(const std::string& what, bool enabled) {
    if (!enabled) return;
    thread_ = std::thread([this, what] {
      std::unique_lock lock(mu_);
      const auto started = std::chrono::steady_clock::now();
      bool shown = false;
      while (!done_cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return done_; })) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
        if (seconds < 1) continue;
        std::cerr << "\r" << what << ": waiting for the services, " << seconds << " s"
                  << std::flush;
        shown = true;
      }
      if (shown) std::cerr << "\r\033[K" << std::flush;
    });
  }
  ~ProgressIndicator() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    done_cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable done_cv_;
  bool done_ = false;
  std::thread thread_;
};

struct MethodCommand {
  const MethodDescriptor* method;
  std::map<std::string, std::vector<std::string>> values;  // field path → flag values
  std::map<std::string, CLI::Option*> switches;            // boolean field path → its flag
  std::map<std::string, bool> switch_values;
  std::string data;
  bool all_pages = false;
  bool queue = false;
  bool mine = false;
  std::string ref;  // --ref NAME on a create
  std::string save_as;
  PeriodFlags period;
  std::vector<std::string> period_path;  // e.g. {"report", "period"}; empty: none
  CLI::Option* month_option = nullptr;
  CLI::Option* week_option = nullptr;
  CLI::Option* quarter_option = nullptr;
};

// Where a request takes the period it is about: a DateRange named period,
// at the top (GetProgressRequest.period) or one level down
// (ExportPeriodReportRequest.report.period). Empty when it takes none.
std::vector<std::string> PeriodPath(const google::protobuf::Descriptor& request) {
  auto is_period = [](const FieldDescriptor* field) {
    return field != nullptr && field->name() == "period" && !field->is_repeated() &&
           field->message_type() != nullptr &&
           field->message_type()->full_name() == "zhaoshang.common.v1.DateRange";
  };
  if (is_period(request.FindFieldByName("period"))) return {"period"};
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor* field = request.field(i);
    if (field->message_type() == nullptr || field->is_repeated()) continue;
    if (is_period(field->message_type()->FindFieldByName("period")))
      return {field->name(), "period"};
  }
  return {};
}

bool IsCreate(const MethodDescriptor& method) {
  return absl::StartsWith(method.name(), "Create") || absl::StartsWith(method.name(), "Add");
}
bool IsUpdate(const MethodDescriptor& method) { return absl::StartsWith(method.name(), "Update"); }

// Fields the services set, which a create or update ignores: not offered
// as flags, so --help lists only what a person can give.
bool OutputOnly(const MethodDescriptor& method, const std::string& path) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  const std::string& leaf = parts.back();
  if (!IsCreate(method) && !IsUpdate(method)) return false;
  if (absl::EndsWith(leaf, "_time") && parts.size() > 1) return true;
  return IsCreate(method) && parts.size() == 2 &&
         (leaf == "id" || leaf == "etag" || leaf == "merged_into_id" ||
          leaf == "referred_lead_count" || leaf == "deadlines" || leaf == "project_id");
}

// The record a create or update carries (CreateLeadRequest.lead).
const FieldDescriptor* RecordField(const google::protobuf::Descriptor& request) {
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor* field = request.field(i);
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
        field->message_type()->full_name() != "google.protobuf.FieldMask" &&
        field->message_type()->full_name() != "google.protobuf.Timestamp") {
      return field;
    }
  }
  return nullptr;
}

// A one-day activity gives only its start date: the end date is the same.
void DefaultEndDate(Message& request) {
  const FieldDescriptor* record_field = RecordField(*request.GetDescriptor());
  if (record_field == nullptr) return;
  Message* record = request.GetReflection()->MutableMessage(&request, record_field);
  const auto* start = record->GetDescriptor()->FindFieldByName("start_date");
  const auto* end = record->GetDescriptor()->FindFieldByName("end_date");
  if (start == nullptr || end == nullptr) return;
  const auto& r = *record->GetReflection();
  if (!r.GetString(*record, start).empty() && r.GetString(*record, end).empty()) {
    r.SetString(record, end, r.GetString(*record, start));
  }
}

// The method that reads the record an update changes: UpdateLead → GetLead.
const MethodDescriptor* GetterFor(const MethodDescriptor& update) {
  return update.service()->FindMethodByName("Get" + update.name().substr(strlen("Update")));
}

// An update without --update-mask changes what its flags name; without
// --etag it first reads the record's current etag. Returns the getter's
// answer (the record as it is now), or an error to stop with.
grpc::Status PrepareUpdate(RpcCaller& caller, const MethodDescriptor& method,
                           const MethodCommand& command, Message& request) {
  const FieldDescriptor* record_field = RecordField(*request.GetDescriptor());
  const FieldDescriptor* mask_field = request.GetDescriptor()->FindFieldByName("update_mask");
  if (record_field == nullptr) return grpc::Status::OK;
  Message* record = request.GetReflection()->MutableMessage(&request, record_field);
  if (mask_field != nullptr && !request.GetReflection()->HasField(request, mask_field) &&
      command.data.empty()) {
    auto* mask = dynamic_cast<google::protobuf::FieldMask*>(
        request.GetReflection()->MutableMessage(&request, mask_field));
    const std::string prefix = record_field->name() + ".";
    auto add = [&](const std::string& path) {
      if (!absl::StartsWith(path, prefix)) return;
      const std::string field = path.substr(prefix.size());
      const FieldDescriptor* key = record->GetDescriptor()->field(0);
      if (field != "etag" && field != key->name()) mask->add_paths(field);
    };
    for (const auto& [path, values] : command.values) {
      if (!values.empty()) add(path);
    }
    for (const auto& [path, option] : command.switches) {
      if (option->count() > 0) add(path);
    }
    if (mask->paths().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "nothing to change: give the fields to change as flags");
    }
  }
  const FieldDescriptor* etag = record->GetDescriptor()->FindFieldByName("etag");
  const MethodDescriptor* getter = GetterFor(method);
  if (etag == nullptr || getter == nullptr ||
      !record->GetReflection()->GetString(*record, etag).empty()) {
    return grpc::Status::OK;
  }
  // The getter takes the record's key (id, code) as its first field, or
  // nothing for a singleton (the time limits).
  std::unique_ptr<Message> get = NewMessage(*getter->input_type());
  if (getter->input_type()->field_count() > 0) {
    const FieldDescriptor* key = getter->input_type()->field(0);
    const FieldDescriptor* record_key = record->GetDescriptor()->FindFieldByName(key->name());
    if (record_key == nullptr || record_key->type() != key->type()) return grpc::Status::OK;
    if (key->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      get->GetReflection()->SetInt64(get.get(), key,
                                     record->GetReflection()->GetInt64(*record, record_key));
    } else if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      get->GetReflection()->SetString(get.get(), key,
                                      record->GetReflection()->GetString(*record, record_key));
    } else {
      return grpc::Status::OK;
    }
  }
  std::unique_ptr<Message> current = NewMessage(*getter->output_type());
  grpc::Status read = caller.Call(*getter, *get, current.get());
  if (!read.ok()) return read;
  const FieldDescriptor* current_etag = current->GetDescriptor()->FindFieldByName("etag");
  if (current_etag != nullptr) {
    record->GetReflection()->SetString(record, etag,
                                       current->GetReflection()->GetString(*current, current_etag));
  }
  return grpc::Status::OK;
}

// The record a state change acts on (SignProject, DropLead, CompleteTask …):
// the getter that reads it and the request's key field, or nullptr when the
// request carries no top-level etag. `project_id` is read by GetProject,
// `lead_id` by GetLead; `id` by the Get method whose resource ends the
// method's name (SettleEnterpriseRequest → GetEnterpriseRequest).
const MethodDescriptor* StateChangeGetter(const MethodDescriptor& method,
                                          const FieldDescriptor** key) {
  const auto* type = method.input_type();
  if (type->FindFieldByName("etag") == nullptr || IsUpdate(method)) return nullptr;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_INT64) continue;
    if (field->name() == "id") {
      const std::string& name = method.name();
      for (size_t start = 1; start < name.size(); ++start) {
        if (!absl::ascii_isupper(name[start])) continue;
        if (const auto* getter = method.service()->FindMethodByName("Get" + name.substr(start))) {
          *key = field;
          return getter;
        }
      }
      return nullptr;
    }
    if (absl::EndsWith(field->name(), "_id") && field->name() != "activity_id") {
      std::string resource;
      for (absl::string_view word : absl::StrSplit(
               absl::string_view(field->name()).substr(0, field->name().size() - 3), '_')) {
        std::string part(word);
        part[0] = absl::ascii_toupper(part[0]);
        resource += part;
      }
      *key = field;
      return method.service()->FindMethodByName("Get" + resource);
    }
  }
  return nullptr;
}

// A state change without --etag acts on the record as it is now, as an
// update does: the etag is read first (what the console sends is the etag
// of the page the person looked at).
grpc::Status PrepareStateChange(RpcCaller& caller, const MethodDescriptor& method,
                                Message& request) {
  const FieldDescriptor* key = nullptr;
  const MethodDescriptor* getter = StateChangeGetter(method, &key);
  if (getter == nullptr) return grpc::Status::OK;
  const FieldDescriptor* etag = request.GetDescriptor()->FindFieldByName("etag");
  const int64_t id = request.GetReflection()->GetInt64(request, key);
  if (!request.GetReflection()->GetString(request, etag).empty() || id <= 0) {
    return grpc::Status::OK;  // given, or the service names the missing key
  }
  std::unique_ptr<Message> get = NewMessage(*getter->input_type());
  const FieldDescriptor* get_key = getter->input_type()->FindFieldByName("id");
  if (get_key == nullptr || get_key->cpp_type() != FieldDescriptor::CPPTYPE_INT64) {
    return grpc::Status::OK;
  }
  get->GetReflection()->SetInt64(get.get(), get_key, id);
  std::unique_ptr<Message> current = NewMessage(*getter->output_type());
  grpc::Status read = caller.Call(*getter, *get, current.get());
  if (!read.ok()) return read;
  if (const FieldDescriptor* current_etag = current->GetDescriptor()->FindFieldByName("etag")) {
    request.GetReflection()->SetString(&request, etag,
                                       current->GetReflection()->GetString(*current, current_etag));
  }
  return grpc::Status::OK;
}

// A singular field's value as a person reads it (text as is, enums by name).
std::string FieldText(const Message& message, const FieldDescriptor& field) {
  const auto& r = *message.GetReflection();
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING) return r.GetString(message, &field);
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    return absl::AsciiStrToLower(ShortEnumName(*r.GetEnum(message, &field)));
  }
  std::string text;
  google::protobuf::TextFormat::PrintFieldValueToString(message, &field, -1, &text);
  return text;
}

// A stale etag: someone changed the record since it was read. Shows what
// the fields being changed hold now beside what this update would put
// there, and leaves the decision to the person (no blind retry).
void ShowConflict(RpcCaller& caller, const MethodDescriptor& method, const Message& request) {
  const MethodDescriptor* getter = GetterFor(method);
  const FieldDescriptor* record_field = RecordField(*request.GetDescriptor());
  const FieldDescriptor* mask_field = request.GetDescriptor()->FindFieldByName("update_mask");
  if (getter == nullptr || record_field == nullptr || mask_field == nullptr) return;
  const Message& record = request.GetReflection()->GetMessage(request, record_field);
  std::unique_ptr<Message> get = NewMessage(*getter->input_type());
  if (getter->input_type()->field_count() == 0) return;
  const FieldDescriptor* key = getter->input_type()->field(0);
  const FieldDescriptor* record_key = record.GetDescriptor()->FindFieldByName(key->name());
  if (record_key == nullptr || key->cpp_type() != FieldDescriptor::CPPTYPE_INT64) return;
  get->GetReflection()->SetInt64(get.get(), key,
                                 record.GetReflection()->GetInt64(record, record_key));
  std::unique_ptr<Message> current = NewMessage(*getter->output_type());
  if (!caller.Call(*getter, *get, current.get()).ok()) return;
  const auto& mask = dynamic_cast<const google::protobuf::FieldMask&>(
      request.GetReflection()->GetMessage(request, mask_field));
  std::vector<std::vector<std::string>> rows = {{"field", "now on the server", "this update"}};
  for (const std::string& path : mask.paths()) {
    const FieldDescriptor* field = record.GetDescriptor()->FindFieldByName(path);
    if (field == nullptr || field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) continue;
    rows.push_back({path, FieldText(*current, *field), FieldText(record, *field)});
  }
  std::cerr << "Someone changed it since it was read. The fields this update changes:\n"
            << FormatTable(rows)
            << "Nothing was changed. Run the command again to put these values over theirs.\n";
}

// Who "mine" is: the token's principal (or the development principal).
std::string Me(const RpcCaller& caller) {
  const std::string subject = ReadTokenPayload(caller.token()).subject;
  return subject.empty() ? caller.profile().dev_principal : subject;
}

// The caller's own unit or office, whose row progress tables mark.
std::string OwnUnit(const RpcCaller& caller) {
  if (!caller.profile().office.empty()) return caller.profile().office;
  const std::string unit = ReadTokenPayload(caller.token()).unit;
  return unit.empty() ? caller.profile().dev_unit : unit;
}

// Keeps the leads whose follow-up owner is `me`.
void KeepMine(Message& response, const std::string& me) {
  const FieldDescriptor* list = response.GetDescriptor()->FindFieldByName("leads");
  if (list == nullptr) return;
  const FieldDescriptor* owner = list->message_type()->FindFieldByName("follow_up_owner");
  const auto& r = *response.GetReflection();
  int kept = 0;
  for (int i = 0; i < r.FieldSize(response, list); ++i) {
    const Message& lead = r.GetRepeatedMessage(response, list, i);
    if (lead.GetReflection()->GetString(lead, owner) != me) continue;
    if (i != kept) r.SwapElements(&response, list, i, kept);
    ++kept;
  }
  while (r.FieldSize(response, list) > kept) r.RemoveLast(&response, list);
}

// Enterprise names for the enterprise ids of a lead list, so people see
// who a lead is about. Best effort: an id whose name cannot be read
// shows alone.
std::map<int64_t, std::string> EnterpriseNames(RpcCaller& caller, const Message& response) {
  std::map<int64_t, std::string> names;
  const FieldDescriptor* list = response.GetDescriptor()->FindFieldByName("leads");
  if (list == nullptr || list->message_type()->full_name() != "zhaoshang.lead.v1.Lead") {
    return names;
  }
  constexpr size_t kMaxLookups = 100;
  std::set<int64_t> ids;
  for (int i = 0; i < response.GetReflection()->FieldSize(response, list); ++i) {
    ids.insert(dynamic_cast<const zhaoshang::lead::v1::Lead&>(
                   response.GetReflection()->GetRepeatedMessage(response, list, i))
                   .enterprise_id());
  }
  ids.erase(0);
  if (ids.size() > kMaxLookups) return names;
  const MethodDescriptor* get = zhaoshang::lead::v1::Lead::descriptor()
                                    ->file()
                                    ->FindServiceByName("LeadService")
                                    ->FindMethodByName("GetEnterprise");
  for (int64_t id : ids) {
    zhaoshang::lead::v1::GetEnterpriseRequest request;
    request.set_id(id);
    zhaoshang::lead::v1::Enterprise enterprise;
    if (caller.Call(*get, request, &enterprise).ok()) names[id] = enterprise.name();
  }
  return names;
}

// How many records a list response holds, and their name ("leads").
std::pair<int, std::string> ListSize(const Message& response) {
  const auto& type = *response.GetDescriptor();
  if (!absl::EndsWith(type.name(), "Response") ||
      type.FindFieldByName("next_page_token") == nullptr) {
    return {-1, ""};
  }
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      return {response.GetReflection()->FieldSize(response, field),
              absl::StrReplaceAll(field->name(), {{"_", " "}})};
    }
  }
  return {-1, ""};
}

// Queues `request` for `zsctl sync`: its business dates are today's.
int Queue(const MethodCommand& command, const Profile& profile, Message& request,
          const QueuedReferences& references, const std::string& why) {
  StampBusinessDates(request, TodayInChinaString());
  zhaoshang::zsctl::v1::QueuedCall entry;
  entry.set_method(command.method->full_name());
  entry.mutable_request()->PackFrom(request);
  entry.set_ref(command.ref);
  *entry.mutable_references() = references;
  Journal journal(profile.state_dir, profile.name);
  absl::StatusOr<zhaoshang::zsctl::v1::QueuedCall> queued = journal.Append(std::move(entry));
  if (!queued.ok()) return Fail(queued.status());
  std::cout << "queued #" << queued->seq() << " " << command.method->name()
            << (command.ref.empty() ? "" : " as @" + command.ref) << ": "
            << DescribeChange(request, references) << "\n";
  std::cerr << "zsctl: " << why << "; `zsctl sync` sends it later, exactly once\n";
  return kExitOk;
}

int RunMethod(MethodCommand& command, const GlobalOptions& options) {
  const MethodDescriptor& method = *command.method;
  std::unique_ptr<Message> request = NewMessage(*method.input_type());
  if (!command.data.empty()) {
    if (absl::Status read = ReadData(command.data, *request); !read.ok()) {
      Fail(read);
      return kExitUsage;
    }
  }
  QueuedReferences references;
  for (const auto& [path, values] : command.values) {
    if (values.empty()) continue;
    if (std::any_of(values.begin(), values.end(), IsReference)) {
      auto* reference = references.Add();
      reference->set_field(path);
      for (const std::string& value : values) reference->add_values(value);
      continue;
    }
    if (absl::Status set = SetField(*request, path, values); !set.ok()) {
      Fail(set);
      return kExitUsage;
    }
  }
  for (const auto& [path, option] : command.switches) {
    if (option->count() == 0) continue;
    if (absl::Status set =
            SetField(*request, path, {command.switch_values[path] ? "true" : "false"});
        !set.ok()) {
      Fail(set);
      return kExitUsage;
    }
  }
  if (command.month_option != nullptr) {
    command.period.month_given = command.month_option->count() > 0;
    command.period.week_given = command.week_option->count() > 0;
    command.period.quarter_given = command.quarter_option->count() > 0;
    // The period's message (request.period or request.report.period).
    Message* holder = request.get();
    const FieldDescriptor* period = nullptr;
    for (size_t i = 0; i < command.period_path.size(); ++i) {
      period = holder->GetDescriptor()->FindFieldByName(command.period_path[i]);
      if (i + 1 < command.period_path.size()) {
        holder = holder->GetReflection()->MutableMessage(holder, period);
      }
    }
    // A period given field by field (--period.start-date) or in --data stands.
    if (command.period.any() || !holder->GetReflection()->HasField(*holder, period)) {
      absl::StatusOr<zhaoshang::common::v1::DateRange> range =
          PeriodFromFlags(command.period, TodayInChina());
      if (!range.ok()) {
        Fail(range.status());
        return kExitUsage;
      }
      holder->GetReflection()->MutableMessage(holder, period)->CopyFrom(*range);
    }
  }
  CallerOrExit caller = MakeCaller(options);
  if (caller.caller == nullptr) return caller.exit_code;
  if (absl::Status prepared = caller.caller->Prepare(method); !prepared.ok()) {
    return FailConfiguration(prepared);
  }
  const Profile& profile = caller.profile;

  const FieldDescriptor* request_id = RequestIdField(*request);
  if (request_id != nullptr) {
    // One id for every attempt and any later replay: never done twice.
    if (request->GetReflection()->GetString(*request, request_id).empty()) {
      request->GetReflection()->SetString(request.get(), request_id, "zsctl-" + NewTokenId());
    }
    if (IsCreate(method)) {
      DefaultOffice(*request, profile.office);
      DefaultEndDate(*request);
    }
  }
  const bool may_queue = request_id != nullptr && (command.queue || profile.queue_when_offline);
  // A change that may be queued carries its business dates from the
  // start: every attempt and the replay at sync must be the same request
  // under its request_id (the services refuse a reused id otherwise).
  if (may_queue) StampBusinessDates(*request, TodayInChinaString());
  Journal journal(profile.state_dir, profile.name);
  if (!references.empty()) {
    absl::StatusOr<std::vector<std::string>> waiting =
        ResolveReferences(*request, references, journal);
    if (!waiting.ok()) {
      Fail(waiting.status());
      return kExitUsage;
    }
    if (!waiting->empty()) {
      // What it refers to is itself still queued: it can only follow it.
      if (!may_queue) {
        std::cerr << "zsctl: " << absl::StrJoin(*waiting, ", ")
                  << " has not reached the services yet (it is queued, or no create was named "
                     "so with --ref): run zsctl sync first, or add --queue\n";
        return kExitUsage;
      }
      return Queue(command, profile, *request, references,
                   absl::StrCat(absl::StrJoin(*waiting, ", "), " is still queued"));
    }
    references.Clear();
  }

  std::unique_ptr<Message> response = NewMessage(*method.output_type());
  auto on_retry = [&](int attempt, const grpc::Status& status) {
    if (!options.quiet) {
      std::cerr << "zsctl: attempt " << attempt << " failed (" << status.error_message()
                << "); retrying\n";
    }
  };
  grpc::Status status;
  {
    ProgressIndicator progress(method.name(), !options.quiet && isatty(STDERR_FILENO));
    status = IsUpdate(method) ? PrepareUpdate(*caller.caller, method, command, *request)
                              : PrepareStateChange(*caller.caller, method, *request);
    if (status.ok()) status = caller.caller->Call(method, *request, response.get(), on_retry);
    if (status.ok() && (command.all_pages || command.mine)) {
      status = FollowPages(*caller.caller, method, *request, *response);
    }
  }
  if (!status.ok()) {
    if (may_queue && IsQueueable(status)) {
      return Queue(command, profile, *request, references,
                   absl::StrCat("the services are out of reach (", status.error_message(), ")"));
    }
    if (status.error_code() == grpc::StatusCode::ABORTED && IsUpdate(method)) {
      const int code = Fail(status);
      ShowConflict(*caller.caller, method, *request);
      return code;
    }
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
        status.error_message() == "nothing to change: give the fields to change as flags") {
      Fail(status);
      return kExitUsage;
    }
    const int code = FailCall(status, profile);
    if (may_queue) {
      std::cerr << "  Nothing was queued: waiting for the link would not change this answer.\n";
    }
    return code;
  }
  if (!command.ref.empty()) {
    if (const int64_t id = CreatedId(*response); id != 0) {
      if (absl::Status kept = journal.RememberReference(command.ref, id); !kept.ok()) {
        return Fail(kept);
      }
    }
  }
  if (command.mine) KeepMine(*response, Me(*caller.caller));
  int exit_code = kExitOk;
  if (options.format() != OutputFormat::kTable) return Print(options, *response);
  if (SaveFile(*response, command.save_as, &exit_code)) return exit_code;
  const auto [size, noun] = ListSize(*response);
  if (size == 0) {
    std::cout << "no " << noun << (command.mine ? " of yours" : "")
              << (command.all_pages || command.mine ? "" : " on this page") << "\n";
    return kExitOk;
  }
  if (options.columns.empty()) {
    ReadableContext context;
    context.own_unit = OwnUnit(*caller.caller);
    context.enterprise_names = EnterpriseNames(*caller.caller, *response);
    if (std::optional<std::string> table = RenderReadable(*response, context)) {
      std::cout << *table;
    } else if (int printed = Print(options, *response); printed != kExitOk) {
      return printed;
    }
  } else if (int printed = Print(options, *response); printed != kExitOk) {
    return printed;
  }
  if (size > 0) {
    const FieldDescriptor* next = response->GetDescriptor()->FindFieldByName("next_page_token");
    if (!response->GetReflection()->GetString(*response, next).empty()) {
      std::cerr << "showing the first " << size << " " << noun
                << "; there are more: --all for every row\n";
    } else if (command.mine) {
      std::cerr << size << " " << noun << " whose follow-up owner is you (" << Me(*caller.caller)
                << ")\n";
    }
  }
  return kExitOk;
}

void AddService(CLI::App& app, GlobalOptions& options,
                const google::protobuf::ServiceDescriptor& service, const std::string& group,
                const std::string& noun, const std::string& description) {
  CLI::App* parent = app.add_subcommand(group, description);
  parent->require_subcommand(1);
  for (int i = 0; i < service.method_count(); ++i) {
    const MethodDescriptor& method = *service.method(i);
    auto command = std::make_shared<MethodCommand>();
    command->method = &method;
    CLI::App* sub = parent->add_subcommand(
        KebabCase(method.name()),
        absl::StrCat(method.full_name(), " (", method.input_type()->name(), ")"));
    if (std::string alias = VerbAlias(method, noun); !alias.empty()) sub->alias(alias);
    command->period_path = PeriodPath(*method.input_type());
    const bool has_period = !command->period_path.empty();
    for (const FieldFlag& flag : FlagsFor(*method.input_type())) {
      if (OutputOnly(method, flag.path)) continue;
      std::string names = "--" + flag.name;
      if (!flag.alias.empty()) names += ",--" + flag.alias;
      // What the field means (from the contract's comment), then its type.
      const std::string doc = FieldDoc(*flag.field);
      std::string help = doc.empty() ? flag.help : absl::StrCat(doc, " [", flag.help, "]");
      const FieldDescriptor* state_key = nullptr;
      if ((IsUpdate(method) && absl::EndsWith(flag.path, ".etag")) ||
          (flag.path == "etag" && StateChangeGetter(method, &state_key) != nullptr)) {
        help += "; read from the services when not given";
      } else if (flag.path == "update_mask") {
        help += "; default: the fields given as flags";
      } else if (IsCreate(method) && absl::EndsWith(flag.path, ".end_date")) {
        help += "; default: the start date (a one-day activity)";
      }
      if (flag.boolean) {
        command->switches[flag.path] =
            sub->add_flag(names, command->switch_values[flag.path], help + " (a switch)");
        continue;
      }
      std::vector<std::string>& storage = command->values[flag.path];
      CLI::Option* option = sub->add_option(names, storage, help);
      if (!flag.repeated) {
        option->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      }
    }
    if (has_period) {
      command->month_option =
          sub->add_option("--month", command->period.month,
                          "the period is this month, YYYY-MM (default: the current month)")
              ->expected(0, 1);
      command->week_option =
          sub->add_option("--week", command->period.week,
                          "the period is the Monday–Sunday week holding this day, YYYY-MM-DD "
                          "(default: this week)")
              ->expected(0, 1);
      command->quarter_option =
          sub->add_option("--quarter", command->period.quarter,
                          "the period is this quarter, YYYY-Qn (default: this quarter)")
              ->expected(0, 1);
    }
    sub->add_option(
        "--data", command->data,
        "the request as JSON (proto field names), @FILE or - for stdin; flags override it");
    if (method.input_type()->FindFieldByName("page_token") != nullptr) {
      sub->add_flag("--all", command->all_pages, "follow next_page_token to the last page");
    }
    if (method.output_type()->FindFieldByName("leads") != nullptr) {
      sub->add_flag("--mine", command->mine,
                    "only leads whose follow-up owner is you (reads every page)");
    }
    if (method.input_type()->FindFieldByName("request_id") != nullptr) {
      sub->add_flag("--queue", command->queue,
                    "if the services are out of reach, queue the change for `zsctl sync` "
                    "(profile setting queue_when_offline: always)");
      if (IsCreate(method)) {
        sub->add_option("--ref", command->ref,
                        "name this create so later commands can use its id as @NAME, also "
                        "while both are queued offline");
      }
    }
    if (method.output_type()->FindFieldByName("content") != nullptr) {
      sub->add_option("--save", command->save_as, "where to write the file (default: its name)");
    }
    sub->callback([command, &options] { g_exit_code = RunMethod(*command, options); });
  }
}

// A service of the file that defines `message`: naming a generated message
// keeps its file (and the service) linked in.
const google::protobuf::ServiceDescriptor& Service(const google::protobuf::Descriptor* message,
                                                   const char* name) {
  return *message->file()->FindServiceByName(name);
}

}  // namespace

void AddMethodCommands(CLI::App& app, GlobalOptions& options) {
  AddService(app, options, Service(zhaoshang::lead::v1::Lead::descriptor(), "LeadService"), "lead",
             "Lead", "enterprises, referrers, promotion activities, leads and follow-ups");
  AddService(app, options, Service(zhaoshang::project::v1::Project::descriptor(), "ProjectService"),
             "project", "Project",
             "projects and their stages, ledger, funds and enterprise requests");
  AddService(app, options,
             Service(zhaoshang::supervision::v1::Unit::descriptor(), "SupervisionService"),
             "supervision", "Unit",
             "units and offices, leaders, targets, progress, summaries, rankings, bulletins");
  AddService(
      app, options,
      Service(zhaoshang::reporting::v1::GetPeriodReportRequest::descriptor(), "ReportingService"),
      "reporting", "PeriodReport",
      "period reports, the records behind a figure, exports, bulletin text");
}

}  // namespace zs::client
