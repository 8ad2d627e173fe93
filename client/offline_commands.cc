// `zsctl queue list` and `zsctl sync`: the changes an office recorded while
// the central services were unreachable, and sending them once they are
// back — in order, exactly once (each keeps its request_id), and setting
// aside what the services refuse instead of forcing it through.
#include <google/protobuf/descriptor.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "client/cli.h"
#include "client/journal.h"

namespace zs::client {
namespace {

using zhaoshang::zsctl::v1::QueuedCall;
using zhaoshang::zsctl::v1::QueuedCalls;
using zhaoshang::zsctl::v1::SyncReport;

std::string RequestIdOf(const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  return field == nullptr ? "" : request.GetReflection()->GetString(request, field);
}

int ListQueue(const GlobalOptions& options) {
  absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
  if (!profile.ok()) return Fail(profile.status());
  absl::StatusOr<std::vector<QueuedCall>> entries =
      Journal(profile->state_dir, profile->name).Entries();
  if (!entries.ok()) return Fail(entries.status());
  QueuedCalls calls;
  for (QueuedCall& entry : *entries) *calls.add_calls() = std::move(entry);
  return Print(options, calls);
}

int Sync(const GlobalOptions& options) {
  CallerOrExit caller = MakeCaller(options);
  if (caller.caller == nullptr) return caller.exit_code;
  Journal journal(caller.profile.state_dir, caller.profile.name);
  const auto held = journal.Hold();  // commands queuing meanwhile wait for the sync
  absl::StatusOr<std::vector<QueuedCall>> entries = journal.Entries();
  if (!entries.ok()) return Fail(entries.status());

  SyncReport report;
  std::vector<QueuedCall> remaining = *entries;
  while (!remaining.empty()) {
    const QueuedCall entry = remaining.front();
    SyncReport::Outcome* outcome = report.add_outcomes();
    outcome->set_seq(entry.seq());
    outcome->set_method(entry.method());
    const google::protobuf::MethodDescriptor* method =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(entry.method());
    std::unique_ptr<google::protobuf::Message> request, response;
    grpc::Status status;
    if (method == nullptr) {
      status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "this zsctl does not know the method");
    } else {
      request.reset(google::protobuf::MessageFactory::generated_factory()
                        ->GetPrototype(method->input_type())
                        ->New());
      response.reset(google::protobuf::MessageFactory::generated_factory()
                         ->GetPrototype(method->output_type())
                         ->New());
      if (!entry.request().UnpackTo(request.get())) {
        status = grpc::Status(grpc::StatusCode::DATA_LOSS, "the queued request is unreadable");
      } else {
        outcome->set_request_id(RequestIdOf(*request));
        status = caller.caller->Call(*method, *request, response.get());
      }
    }
    if (IsTransient(status.error_code())) {
      // Still unreachable: this and everything after it wait, in order.
      outcome->set_outcome("WAITING");
      outcome->set_detail(status.error_message());
      break;
    }
    if (status.ok()) {
      outcome->set_outcome("LANDED");
      report.set_landed(report.landed() + 1);
    } else {
      outcome->set_outcome("CONFLICT");
      outcome->set_detail(status.error_message());
      report.set_conflicts(report.conflicts() + 1);
      if (absl::Status kept = journal.SetAside(entry, status.error_message()); !kept.ok()) {
        return Fail(kept);
      }
    }
    remaining.erase(remaining.begin());
    if (absl::Status saved = journal.Replace(remaining); !saved.ok()) return Fail(saved);
  }
  report.set_remaining(static_cast<int>(remaining.size()));
  if (int printed = Print(options, report); printed != kExitOk) return printed;
  if (options.format() == OutputFormat::kTable) {
    std::cout << report.landed() << " landed, " << report.conflicts() << " conflicts"
              << (report.conflicts() > 0
                      ? absl::StrCat(" (set aside in ", journal.conflicts_path(), ")")
                      : "")
              << ", " << report.remaining() << " still queued\n";
  }
  if (report.remaining() > 0) return kExitUnavailable;
  return report.conflicts() > 0 ? kExitConflict : kExitOk;
}

}  // namespace

void AddOfflineCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* queue = app.add_subcommand("queue", "changes queued with --queue while offline");
  queue->require_subcommand(1);
  queue->add_subcommand("list", "list the queued changes, oldest first")->callback([&options] {
    g_exit_code = ListQueue(options);
  });
  app.add_subcommand("sync", "send the queued changes, in order, exactly once")
      ->callback([&options] { g_exit_code = Sync(options); });
}

}  // namespace zs::client
