// One subcommand per RPC of the four services, made from the descriptors:
// `zsctl lead create-lead --title … --enterprise-id …` (alias `lead create`),
// `zsctl project list-projects --stage signed --all`, and so on. A new RPC
// gets its command, flags and help without a line of code here.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "client/cli.h"
#include "client/journal.h"
#include "client/request_fields.h"
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
  std::string data;
  bool all_pages = false;
  bool queue = false;
  std::string save_as;
};

int RunMethod(MethodCommand& command, const GlobalOptions& options) {
  const MethodDescriptor& method = *command.method;
  std::unique_ptr<Message> request = NewMessage(*method.input_type());
  if (!command.data.empty()) {
    if (absl::Status read = ReadData(command.data, *request); !read.ok()) {
      Fail(read);
      return kExitUsage;
    }
  }
  for (const auto& [path, values] : command.values) {
    if (values.empty()) continue;
    if (absl::Status set = SetField(*request, path, values); !set.ok()) {
      Fail(set);
      return kExitUsage;
    }
  }
  CallerOrExit caller = MakeCaller(options);
  if (caller.caller == nullptr) return caller.exit_code;

  const FieldDescriptor* request_id = RequestIdField(*request);
  if (request_id != nullptr) {
    // One id for every attempt and any later replay: never done twice.
    if (request->GetReflection()->GetString(*request, request_id).empty()) {
      request->GetReflection()->SetString(request.get(), request_id, "zsctl-" + NewTokenId());
    }
    if (absl::StartsWith(method.name(), "Create")) DefaultOffice(*request, caller.profile.office);
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
    status = caller.caller->Call(method, *request, response.get(), on_retry);
    if (status.ok() && command.all_pages) {
      status = FollowPages(*caller.caller, method, *request, *response);
    }
  }
  if (!status.ok()) {
    if (command.queue && request_id != nullptr && IsTransient(status.error_code())) {
      Journal journal(caller.profile.state_dir, caller.profile.name);
      absl::StatusOr<zhaoshang::zsctl::v1::QueuedCall> queued =
          journal.Append(method.full_name(), *request);
      if (!queued.ok()) return Fail(queued.status());
      std::cout << "queued #" << queued->seq() << " " << method.name() << " ("
                << request->GetReflection()->GetString(*request, request_id)
                << "): the services are unreachable; `zsctl sync` sends it later\n";
      return kExitOk;
    }
    return Fail(status);
  }
  int exit_code = kExitOk;
  if (options.format() == OutputFormat::kTable &&
      SaveFile(*response, command.save_as, &exit_code)) {
    return exit_code;
  }
  return Print(options, *response);
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
    for (const FieldFlag& flag : FlagsFor(*method.input_type())) {
      std::string names = "--" + flag.name;
      if (!flag.alias.empty()) names += ",--" + flag.alias;
      std::vector<std::string>& storage = command->values[flag.path];
      CLI::Option* option = sub->add_option(names, storage, flag.help);
      if (!flag.repeated) {
        option->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      }
    }
    sub->add_option(
        "--data", command->data,
        "the request as JSON (proto field names), @FILE or - for stdin; flags override it");
    if (method.input_type()->FindFieldByName("page_token") != nullptr) {
      sub->add_flag("--all", command->all_pages, "follow next_page_token to the last page");
    }
    if (method.input_type()->FindFieldByName("request_id") != nullptr) {
      sub->add_flag("--queue", command->queue,
                    "if the services are unreachable, queue the change for `zsctl sync`");
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
