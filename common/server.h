// Server bootstrap shared by every service: the standard health service
// (grpc.health.v1), server reflection, message-size limits, and a graceful
// shutdown that stops accepting, drains in-flight calls and only then lets
// the caller close its database pool.
#pragma once

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace zs {

struct ServerConfig {
  std::string listen_address = "127.0.0.1:0";
  int max_message_bytes = 4 * 1024 * 1024;
  // TLS or plaintext (common/security/tls.h); null: plaintext, for tests.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // If set, a second, plaintext listener serving only grpc.health.v1, for
  // probes that cannot speak TLS (the kubelet's gRPC probe cannot).
  std::string health_listen_address;
};

class GrpcServer {
 public:
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerConfig& config, const std::vector<grpc::Service*>& services);
  ~GrpcServer();

  int port() const { return port_; }
  // What grpc.health.v1 answers (on both listeners); ignored after Shutdown.
  void SetServing(bool serving);
  // Health turns NOT_SERVING, new calls are refused, and calls in flight get
  // up to `grace` to finish before they are cancelled.
  void Shutdown(absl::Duration grace);

 private:
  GrpcServer(std::unique_ptr<grpc::Server> server, std::unique_ptr<grpc::Server> health, int port)
      : server_(std::move(server)), health_(std::move(health)), port_(port) {}
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> health_;  // may be null
  int port_;
  std::mutex mu_;
  bool shut_down_ = false;
};

// Call first thing in main(), before any thread starts, so SIGTERM and SIGINT
// are delivered only to WaitForTerminationSignal.
void BlockTerminationSignals();
// Blocks until SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

}  // namespace zs
