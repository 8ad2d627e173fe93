// `zsctl queue list|conflicts|retry|drop` and `zsctl sync`: the changes an
// office recorded while the central services were out of reach, and
// sending them once they are back — in order, exactly once (each keeps its
// request_id), filling in local references (@NAME) from the creates that
// landed before them, and setting aside what the services refuse instead
// of forcing it through. A bad token or an untrusted certificate stops the
// sync with everything still queued: those are not the changes' fault.
#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/cli.h"
#include "client/journal.h"
#include "client/queued_change.h"
#include "client/readable.h"
#include "common/errors.h"
#include "common/security/token.h"

namespace zs::client {
namespace {

using google::protobuf::Message;
using google::protobuf::MethodDescriptor;
using zhaoshang::zsctl::v1::QueuedCall;
using zhaoshang::zsctl::v1::QueuedCalls;
using zhaoshang::zsctl::v1::SyncReport;

const MethodDescriptor* MethodOf(const QueuedCall& entry) {
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(entry.method());
}

std::unique_ptr<Message> New(const google::protobuf::Descriptor& type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

// The queued request, or null when this zsctl cannot read it.
std::unique_ptr<Message> RequestOf(const QueuedCall& entry) {
  const MethodDescriptor* method = MethodOf(entry);
  if (method == nullptr) return nullptr;
  std::unique_ptr<Message> request = New(*method->input_type());
  return entry.request().UnpackTo(request.get()) ? std::move(request) : nullptr;
}

std::string RequestIdOf(const Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  return field == nullptr ? "" : request.GetReflection()->GetString(request, field);
}

std::string QueuedTime(const QueuedCall& entry) {
  return ChinaTime(absl::FromUnixSeconds(entry.queued_time().seconds()));
}

// One row per queued change: what it does to which record.
int PrintEntries(const GlobalOptions& options, const std::vector<QueuedCall>& entries,
                 bool conflicts) {
  if (options.format() != OutputFormat::kTable || !options.columns.empty()) {
    QueuedCalls calls;
    for (const QueuedCall& entry : entries) *calls.add_calls() = entry;
    return Print(options, calls);
  }
  if (entries.empty()) {
    std::cout << (conflicts ? "no changes set aside\n" : "nothing queued\n");
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"#", "change", "record", "ref", "queued (CST)"}};
  if (conflicts) rows[0].push_back("the services' answer");
  for (const QueuedCall& entry : entries) {
    std::unique_ptr<Message> request = RequestOf(entry);
    const MethodDescriptor* method = MethodOf(entry);
    rows.push_back({absl::StrCat(entry.seq()), method != nullptr ? method->name() : entry.method(),
                    request != nullptr ? DescribeChange(*request, entry.references())
                                       : "(not readable by this zsctl)",
                    entry.ref().empty() ? "" : "@" + entry.ref(), QueuedTime(entry)});
    if (conflicts) rows.back().push_back(entry.conflict_reason());
  }
  std::cout << FormatTable(rows);
  if (conflicts) {
    std::cout << "zsctl queue retry N sends one again (after fixing what the services "
                 "refused); zsctl queue drop N forgets it\n";
  }
  return kExitOk;
}

int ListQueue(const GlobalOptions& options, bool conflicts) {
  absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
  if (!profile.ok()) return FailConfiguration(profile.status());
  Journal journal(profile->state_dir, profile->name);
  absl::StatusOr<std::vector<QueuedCall>> entries =
      conflicts ? journal.Conflicts() : journal.Entries();
  if (!entries.ok()) return Fail(entries.status());
  return PrintEntries(options, *entries, conflicts);
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
  std::set<std::string> refused_refs;  // creates set aside: what refers to them cannot land
  int stop_code = kExitOk;
  while (!remaining.empty()) {
    const QueuedCall entry = remaining.front();
    SyncReport::Outcome* outcome = report.add_outcomes();
    outcome->set_seq(entry.seq());
    outcome->set_method(entry.method());
    const MethodDescriptor* method = MethodOf(entry);
    std::unique_ptr<Message> request = RequestOf(entry);
    std::unique_ptr<Message> response;
    grpc::Status status;
    if (method == nullptr) {
      status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "this zsctl does not know the method");
    } else if (request == nullptr) {
      status = grpc::Status(grpc::StatusCode::DATA_LOSS, "the queued request is unreadable");
    } else {
      outcome->set_request_id(RequestIdOf(*request));
      response = New(*method->output_type());
      absl::StatusOr<std::vector<std::string>> waiting =
          ResolveReferences(*request, entry.references(), journal);
      if (!waiting.ok()) {
        status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              std::string(waiting.status().message()));
      } else if (!waiting->empty()) {
        // What it names never landed (set aside, or dropped): it cannot either.
        status = grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                              absl::StrCat("refers to ", absl::StrJoin(*waiting, ", "),
                                           ", which has not landed (see zsctl queue conflicts)"));
      } else {
        status = caller.caller->Call(*method, *request, response.get());
      }
    }
    if (IsQueueable(status)) {
      // Still out of reach: this and everything after it wait, in order.
      outcome->set_outcome("WAITING");
      outcome->set_detail(status.error_message());
      stop_code = kExitUnavailable;
      break;
    }
    if (IsUntrustedCertificate(status) ||
        status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
      // Not this change's fault: nothing is set aside, everything waits.
      report.mutable_outcomes()->RemoveLast();
      report.set_remaining(static_cast<int>(remaining.size()));
      FailCall(status, caller.profile);
      std::cerr << "zsctl: " << remaining.size() << " changes still queued\n";
      return kExitPermission;
    }
    if (status.ok()) {
      outcome->set_outcome("LANDED");
      report.set_landed(report.landed() + 1);
      if (!entry.ref().empty()) {
        if (const int64_t id = CreatedId(*response); id != 0) {
          if (absl::Status kept = journal.RememberReference(entry.ref(), id); !kept.ok()) {
            return Fail(kept);
          }
          outcome->set_detail(absl::StrCat("@", entry.ref(), " = ", id));
        }
      }
    } else {
      outcome->set_outcome("CONFLICT");
      const std::string reason =
          absl::StrCat(StatusCodeName(status.error_code()), ": ", status.error_message());
      outcome->set_detail(reason);
      report.set_conflicts(report.conflicts() + 1);
      if (!entry.ref().empty()) refused_refs.insert(entry.ref());
      QueuedCall aside = entry;
      // Kept with what was resolved, so a retry sends what was meant.
      if (request != nullptr) aside.mutable_request()->PackFrom(*request);
      if (absl::Status kept = journal.SetAside(aside, reason); !kept.ok()) return Fail(kept);
    }
    remaining.erase(remaining.begin());
    if (absl::Status saved = journal.Replace(remaining); !saved.ok()) return Fail(saved);
  }
  report.set_remaining(static_cast<int>(remaining.size()));
  if (int printed = Print(options, report); printed != kExitOk) return printed;
  if (options.format() == OutputFormat::kTable) {
    std::cout << report.landed() << " landed, " << report.conflicts() << " conflicts"
              << (report.conflicts() > 0 ? " (set aside: zsctl queue conflicts)" : "") << ", "
              << report.remaining() << " still queued\n";
  }
  if (stop_code != kExitOk) return stop_code;
  return report.conflicts() > 0 ? kExitConflict : kExitOk;
}

// Takes the set-aside entries numbered `seqs` out of the conflicts file;
// NOT_FOUND names a number that is not there.
absl::StatusOr<std::vector<QueuedCall>> TakeConflicts(Journal& journal,
                                                      const std::vector<int64_t>& seqs) {
  ZS_ASSIGN_OR_RETURN(std::vector<QueuedCall> conflicts, journal.Conflicts());
  std::vector<QueuedCall> taken, kept;
  for (QueuedCall& entry : conflicts) {
    (std::find(seqs.begin(), seqs.end(), entry.seq()) != seqs.end() ? taken : kept)
        .push_back(std::move(entry));
  }
  if (taken.size() != seqs.size()) {
    return absl::NotFoundError("no such change set aside: see zsctl queue conflicts");
  }
  if (absl::Status saved = journal.ReplaceConflicts(kept); !saved.ok()) return saved;
  return taken;
}

int Drop(const GlobalOptions& options, const std::vector<int64_t>& seqs) {
  absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
  if (!profile.ok()) return FailConfiguration(profile.status());
  Journal journal(profile->state_dir, profile->name);
  const auto held = journal.Hold();
  absl::StatusOr<std::vector<QueuedCall>> dropped = TakeConflicts(journal, seqs);
  if (!dropped.ok()) return Fail(dropped.status());
  for (const QueuedCall& entry : *dropped) {
    std::cout << "dropped #" << entry.seq() << " " << entry.method() << "\n";
  }
  return kExitOk;
}

// Puts set-aside changes back at the end of the queue and syncs. A change
// the services refused changed nothing, so it goes with a new request id
// (the old one would only be answered with the old refusal).
int Retry(const GlobalOptions& options, const std::vector<int64_t>& seqs) {
  absl::StatusOr<Profile> profile = options.LoadSelectedProfile();
  if (!profile.ok()) return FailConfiguration(profile.status());
  Journal journal(profile->state_dir, profile->name);
  std::vector<QueuedCall> retried;
  {
    const auto held = journal.Hold();
    absl::StatusOr<std::vector<QueuedCall>> taken = TakeConflicts(journal, seqs);
    if (!taken.ok()) return Fail(taken.status());
    retried = *std::move(taken);
  }
  for (QueuedCall& entry : retried) {
    if (std::unique_ptr<Message> request = RequestOf(entry); request != nullptr) {
      const auto* id = request->GetDescriptor()->FindFieldByName("request_id");
      if (id != nullptr)
        request->GetReflection()->SetString(request.get(), id, "zsctl-" + NewTokenId());
      entry.mutable_request()->PackFrom(*request);
    }
    entry.clear_conflict_reason();
    absl::StatusOr<QueuedCall> queued = journal.Append(entry);
    if (!queued.ok()) return Fail(queued.status());
    std::cout << "#" << entry.seq() << " queued again as #" << queued->seq() << "\n";
  }
  return Sync(options);
}

}  // namespace

void AddOfflineCommands(CLI::App& app, GlobalOptions& options) {
  CLI::App* queue = app.add_subcommand("queue", "changes queued while offline");
  queue->require_subcommand(1);
  queue->add_subcommand("list", "the queued changes, oldest first: what each does to which record")
      ->callback([&options] { g_exit_code = ListQueue(options, false); });
  queue
      ->add_subcommand("conflicts",
                       "changes sync set aside because the services refused them, and why")
      ->callback([&options] { g_exit_code = ListQueue(options, true); });
  auto retry = std::make_shared<std::vector<int64_t>>();
  CLI::App* retry_command =
      queue->add_subcommand("retry", "send set-aside changes again (queue them and sync)");
  retry_command->add_option("number", *retry, "the # zsctl queue conflicts shows")->required();
  retry_command->callback([retry, &options] { g_exit_code = Retry(options, *retry); });
  auto drop = std::make_shared<std::vector<int64_t>>();
  CLI::App* drop_command = queue->add_subcommand("drop", "forget set-aside changes");
  drop_command->add_option("number", *drop, "the # zsctl queue conflicts shows")->required();
  drop_command->callback([drop, &options] { g_exit_code = Drop(options, *drop); });
  app.add_subcommand("sync", "send the queued changes, in order, exactly once")
      ->callback([&options] { g_exit_code = Sync(options); });
}

}  // namespace zs::client
