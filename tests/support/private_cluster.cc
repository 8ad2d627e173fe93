#include "tests/support/private_cluster.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/process.h"

namespace zs::testing {
namespace {

constexpr char kPgBin[] = "/usr/lib/postgresql/15/bin";

// Runs a shell command as the cluster's owner; throws when it fails.
void RunAsOwner(const std::string& command) {
  const std::string full =
      getuid() == 0 ? absl::StrCat("runuser -u postgres -- ", command) : command;
  if (std::system(full.c_str()) != 0) throw std::runtime_error("failed: " + full);
}

}  // namespace

PrivateCluster::PrivateCluster() : port_(FreeLoopbackPort()) {
  char pattern[] = "/tmp/zs-cluster-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  if (getuid() == 0) {
    std::system(absl::StrCat("chmod 755 ", dir_, " && chown postgres: ", dir_).c_str());
  }
  RunAsOwner(absl::StrCat(kPgBin, "/initdb -D ", dir_, "/data -U zs --auth=trust ",
                          "--encoding=UTF8 --locale=C.UTF-8 > /dev/null"));
  PgCtl("start", "");
}

PrivateCluster::~PrivateCluster() {
  try {
    PgCtl("stop", "immediate");
  } catch (const std::exception&) {
  }
  std::system(absl::StrCat("rm -rf ", dir_).c_str());
}

std::string PrivateCluster::conninfo() const {
  return absl::StrCat("host=127.0.0.1 port=", port_, " user=zs dbname=postgres");
}

void PrivateCluster::Restart(const std::string& mode) { PgCtl("restart", mode); }

void PrivateCluster::PgCtl(const std::string& action, const std::string& mode) {
  RunAsOwner(absl::StrCat(kPgBin, "/pg_ctl -D ", dir_, "/data -l ", dir_, "/log -w -t 60 ",
                          mode.empty() ? "" : absl::StrCat("-m ", mode, " "),
                          "-o \"-c listen_addresses=127.0.0.1 -c port=", port_,
                          " -c unix_socket_directories=", dir_, "\" ", action, " > /dev/null"));
}

}  // namespace zs::testing
