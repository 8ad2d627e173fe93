#include "client/journal.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"

namespace zs::client {
namespace {

using zhaoshang::zsctl::v1::QueuedCall;

absl::StatusOr<std::string> Line(const QueuedCall& entry) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(entry, &json).ok()) {
    return absl::InternalError("cannot write a journal entry as JSON");
  }
  return json;
}

absl::StatusOr<std::vector<QueuedCall>> ReadEntries(const std::string& path) {
  std::vector<QueuedCall> entries;
  std::ifstream in(path);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    // Empty lines, and the "# reason" lines conflicts were once kept under.
    if (line.empty() || line[0] == '#') continue;
    QueuedCall entry;
    if (!google::protobuf::util::JsonStringToMessage(line, &entry).ok()) {
      return absl::DataLossError(absl::StrCat(path, ":", number, ": not a journal entry"));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

absl::Status WriteEntries(const std::string& path, const std::vector<QueuedCall>& entries) {
  // Written aside and renamed over, so a crash leaves the old or the new
  // journal, never half of one.
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const QueuedCall& entry : entries) {
      ZS_ASSIGN_OR_RETURN(std::string line, Line(entry));
      out << line << "\n";
    }
    out.flush();
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", temporary));
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return absl::UnavailableError(absl::StrCat("cannot replace ", path));
  return absl::OkStatus();
}

}  // namespace

Journal::Journal(const std::string& state_dir, const std::string& profile)
    : profile_(profile), path_(absl::StrCat(state_dir, "/", profile, ".queue.jsonl")) {}

Journal::Lock::Lock(const std::string& path) {
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ >= 0) flock(fd_, LOCK_EX);  // without a lock file, work unlocked
}

Journal::Lock::~Lock() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

absl::StatusOr<QueuedCall> Journal::Append(QueuedCall entry) {
  Lock lock(path_ + ".lock");
  ZS_ASSIGN_OR_RETURN(std::vector<QueuedCall> entries, Entries());
  ZS_ASSIGN_OR_RETURN(std::vector<QueuedCall> conflicts, Conflicts());
  // Numbers are never reused while an entry holds one, set aside or not,
  // so `queue retry 3` means one change.
  int64_t last = 0;
  for (const auto* list : {&entries, &conflicts}) {
    for (const QueuedCall& e : *list) last = std::max(last, e.seq());
  }
  entry.set_seq(last + 1);
  *entry.mutable_queued_time() =
      google::protobuf::util::TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(absl::Now()));
  entry.set_profile(profile_);
  ZS_ASSIGN_OR_RETURN(std::string line, Line(entry));
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ignored);
  std::ofstream out(path_, std::ios::app);
  out << line << "\n";
  out.flush();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path_));
  return entry;
}

absl::StatusOr<std::vector<QueuedCall>> Journal::Entries() const { return ReadEntries(path_); }

absl::Status Journal::Replace(const std::vector<QueuedCall>& entries) {
  return WriteEntries(path_, entries);
}

absl::Status Journal::SetAside(QueuedCall entry, const std::string& reason) {
  entry.set_conflict_reason(reason);
  ZS_ASSIGN_OR_RETURN(std::string line, Line(entry));
  std::ofstream out(conflicts_path(), std::ios::app);
  out << line << "\n";
  return out ? absl::OkStatus() : absl::UnavailableError("cannot write " + conflicts_path());
}

absl::StatusOr<std::vector<QueuedCall>> Journal::Conflicts() const {
  return ReadEntries(conflicts_path());
}

absl::Status Journal::ReplaceConflicts(const std::vector<QueuedCall>& entries) {
  return WriteEntries(conflicts_path(), entries);
}

absl::Status Journal::RememberReference(const std::string& name, int64_t id) {
  std::ofstream out(references_path(), std::ios::app);
  out << name << " " << id << "\n";
  return out ? absl::OkStatus() : absl::UnavailableError("cannot write " + references_path());
}

int64_t Journal::LookUpReference(const std::string& name) const {
  std::ifstream in(references_path());
  int64_t found = 0;  // the last one wins: a name reused later means the later create
  std::string key;
  int64_t id;
  while (in >> key >> id) {
    if (key == name) found = id;
  }
  return found;
}

}  // namespace zs::client
