// The identity service started in-process on a fresh database and a
// loopback port, signing with a TokenAuthority's key (so the services it
// serves accept its tokens), with a real gRPC channel to it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "common/db/worker_pool.h"
#include "services/identity/identity_service.h"
#include "tests/security/security_support.h"
#include "tests/support/in_process_server.h"
#include "tests/support/test_database.h"
#include "zhaoshang/identity/v1/identity_service.grpc.pb.h"

namespace zs::testing {

class IdentityServer {
 public:
  explicit IdentityServer(const TokenAuthority& authority, identity::SessionSettings settings = {});

  TestDatabase& database() { return *database_; }
  std::shared_ptr<grpc::Channel> channel() const { return grpc_.channel(); }
  int port() const { return grpc_.port(); }
  zhaoshang::identity::v1::IdentityService::Stub& stub() { return grpc_.stub(); }

 private:
  std::shared_ptr<TestDatabase> database_;
  WorkerPool pool_;
  identity::IdentityServiceImpl service_;
  InProcessServer<zhaoshang::identity::v1::IdentityService> grpc_;
};

}  // namespace zs::testing
