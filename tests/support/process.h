// Starting and stopping service processes for tests that need a real
// process (signals, crashes), and finding a free loopback port.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace zs::testing {

int FreeLoopbackPort();

class ChildProcess {
 public:
  // `log_file`, when given, receives the child's stderr (where services log).
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::string& log_file = "");
  ~ChildProcess();  // SIGKILLs a child still running
  pid_t pid() const { return pid_; }
  void Signal(int signal) const;
  // Waits up to `timeout_ms` for the child to exit; returns its exit status
  // (or -1 on timeout, 128+N when killed by signal N).
  int Wait(int timeout_ms);

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

// Polls grpc.health.v1 at `address` until SERVING or `timeout_ms` passes.
bool WaitUntilServing(const std::string& address, int timeout_ms);

}  // namespace zs::testing
