#include "tests/bench/http_callers.h"

namespace zs::bench {

HttpCallers::HttpCallers(const std::string& host, int port, int callers) {
  for (int i = 0; i < callers; ++i) {
    auto caller = std::make_unique<Caller>();
    caller->client = std::make_unique<httplib::Client>(host, port);
    caller->client->set_keep_alive(true);
    caller->client->set_read_timeout(30);
    Caller* c = caller.get();
    caller->thread = std::thread([c] {
      for (;;) {
        std::function<void(httplib::Client&)> job;
        {
          std::unique_lock lock(c->mu);
          c->ready.wait(lock, [c] { return c->stop || !c->jobs.empty(); });
          if (c->jobs.empty()) return;
          job = std::move(c->jobs.front());
          c->jobs.pop_front();
        }
        job(*c->client);
      }
    });
    callers_.push_back(std::move(caller));
  }
}

HttpCallers::~HttpCallers() {
  for (auto& c : callers_) {
    {
      std::lock_guard lock(c->mu);
      c->stop = true;
    }
    c->ready.notify_one();
    c->thread.join();
  }
}

void HttpCallers::Post(int caller, std::function<void(httplib::Client&)> job) {
  Caller& c = *callers_[caller % callers_.size()];
  {
    std::lock_guard lock(c.mu);
    c.jobs.push_back(std::move(job));
  }
  c.ready.notify_one();
}

}  // namespace zs::bench
