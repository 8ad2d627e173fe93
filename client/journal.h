// The offline journal: mutations queued with --queue while the central
// services were unreachable, kept in order in one JSON-lines file per
// profile under the profile's state_dir, and replayed by `zsctl sync`.
// Every entry keeps the request_id it was queued with, so a replay that
// was cut off half-way and runs again cannot apply anything twice.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "zhaoshang/zsctl/v1/journal.pb.h"

namespace zs::client {

class Journal {
 public:
  Journal(const std::string& state_dir, const std::string& profile);

  const std::string& path() const { return path_; }

  // Appends `request` for `method` (full name); returns the entry.
  absl::StatusOr<zhaoshang::zsctl::v1::QueuedCall> Append(const std::string& method,
                                                          const google::protobuf::Message& request);
  absl::StatusOr<std::vector<zhaoshang::zsctl::v1::QueuedCall>> Entries() const;
  // Rewrites the journal with `entries` (what is still to replay).
  absl::Status Replace(const std::vector<zhaoshang::zsctl::v1::QueuedCall>& entries);
  // Keeps an entry the services refused (a conflict) for people to look at.
  absl::Status SetAside(const zhaoshang::zsctl::v1::QueuedCall& entry, const std::string& reason);
  std::string conflicts_path() const { return path_ + ".conflicts"; }

 private:
  std::string profile_;
  std::string path_;
};

}  // namespace zs::client
