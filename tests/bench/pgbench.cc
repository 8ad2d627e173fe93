#include "tests/bench/pgbench.h"

#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace zs::bench {
namespace {

std::string Quote(const std::string& text) {
  return "'" + absl::StrReplaceAll(text, {{"'", "'\\''"}}) + "'";
}

}  // namespace

absl::StatusOr<PgbenchResult> RunPgbench(const std::string& pgbench, const std::string& conninfo,
                                         const std::string& script, int clients, int seconds) {
  char path[] = "/tmp/zs-pgbench-XXXXXX.sql";
  const int fd = mkstemps(path, 4);
  if (fd < 0) return absl::InternalError("mkstemps failed");
  close(fd);
  std::ofstream(path) << script;
  // -n: no vacuum of pgbench's own tables (it has none here); the
  // connection string is accepted in place of a database name.
  const std::string command =
      absl::StrCat(pgbench, " -n -c ", clients, " -j ", std::min(clients, 2), " -T ", seconds,
                   " -f ", path, " ", Quote(conninfo), " 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (size_t n; pipe != nullptr && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    output.append(buffer, n);
  }
  const int status = pipe == nullptr ? -1 : pclose(pipe);
  unlink(path);
  std::smatch tps, latency;
  if (status != 0 || !std::regex_search(output, tps, std::regex("tps = ([0-9.]+)"))) {
    return absl::InternalError(absl::StrCat("pgbench failed: ", output));
  }
  PgbenchResult result;
  result.tps = std::stod(tps[1]);
  if (std::regex_search(output, latency, std::regex("latency average = ([0-9.]+) ms"))) {
    result.latency_ms = std::stod(latency[1]);
  }
  return result;
}

}  // namespace zs::bench
