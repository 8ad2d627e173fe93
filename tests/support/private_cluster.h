// A PostgreSQL cluster of a test's own, for tests that stop and restart the
// database (the shared test cluster must stay up for the other tests). As
// root it runs as the unprivileged 'postgres' user, since initdb refuses root.
#pragma once

#include <string>

namespace zs::testing {

class PrivateCluster {
 public:
  PrivateCluster();  // initdb + start on a free loopback port
  ~PrivateCluster();

  // Admin connection string (database "postgres").
  std::string conninfo() const;
  // pg_ctl restart with the given shutdown mode: "fast" or "immediate".
  void Restart(const std::string& mode);

 private:
  void PgCtl(const std::string& action, const std::string& mode);
  std::string dir_;
  int port_;
};

}  // namespace zs::testing
