#include "tests/bench/echo_server.h"

#include <grpcpp/server_builder.h>

#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace zs::bench {
namespace {

class EchoReactor : public grpc::ServerGenericBidiReactor {
 public:
  EchoReactor() { StartRead(&message_); }
  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
      return;
    }
    StartWriteAndFinish(&message_, grpc::WriteOptions(), grpc::Status::OK);
  }
  void OnDone() override { delete this; }

 private:
  grpc::ByteBuffer message_;
};

}  // namespace

grpc::ServerGenericBidiReactor* EchoServer::Service::CreateReactor(
    grpc::GenericCallbackServerContext*) {
  return new EchoReactor();
}

EchoServer::EchoServer() {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterCallbackGenericService(&service_);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) throw std::runtime_error("the echo server did not start");
}

EchoServer::~EchoServer() { server_->Shutdown(); }

std::string EchoServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

}  // namespace zs::bench
