// What every in-process test server shares: a service implementation
// listening on a loopback port, a real gRPC channel and stub to it, and the
// order of stopping (the server, then the worker pools its calls run on).
// A test server for a service then holds only its own parts, e.g.
//
//   std::shared_ptr<TestDatabase> database_;
//   WorkerPool pool_;
//   lead::LeadServiceImpl service_;
//   InProcessServer<zhaoshang::lead::v1::LeadService> grpc_{service_, {&pool_}};
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/server.h"

namespace zs::testing {

class InProcessServerBase {
 public:
  // `impl`, served as `full_name`, on 127.0.0.1:`port` (0: a free port).
  // `pools` (the service's, which must outlive this) are shut down after the
  // server stops. Throws std::runtime_error when the server cannot start.
  InProcessServerBase(grpc::Service& impl, std::string full_name, std::vector<WorkerPool*> pools,
                      int port);
  ~InProcessServerBase();
  InProcessServerBase(const InProcessServerBase&) = delete;
  InProcessServerBase& operator=(const InProcessServerBase&) = delete;

  int port() const { return server_->port(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Refuses new calls; those in flight get up to `grace` (GrpcServer::Shutdown).
  void Shutdown(absl::Duration grace) { server_->Shutdown(grace); }

 private:
  std::vector<WorkerPool*> pools_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

// `Service` is the generated service class (zhaoshang::lead::v1::LeadService),
// which names the service and makes the stub.
template <typename Service>
class InProcessServer : public InProcessServerBase {
 public:
  InProcessServer(grpc::Service& impl, std::vector<WorkerPool*> pools, int port = 0)
      : InProcessServerBase(impl, Service::service_full_name(), std::move(pools), port),
        stub_(Service::NewStub(channel())) {}

  typename Service::Stub& stub() { return *stub_; }

 private:
  std::unique_ptr<typename Service::Stub> stub_;
};

}  // namespace zs::testing
