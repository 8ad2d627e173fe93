#include "client/journal.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

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

absl::StatusOr<QueuedCall> Journal::Append(const std::string& method,
                                           const google::protobuf::Message& request) {
  Lock lock(path_ + ".lock");
  absl::StatusOr<std::vector<QueuedCall>> entries = Entries();
  if (!entries.ok()) return entries.status();
  QueuedCall entry;
  entry.set_seq(entries->empty() ? 1 : entries->back().seq() + 1);
  entry.set_method(method);
  entry.mutable_request()->PackFrom(request);
  *entry.mutable_queued_time() =
      google::protobuf::util::TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(absl::Now()));
  entry.set_profile(profile_);
  absl::StatusOr<std::string> line = Line(entry);
  if (!line.ok()) return line.status();
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ignored);
  std::ofstream out(path_, std::ios::app);
  out << *line << "\n";
  out.flush();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path_));
  return entry;
}

absl::StatusOr<std::vector<QueuedCall>> Journal::Entries() const {
  std::vector<QueuedCall> entries;
  std::ifstream in(path_);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty()) continue;
    QueuedCall entry;
    if (!google::protobuf::util::JsonStringToMessage(line, &entry).ok()) {
      return absl::DataLossError(absl::StrCat(path_, ":", number, ": not a journal entry"));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

absl::Status Journal::Replace(const std::vector<QueuedCall>& entries) {
  // Written aside and renamed over, so a crash leaves the old or the new
  // journal, never half of one.
  const std::string temporary = path_ + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const QueuedCall& entry : entries) {
      absl::StatusOr<std::string> line = Line(entry);
      if (!line.ok()) return line.status();
      out << *line << "\n";
    }
    out.flush();
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", temporary));
  }
  std::error_code error;
  std::filesystem::rename(temporary, path_, error);
  if (error) return absl::UnavailableError(absl::StrCat("cannot replace ", path_));
  return absl::OkStatus();
}

absl::Status Journal::SetAside(const QueuedCall& entry, const std::string& reason) {
  absl::StatusOr<std::string> line = Line(entry);
  if (!line.ok()) return line.status();
  std::ofstream out(conflicts_path(), std::ios::app);
  out << "# " << reason << "\n" << *line << "\n";
  return out ? absl::OkStatus() : absl::UnavailableError("cannot write " + conflicts_path());
}

}  // namespace zs::client
