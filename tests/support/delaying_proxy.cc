#include "tests/support/delaying_proxy.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/server_builder.h>

#include <stdexcept>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace zs::testing {

class DelayingProxy::Reactor : public grpc::ServerGenericBidiReactor {
 public:
  Reactor(DelayingProxy* proxy, grpc::GenericCallbackServerContext* context)
      : proxy_(proxy), context_(context) {
    // Credentials and the development identity travel on; the upstream
    // call gets its own deadline so the client giving up does not cancel it.
    for (const auto& [key, value] : context->client_metadata()) {
      const std::string name(key.data(), key.size());
      if (name == "authorization" || absl::StartsWith(name, "x-zs-")) {
        upstream_context_.AddMetadata(name, std::string(value.data(), value.size()));
      }
    }
    upstream_context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::INTERNAL, "the proxy got no request"));
      return;
    }
    const std::string method = context_->method();
    if (method == proxy_->method_) ++proxy_->forwarded_;
    proxy_->stub_.UnaryCall(&upstream_context_, method, grpc::StubOptions(), &request_, &response_,
                            [this, method](grpc::Status status) {
                              if (proxy_->TakeDelay(method)) {
                                proxy_->Later([this, status] { Respond(status); });
                              } else {
                                Respond(status);
                              }
                            });
  }

  void OnDone() override { delete this; }

 private:
  void Respond(const grpc::Status& status) {
    if (status.ok()) {
      StartWriteAndFinish(&response_, grpc::WriteOptions(), status);
    } else {
      Finish(status);
    }
  }

  DelayingProxy* proxy_;
  grpc::GenericCallbackServerContext* context_;
  grpc::ClientContext upstream_context_;
  grpc::ByteBuffer request_, response_;
};

grpc::ServerGenericBidiReactor* DelayingProxy::Service::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  return new Reactor(proxy_, context);
}

DelayingProxy::DelayingProxy(const std::string& upstream, const std::string& method,
                             absl::Duration delay)
    : upstream_(grpc::CreateChannel(upstream, grpc::InsecureChannelCredentials())),
      stub_(upstream_),
      method_(method),
      delay_(delay) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterCallbackGenericService(&service_);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) throw std::runtime_error("the proxy did not start");
}

DelayingProxy::~DelayingProxy() {
  {
    std::lock_guard lock(mu_);
    for (std::thread& t : waiting_) t.join();
  }
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
}

std::string DelayingProxy::address() const { return absl::StrCat("127.0.0.1:", port_); }

bool DelayingProxy::TakeDelay(const std::string& method) {
  return method == method_ && !delayed_.exchange(true);
}

void DelayingProxy::Later(std::function<void()> respond) {
  std::lock_guard lock(mu_);
  waiting_.emplace_back([respond = std::move(respond), delay = delay_] {
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(delay));
    respond();
  });
}

}  // namespace zs::testing
