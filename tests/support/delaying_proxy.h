// A gRPC proxy that plays a slow, unreliable link: it forwards every call
// to the upstream server, and holds back the response to the first call of
// one method for a while after the upstream has answered — long enough for
// the client's deadline to pass. The upstream did the work; the client saw
// a timeout. Exactly what a retry must not do twice.
#pragma once

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/server.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"

namespace zs::testing {

class DelayingProxy {
 public:
  // `method` as on the wire: /zhaoshang.lead.v1.LeadService/CreateLead.
  DelayingProxy(const std::string& upstream, const std::string& method, absl::Duration delay);
  ~DelayingProxy();

  std::string address() const;
  // Calls of `method` forwarded so far (the upstream saw each).
  int forwarded() const { return forwarded_.load(); }

 private:
  class Reactor;
  class Service : public grpc::CallbackGenericService {
   public:
    explicit Service(DelayingProxy* proxy) : proxy_(proxy) {}
    grpc::ServerGenericBidiReactor* CreateReactor(
        grpc::GenericCallbackServerContext* context) override;

   private:
    DelayingProxy* proxy_;
  };

  // Whether this call's response is the one held back.
  bool TakeDelay(const std::string& method);
  void Later(std::function<void()> respond);

  std::shared_ptr<grpc::Channel> upstream_;
  grpc::GenericStub stub_;
  const std::string method_;
  const absl::Duration delay_;
  std::atomic<int> forwarded_{0};
  std::atomic<bool> delayed_{false};
  std::mutex mu_;
  std::vector<std::thread> waiting_;
  Service service_{this};
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace zs::testing
