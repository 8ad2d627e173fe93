// The floor under every service: a bare gRPC server that answers each unary
// call with its own request bytes (callback generic API, no protobuf, no
// database), on loopback, for the load generator to measure side by side.
#pragma once

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/server.h>

#include <memory>
#include <string>

namespace zs::bench {

class EchoServer {
 public:
  EchoServer();
  ~EchoServer();
  std::string address() const;

 private:
  class Service : public grpc::CallbackGenericService {
    grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext*) override;
  };
  Service service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace zs::bench
