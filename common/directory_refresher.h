// Keeps a Directory in step with the supervision service's directory: it
// reloads the active units, offices and leaders at once and then every
// `interval`. When the supervision service cannot be reached it keeps the
// list it has (the seed, at first) and logs, so a supervision outage never
// makes valid codes invalid.
#pragma once

#include <grpcpp/channel.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/directory.h"
#include "common/outbound.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

namespace zs {

class DirectoryRefresher {
 public:
  DirectoryRefresher(Directory& directory, std::shared_ptr<grpc::Channel> supervision,
                     absl::Duration interval);
  ~DirectoryRefresher();

  // One reload now; the directory is unchanged when it fails.
  absl::Status RefreshNow();

 private:
  void Loop();

  Directory& directory_;
  OutboundStub<zhaoshang::supervision::v1::SupervisionService> supervision_;
  absl::Duration interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zs
