#include "common/telemetry/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace zs::metrics {
namespace {

prometheus::MetricFamily One(const char* name, const char* help, prometheus::MetricType type,
                             double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return {.name = name, .help = help, .type = type, .metric = {metric}};
}

// Seconds since the epoch at which the machine booted (/proc/stat btime).
double BootTime() {
  std::ifstream in("/proc/stat");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("btime ", 0) == 0) return std::stod(line.substr(6));
  }
  return 0;
}

int OpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  int count = 0;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count - 1;  // the descriptor opendir itself holds
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  // /proc/self/stat: the command (field 2) may hold spaces, so fields are
  // counted from the ')' that closes it; utime, stime are fields 14, 15,
  // starttime 22, vsize 23, rss 24 (pages).
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream fields(stat.substr(close + 2));
  std::vector<std::string> field;
  for (std::string value; fields >> value;) field.push_back(value);
  // field[0] is field 3 (state).
  auto at = [&](int number) { return std::stod(field.at(number - 3)); };
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);

  using prometheus::MetricType;
  return {
      One("process_cpu_seconds_total", "User and system CPU time spent, in seconds.",
          MetricType::Counter, (at(14) + at(15)) / ticks),
      One("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::Gauge,
          at(24) * page),
      One("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::Gauge,
          at(23)),
      One("process_open_fds", "Open file descriptors.", MetricType::Gauge, OpenFds()),
      One("process_max_fds", "Limit on open file descriptors.", MetricType::Gauge,
          static_cast<double>(files.rlim_cur)),
      One("process_start_time_seconds", "Start time of the process since the epoch, in seconds.",
          MetricType::Gauge, BootTime() + at(22) / ticks),
  };
}

}  // namespace zs::metrics
