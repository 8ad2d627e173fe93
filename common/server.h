// Server bootstrap shared by every service: the standard health service
// (grpc.health.v1), server reflection, message-size limits, and a graceful
// shutdown that stops accepting, drains in-flight calls and only then lets
// the caller close its database pool.
#pragma once

#include <grpcpp/impl/service_type.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/request_limits.h"

namespace zs {

struct ServerConfig {
  std::string listen_address = "127.0.0.1:0";
  int max_message_bytes = kMaxMessageBytes;  // common/request_limits.h
  // TLS or plaintext (common/security/tls.h); null: plaintext, for tests.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // If set, a second, plaintext listener serving only grpc.health.v1, for
  // probes that cannot speak TLS (the kubelet's gRPC probe cannot).
  std::string health_listen_address;
};

// A generated callback service and its full name ("zhaoshang.lead.v1.LeadService",
// the generated class's service_full_name()). It is served through a
// LenientService (common/request_parsing.h), so a request protobuf cannot
// parse is answered INVALID_ARGUMENT naming the field, not UNIMPLEMENTED.
struct ServedService {
  grpc::Service* service;
  std::string full_name;
};

class GrpcServer {
 public:
  // The services must outlive the server.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerConfig& config, const std::vector<ServedService>& services);
  ~GrpcServer();

  int port() const { return port_; }
  // What grpc.health.v1 answers (on both listeners); ignored after Shutdown.
  void SetServing(bool serving);
  // Health turns NOT_SERVING, new calls are refused, and calls in flight get
  // up to `grace` to finish before they are cancelled.
  void Shutdown(absl::Duration grace);

 private:
  GrpcServer(std::vector<std::unique_ptr<grpc::Service>> served,
             std::unique_ptr<grpc::Server> server, std::unique_ptr<grpc::Server> health, int port)
      : served_(std::move(served)),
        server_(std::move(server)),
        health_(std::move(health)),
        port_(port) {}
  std::vector<std::unique_ptr<grpc::Service>> served_;  // outlive server_
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
