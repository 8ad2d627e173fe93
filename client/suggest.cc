#include "client/suggest.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace zs::client {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const CLI::App* Child(const CLI::App& app, const std::string& word) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(word)) return sub;
  }
  return nullptr;
}

}  // namespace

std::string UnknownCommandMessage(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* at = &app;
  std::string path = app.get_name();
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (absl::StartsWith(word, "-")) {
      // A global option's value is not a command either.
      if (i + 1 < argc && !absl::StrContains(word, "=") &&
          (word == "-p" || word == "--profile" || word == "-o" || word == "--output" ||
           word == "--config" || word == "--columns" || word == "--timeout" ||
           word == "--retries")) {
        ++i;
      }
      continue;
    }
    if (const CLI::App* child = Child(*at, word)) {
      at = child;
      absl::StrAppend(&path, " ", child->get_name());
      continue;
    }
    std::vector<const CLI::App*> subcommands =
        at->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) return "";  // a positional argument of a command
    std::vector<std::pair<size_t, std::string>> close;
    for (const CLI::App* sub : subcommands) {
      std::vector<std::string> names = sub->get_aliases();
      names.push_back(sub->get_name());
      for (const std::string& name : names) {
        const size_t distance = EditDistance(word, name);
        if (distance <= std::max<size_t>(2, word.size() / 3) ||
            (word.size() >= 3 && absl::StartsWith(name, word))) {
          close.emplace_back(distance, name);
        }
      }
    }
    std::sort(close.begin(), close.end());
    std::vector<std::string> names;
    for (const auto& [distance, name] : close) {
      if (names.size() < 4) names.push_back(name);
    }
    std::string message = absl::StrCat("zsctl: \"", word, "\" is not a command of ", path);
    if (!names.empty())
      absl::StrAppend(&message, "; did you mean ", absl::StrJoin(names, ", "), "?");
    return absl::StrCat(message, "\n  (", path, " --help lists them)\n");
  }
  return "";
}

}  // namespace zs::client
