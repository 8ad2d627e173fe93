// A /metrics endpoint scraped and parsed by prometheus_client's own parser
// (scrape_metrics.py), so the exposition is checked by a reader other than
// the writer. Tests that include this define ZS_SCRAPE_METRICS.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace zs::testing {

// "name{label=value,...}" (labels sorted by name) → value.
using Samples = std::map<std::string, double>;

inline Samples Scrape(int port) {
  const std::string command =
      absl::StrCat("/usr/bin/python3 ", ZS_SCRAPE_METRICS, " http://127.0.0.1:", port, "/metrics");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << "the scrape did not parse: " << output;
  Samples samples;
  for (absl::string_view line : absl::StrSplit(output, '\n', absl::SkipEmpty())) {
    const std::vector<std::string> parts = absl::StrSplit(line, '\t');
    double value = 0;
    if (parts.size() == 3 && absl::SimpleAtod(parts[2], &value)) {
      samples[absl::StrCat(parts[0], "{", parts[1], "}")] = value;
    }
  }
  return samples;
}

inline double Value(const Samples& samples, const std::string& series) {
  auto it = samples.find(series);
  return it == samples.end() ? 0 : it->second;
}

}  // namespace zs::testing
