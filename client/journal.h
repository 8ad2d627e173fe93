// The offline journal: mutations queued with --queue while the central
// services were unreachable, kept in order in one JSON-lines file per
// profile under the profile's state_dir, and replayed by `zsctl sync`.
// Every entry keeps the request_id it was queued with, so a replay that
// was cut off half-way and runs again cannot apply anything twice.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "zhaoshang/zsctl/v1/journal.pb.h"

namespace zs::client {

class Journal {
 public:
  Journal(const std::string& state_dir, const std::string& profile);

  // Holds the journal for this process (flock on a lock file beside it):
  // a sync rewriting the journal and a command appending to it from another
  // terminal take turns, so no queued change is lost between them.
  class Lock {
   public:
    explicit Lock(const std::string& path);
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    int fd_ = -1;
  };
  std::unique_ptr<Lock> Hold() const { return std::make_unique<Lock>(path_ + ".lock"); }

  const std::string& path() const { return path_; }

  // Appends `entry` (its method, request, ref and references set),
  // holding the lock; returns it with its seq and queued_time.
  absl::StatusOr<zhaoshang::zsctl::v1::QueuedCall> Append(zhaoshang::zsctl::v1::QueuedCall entry);
  absl::StatusOr<std::vector<zhaoshang::zsctl::v1::QueuedCall>> Entries() const;
  // Rewrites the journal with `entries` (what is still to replay).
  absl::Status Replace(const std::vector<zhaoshang::zsctl::v1::QueuedCall>& entries);

  // Keeps an entry the services refused (a conflict) for people to look at,
  // retry or drop (`zsctl queue conflicts`).
  absl::Status SetAside(zhaoshang::zsctl::v1::QueuedCall entry, const std::string& reason);
  absl::StatusOr<std::vector<zhaoshang::zsctl::v1::QueuedCall>> Conflicts() const;
  absl::Status ReplaceConflicts(const std::vector<zhaoshang::zsctl::v1::QueuedCall>& entries);
  std::string conflicts_path() const { return path_ + ".conflicts"; }

  // Local references (--ref NAME, used as @NAME): the id a create got once
  // it landed, remembered so later commands and syncs can use it.
  absl::Status RememberReference(const std::string& name, int64_t id);
  // The id, or 0 while the create named `name` has not landed.
  int64_t LookUpReference(const std::string& name) const;
  std::string references_path() const { return path_ + ".refs"; }

 private:
  std::string profile_;
  std::string path_;
};

}  // namespace zs::client
