// Callers for the closed-loop load generator that speak HTTP: one thread and
// one keep-alive connection per caller (cpp-httplib's client blocks), so a
// call posted for caller N runs on N's thread and its `done` starts the next.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace zs::bench {

class HttpCallers {
 public:
  HttpCallers(const std::string& host, int port, int callers);
  ~HttpCallers();
  void Post(int caller, std::function<void(httplib::Client&)> job);

 private:
  struct Caller {
    std::unique_ptr<httplib::Client> client;
    std::mutex mu;
    std::condition_variable ready;
    std::deque<std::function<void(httplib::Client&)>> jobs;
    bool stop = false;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Caller>> callers_;
};

}  // namespace zs::bench
